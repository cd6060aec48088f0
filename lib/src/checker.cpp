// Checker: one request in, findings out.
//
// The phases of a check, in order:
//  1. input: size limit, encoding (UTF-8 only, BOM skipped), form detection,
//     parsing into the document model (parse-error on failure);
//  2. shape: the document must be an object (not-a-request) naming or
//     implying one action (unknown-action); duplicate keys are marked;
//     a string-encoded Instances is parsed in place (its positions mapped
//     back into the file); query-string tags are folded into a Tag array;
//  3. coercion of every known parameter to its wire type;
//  4. the JSON Schema, through valijson: one error per value, coded by the
//     schema's x-error-code annotations;
//  5. the rule engine (lib/src/rules/), in registry order.
// A value draws at most one error: the first phase or rule to flag it wins.
#include <re2/re2.h>

#include <algorithm>
#include <cstring>

#include "input/parse.h"
#include "input/sniff.h"
#include "ledger/fingerprint.h"
#include "request/context.h"
#include "rules/rule.h"
#include "schema/schema_phase.h"
#include "tairlint/tairlint.h"

namespace tairlint {

// ---------------------------------------------------------------------------

class CheckerImpl {
 public:
  detail::Model model;
  bool ok = false;
  std::string error;

  Result CheckText(std::string_view text, const CheckOptions& options) const;
  Result CheckDom(detail::Node root, std::string_view text, InputFormat format, bool positioned,
                  const CheckOptions& options) const;
};

namespace detail {
namespace {
ParseLimits ToParseLimits(const Limits& l) {
  ParseLimits p;
  p.max_depth = std::min(l.max_depth, kMaxDepthLimit);
  p.max_string_bytes = l.max_string_bytes;
  p.max_nodes = l.max_nodes;
  p.max_documents = l.max_yaml_documents;
  p.max_query_params = l.max_query_params;
  return p;
}

Draft InputError(std::string rule, std::string detail, uint32_t pos) {
  Draft d;
  d.rule = std::move(rule);
  d.detail = std::move(detail);
  d.pos = pos;
  return d;
}


}  // namespace
}  // namespace detail

using detail::Context;
using detail::Draft;
using detail::Kind;
using detail::Node;

Result CheckerImpl::CheckText(std::string_view text, const CheckOptions& options) const {
  detail::TreeScope tree_scope;  // before the first Node: every tree of this check ends before it does
  Result result;
  result.action = options.action;
  result.format = options.format;
  detail::Report report(options.action, options);
  auto finish = [&]() {
    result.findings = report.Finish(text);
    return result;
  };
  if (text.size() > options.limits.max_bytes) {
    report.Add(detail::InputError("parse-error",
                                  "the input is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                                      std::to_string(options.limits.max_bytes),
                                  0));
    return finish();
  }
  if (const char* wide = detail::WideEncoding(text)) {
    report.Add(detail::InputError("parse-error", std::string("the input is ") + wide + " text; tairlint reads UTF-8", 0));
    return finish();
  }
  uint32_t base = text.substr(0, 3) == detail::kBom ? 3 : 0;
  std::string_view body = text.substr(base);
  InputFormat format = options.format == InputFormat::Auto ? detail::DetectFormat(body) : options.format;
  result.format = format;
  detail::ParseLimits limits = detail::ToParseLimits(options.limits);
  detail::ParseError err;
  Node single;             // JSON and query strings hold one request
  std::vector<Node> docs;  // a YAML stream, one or more
  bool parsed = false;
  if (format != InputFormat::Yaml && detail::IsBlank(body)) {
    report.Add(detail::InputError("parse-error", "the input is empty", static_cast<uint32_t>(text.size())));
    return finish();
  }
  switch (format) {
    case InputFormat::Json:
    case InputFormat::Auto:
      parsed = detail::ParseJson(body, base, limits, &single, &err);
      break;
    case InputFormat::Yaml:
      parsed = detail::ParseYaml(body, base, limits, &docs, &err);
      if (parsed && docs.empty()) {
        parsed = false;
        err.message = "the input holds no YAML document";
        err.pos = base;
      }
      break;
    case InputFormat::Query:
      parsed = detail::ParseQuery(body, base, limits, &single, &err);
      break;
  }
  if (!parsed) {
    report.Add(detail::InputError("parse-error",
                                  std::string("not well-formed ") + InputFormatName(format) + ": " + err.message,
                                  err.pos));
    return finish();
  }
  if (format != InputFormat::Yaml) return CheckDom(std::move(single), text, format, true, options);
  if (docs.size() == 1) return CheckDom(std::move(docs[0]), text, format, true, options);
  // A YAML stream of several documents: each is a request of its own. The
  // file's findings limit is shared: each document gets what is left.
  Result merged;
  merged.format = format;
  CheckOptions doc_options = options;
  for (Node& d : docs) {
    Result r = CheckDom(std::move(d), text, format, true, doc_options);
    for (const Finding& f : r.findings) {
      if (f.rule != "finding-limit" && doc_options.limits.max_findings > 0) --doc_options.limits.max_findings;
    }
    if (merged.action == Action::Unknown) merged.action = r.action;
    if (merged.token.empty()) {
      merged.token = r.token;
      merged.fingerprint = r.fingerprint;
      merged.token_line = r.token_line;
      merged.token_column = r.token_column;
      merged.token_parameter = r.token_parameter;
    }
    for (Finding& f : r.findings) merged.findings.push_back(std::move(f));
  }
  std::stable_sort(merged.findings.begin(), merged.findings.end(), [](const Finding& a, const Finding& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return merged;
}

namespace {
Result CheckerError(const std::string& error);
}  // namespace

Result CheckerImpl::CheckDom(Node root, std::string_view text, InputFormat format, bool positioned,
                             const CheckOptions& options) const {
  Result result;
  result.format = format;
  detail::Report report(options.action, options);
  auto finish = [&]() {
    result.findings = report.Finish(positioned ? text : std::string_view());
    if (!positioned) {
      for (Finding& f : result.findings) f.line = f.column = 0;
    }
    return result;
  };
  auto input_error = [&](const char* rule, std::string detail, uint32_t pos) {
    Draft d = detail::InputError(rule, std::move(detail), pos);
    report.Add(std::move(d));
    return finish();
  };
  if (!root.is_object()) {
    return input_error("not-a-request",
                       std::string("a request is an object of parameters; this document is ") +
                           (root.kind == Kind::Array ? "an array" : root.kind == Kind::Null ? "null"
                                                                                             : std::string("a ") + detail::KindName(root.kind)),
                       root.pos);
  }
  const bool duplicate_keys = detail::MarkDuplicates(&root);
  // Only YAML has aliases, and only a text with a `*` can hold one.
  if (format == InputFormat::Yaml && text.find('*') != std::string_view::npos) detail::HideAliasedSecrets(model, &root);

  // ---- which action
  Action action = options.action;
  if (const detail::Member* am = root.member("Action"); am != nullptr && !am->value.is_null()) {
    const Node& v = am->value;
    Action named = v.is_scalar() ? ParseAction(v.text) : Action::Unknown;
    if (named == Action::Unknown) {
      return input_error("unknown-action",
                         "Action must be CreateInstances or CreateTairKVCacheVNode; got " + detail::ShowValue(v), v.pos);
    }
    if (action != Action::Unknown && action != named) {
      return input_error("unknown-action",
                         std::string("the document's Action is ") + ActionName(named) + " but the action to check is " +
                             ActionName(action),
                         v.pos);
    }
    action = named;
  }
  if (action == Action::Unknown) {
    // A flattened Instances (Instances.1.RegionId=...) names the action too.
    bool ci = root.get("Instances") != nullptr ||
              std::any_of(root.members.begin(), root.members.end(),
                          [](const detail::Member& m) { return detail::IsFlattenedInstancesKey(m.key); });
    bool vn = root.get("VkName") != nullptr || root.get("ComputeUnitNum") != nullptr;
    if (ci && vn) {
      return input_error("unknown-action",
                         "the request holds parameters of both CreateInstances (Instances) and CreateTairKVCacheVNode "
                         "(VkName, ComputeUnitNum); name the action with an Action parameter or --action",
                         root.pos);
    }
    if (!ci && !vn) {
      return input_error("unknown-action",
                         "cannot tell the action: add \"Action\": \"CreateInstances\" or \"CreateTairKVCacheVNode\" "
                         "to the request, or pass --action",
                         root.pos);
    }
    action = ci ? Action::CreateInstances : Action::CreateTairKVCacheVNode;
  }
  result.action = action;
  report.set_action(action);

  if (model.For(action) == nullptr) {
    return CheckerError("the schemas of " + std::string(ActionName(action)) + " could not be loaded: " +
                        model.LoadError(action));
  }
  Context ctx(action, model, &root, &report, positioned ? text : std::string_view());
  ctx.duplicate_keys = duplicate_keys;
  detail::ParseLimits limits = detail::ToParseLimits(options.limits);
  if (action == Action::CreateInstances) {
    detail::FlattenedInstances(ctx);
    detail::DecodeInstances(ctx, text, limits, positioned);
  }
  if (format == InputFormat::Query) detail::FoldQueryTags(ctx);
  if (const Node* inst = root.get("Instances");
      inst != nullptr && inst->is_array() && inst->items.size() > options.limits.max_instances) {
    const Node& excess = inst->items[options.limits.max_instances];
    ctx.Emit("instances-format", "InvalidInstances.Malformed", "Instances",
             "Instances holds " + std::to_string(inst->items.size()) + " elements, more than the limit of " +
                 std::to_string(options.limits.max_instances),
             "/Instances", "Instances", excess.pos);
    root.get("Instances")->items.resize(options.limits.max_instances);
  }
  detail::BuildScopes(ctx);

  // The fingerprint is of the request as written (before coercion).
  for (const detail::PropSpec& p : ctx.am.request.props) {
    if (!p.idempotency_token) continue;
    if (const Node* t = root.get(p.name); t != nullptr && t->is_scalar()) {
      result.fingerprint = detail::Fingerprint(ctx);
      result.token = detail::WireText(*t);
      result.token_parameter = p.name;
      if (positioned) detail::LineIndex(text).Locate(t->pos, &result.token_line, &result.token_column);
    }
  }

  detail::Utf8Phase(ctx);
  detail::CoerceScopes(&ctx);
  for (const detail::Rule* rule : detail::EngineRules()) {
    if (rule->BeforeSchema()) rule->Check(ctx);
  }
  detail::SchemaPhase(ctx);
  for (const detail::Rule* rule : detail::EngineRules()) {
    if (!rule->BeforeSchema()) rule->Check(ctx);
  }

  // A malformed token cannot make an idempotency clash.
  if (!result.token.empty() && report.HasError("/" + result.token_parameter)) result.token.clear();
  return finish();
}

// ---------------------------------------------------------------------------

Checker::Checker() : Checker(CheckerConfig()) {}

Checker::Checker(const CheckerConfig& config) : impl_(std::make_unique<CheckerImpl>()) {
  impl_->ok = detail::LoadModel(&impl_->model, &impl_->error);
  if (!impl_->ok) return;
  for (const std::string& file : config.catalog_files) {
    if (!detail::LoadCatalogFile(file, &impl_->model.catalogs, &impl_->error)) {
      impl_->ok = false;
      return;
    }
  }
}

Checker::~Checker() = default;

std::string Checker::RequestSchema(Action action) const {
  nlohmann::json schema = detail::EditorSchema(impl_->model, action);
  return schema.is_null() ? std::string() : schema.dump(2) + "\n";
}

bool Checker::ok() const { return impl_->ok; }
const std::string& Checker::error() const { return impl_->error; }

namespace {
Result CheckerError(const std::string& error) {
  Result r;
  Finding f;
  f.rule = "checker-error";
  f.severity = Severity::Error;
  f.message = f.detail = error;
  r.findings.push_back(std::move(f));
  return r;
}

}  // namespace

// Nothing escapes the API: bad input is a finding, and should a check fail
// in a way no rule foresaw (memory exhausted, say), that is a finding too.
Result Checker::Check(std::string_view text, const CheckOptions& options) const {
  if (!impl_->ok) return CheckerError("the checker could not load its configuration: " + impl_->error);
  try {
    return impl_->CheckText(text, options);
  } catch (const std::exception& e) {
    return CheckerError(std::string("the check failed: ") + e.what());
  }
}

void Checker::Prepare(Action action) const {
  if (!impl_->ok) return;
  try {
    impl_->model.Prepare(action);
  } catch (const std::exception&) {  // memory exhausted: the checks will say
  }
}

Result Checker::CheckJson(const nlohmann::json& request, const CheckOptions& options) const {
  if (!impl_->ok) return CheckerError("the checker could not load its configuration: " + impl_->error);
  detail::TreeScope tree_scope;  // before the first Node, as in CheckText
  Node root;
  if (!detail::FromJson(request, &root)) {
    Result r;
    r.format = InputFormat::Json;
    Finding f;
    f.rule = "parse-error";
    f.message = f.detail = "the document is nested too deeply";
    r.findings.push_back(std::move(f));
    return r;
  }
  // Strings of a parsed document have no raw form: positions are 0.
  try {
    return impl_->CheckDom(std::move(root), std::string_view(), InputFormat::Json, false, options);
  } catch (const std::exception& e) {
    return CheckerError(std::string("the check failed: ") + e.what());
  }
}
}  // namespace tairlint
