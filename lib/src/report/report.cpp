#include "report/report.h"

#include "report/source_line.h"

#include <algorithm>

#include "core/catalog.h"
#include "model/model.h"

namespace tairlint::detail {

const char* GenericCode(std::string_view pointer) {
  constexpr std::string_view kInstances = "/Instances";
  if (pointer.substr(0, kInstances.size()) == kInstances &&
      (pointer.size() == kInstances.size() || pointer[kInstances.size()] == '/')) {
    return "InvalidInstances.Malformed";
  }
  return "InvalidParameter";
}

bool Report::HasErrorAt(std::string_view base, std::string_view key) const {
  if (!any_error_) return false;
  // A few errors: compare in place. Many (a long Instances full of
  // mistakes): the index, with the pointer built in a reused buffer, so
  // that the cost stays linear and allocates nothing. A key that the
  // pointer escapes or shortens takes the second way too.
  if (errored_.size() > 8 || key.size() > kExcerptCodePoints || key.find_first_of("~/") != std::string_view::npos) {
    PointerAppendTo(&pointer_, base, key);
    return HasError(pointer_);
  }
  for (uint32_t i = 0; i < errored_.size(); ++i) {
    const std::string& p = errored_.name(i);
    if (p.size() == base.size() + 1 + key.size() && p.compare(0, base.size(), base) == 0 && p[base.size()] == '/' &&
        p.compare(base.size() + 1, key.size(), key) == 0) {
      return true;
    }
  }
  return false;
}

namespace {

// Shortens a finding's field to about `max_bytes`, the way Excerpt does: a
// safety net under the per-value excerpts, so that no finding is large.
void Clip(std::string* s, size_t max_bytes) {
  if (s->size() <= max_bytes) return;
  size_t end = max_bytes;
  while (end > 0 && IsUtf8Continuation((*s)[end])) --end;
  const size_t full = s->size();
  s->resize(end);
  *s += LengthMark(full);
}

}  // namespace


std::string ShowValue(const Node& n) {
  if (n.secret) return std::string(kHiddenSecret);
  switch (n.kind) {
    case Kind::Null: return "null";
    case Kind::Array: return "an array";
    case Kind::Object: return "an object";
    case Kind::Bool:
    case Kind::Number: return Excerpt(n.text);
    case Kind::Integer: return std::to_string(n.integer);
    case Kind::String: break;
  }
  // A quoted string, shortened to 40 code points (an ellipsis and the full
  // length), with control characters shown as escapes so that a detail
  // stays on one line.
  std::string out = "\"";
  const size_t end = ExcerptEnd(n.text, 40);
  for (size_t i = 0; i < end; ++i) {
    unsigned char c = static_cast<unsigned char>(n.text[i]);
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
    } else if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out += "\"";
  if (end < n.text.size()) out += LengthMark(n.text.size());
  return out;
}

std::string DescribeType(WireType t) {
  switch (t) {
    case WireType::String: return "a string";
    case WireType::Integer: return "an integer";
    case WireType::Boolean: return "true or false";
    case WireType::Array: return "an array";
    case WireType::Object: return "an object";
    case WireType::Any: break;
  }
  return "a value";
}

bool Report::Add(Draft d) {
  const Severity by_default = DefaultSeverity(d.rule);
  Severity sev = by_default;
  if (!ApplyOverride(options_, d.rule, &sev)) return false;
  // "At most one error per value" is about what the service would answer,
  // so it applies to the rule's default severity.
  if (by_default == Severity::Error && !d.pointer.empty()) {
    const size_t before = errored_.size();
    errored_.Insert(d.pointer);
    if (errored_.size() == before) return false;  // this pointer has its error already
  }
  d.severity = sev;
  if (sev == Severity::Error) any_error_ = true;
  // Every text from the request was quoted through Excerpt; these bounds
  // only make sure that no finding grows large whatever a rule wrote.
  constexpr size_t kMaxField = 1024;
  Clip(&d.detail, kMaxField);
  Clip(&d.name, kMaxField);
  Clip(&d.pointer, kMaxField);
  Clip(&d.parameter, kMaxField);
  drafts_.push_back(std::move(d));
  // At most twice the kept findings are held at any time.
  if (drafts_.size() >= 2 * static_cast<size_t>(max_findings_) + 64) Trim();
  return true;
}

void FillCode(Finding* f, std::string_view name, Action action) {
  if (!f->code.empty()) {
    if (const CodeInfo* info = FindCode(f->code)) {
      f->http_status = info->http_status;
      auto it = info->messages.find(ActionName(action));
      if (it == info->messages.end()) it = info->messages.begin();
      if (it != info->messages.end()) {
        f->message = it->second;
        size_t at = f->message.find("{name}");
        if (at != std::string::npos) f->message.replace(at, 6, name);
      }
    } else {
      f->http_status = 400;
    }
  }
  if (f->message.empty()) f->message = f->detail;
}

void Report::Trim() {
  std::stable_sort(drafts_.begin(), drafts_.end(),
                   [](const Draft& a, const Draft& b) { return a.pos < b.pos; });
  if (drafts_.size() <= max_findings_) return;
  for (size_t i = max_findings_; i < drafts_.size(); ++i) {
    const Draft& d = drafts_[i];
    ++dropped_[static_cast<int>(d.severity)];
    if (d.pos < first_dropped_pos_) {
      first_dropped_pos_ = d.pos;
      dropped_positioned_ = d.positioned;
    }
  }
  drafts_.resize(max_findings_);
}

std::vector<Finding> Report::Finish(std::string_view text, LineIndex* index, const Node* root) {
  LineIndex own(index != nullptr ? std::string_view() : text);
  LineIndex& lines = index != nullptr ? *index : own;
  Trim();
  const size_t dropped = dropped_[0] + dropped_[1] + dropped_[2];
  if (dropped > 0) {
    // Reaching the limit is a finding of its own, as severe as the worst
    // finding it leaves out, so that the exit status does not change.
    Draft d;
    d.rule = "finding-limit";
    d.severity = dropped_[2] > 0 ? Severity::Error : dropped_[1] > 0 ? Severity::Warning : Severity::Info;
    d.detail = "the report of this file stops at " + std::to_string(max_findings_) + " findings (--max-findings); " +
               std::to_string(dropped) + " more are not listed (" + std::to_string(dropped_[2]) + " errors, " +
               std::to_string(dropped_[1]) + " warnings, " + std::to_string(dropped_[0]) + " infos), from here on";
    d.pos = first_dropped_pos_;
    d.positioned = dropped_positioned_;
    drafts_.push_back(std::move(d));
  }
  std::vector<Finding> out;
  out.reserve(drafts_.size());
  // The ends, located after the starts in increasing order of their own
  // (LineIndex answers increasing offsets on one line at the cost of the
  // distance between them): many findings ending at the end of one long
  // line cost the line once, not once each.
  std::vector<std::pair<uint32_t, size_t>> ends;  // (end, index in out)
  const bool show_lines = options_.source_lines && root != nullptr && !text.empty();
  const std::vector<TextSpan> spans = show_lines ? SpansOf(*root) : std::vector<TextSpan>();
  for (Draft& d : drafts_) {
    Finding f;
    f.rule = std::move(d.rule);
    f.severity = d.severity;
    f.code = std::move(d.code);
    f.detail = std::move(d.detail);
    FillCode(&f, d.name, action_);
    f.pointer = std::move(d.pointer);
    for (const auto& [pointer, written] : respelled_) {
      if (f.pointer.compare(0, pointer.size(), pointer) == 0 &&
          (f.pointer.size() == pointer.size() || f.pointer[pointer.size()] == '/')) {
        f.pointer.replace(0, pointer.size(), written);
      }
    }
    f.parameter = std::move(d.parameter);
    f.value_hash = d.value_hash;
    if (d.positioned) {
      lines.Locate(d.pos, &f.line, &f.column);
      f.end_line = f.line;
      f.end_column = f.column;
      if (d.end > d.pos) ends.emplace_back(d.end, out.size());
      if (show_lines) f.source = ShowSourceLine(text, d.pos, d.end, spans);
    }
    out.push_back(std::move(f));
  }
  drafts_.clear();
  std::sort(ends.begin(), ends.end());
  for (const auto& [end, i] : ends) lines.Locate(end, &out[i].end_line, &out[i].end_column);
  return out;
}

}  // namespace tairlint::detail

namespace tairlint {

std::optional<Finding> MakeFinding(std::string_view rule, std::string detail, int line, int column,
                                   const CheckOptions& options) {
  Finding f;
  f.rule = std::string(rule);
  if (!detail::SeverityFor(options, rule, &f.severity)) return std::nullopt;
  f.detail = std::move(detail);
  detail::FillCode(&f, {}, Action::Unknown);
  f.line = f.end_line = line;
  f.column = f.end_column = column;
  return f;
}

}  // namespace tairlint
