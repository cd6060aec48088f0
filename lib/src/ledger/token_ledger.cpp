// TokenLedger: idempotency clashes across the requests of one run.
#include <algorithm>
#include <mutex>

#include "core/catalog.h"
#include "document/document.h"
#include "report/report.h"
#include "tairlint/tairlint.h"

namespace tairlint {

// One entry per action and token seen, found through an open-addressing
// table of entry numbers; the entries' strings end to end in one buffer, so
// that a run over many files grows a few buffers, not three strings a file.
struct TokenLedger::Table {
  struct Seen {
    uint64_t hash = 0;
    uint64_t fingerprint = 0;
    size_t token = 0, source = 0;  // in strings
    uint32_t token_size = 0, source_size = 0;
    Action action = Action::Unknown;
  };
  void Rehash(size_t size);  // a table of `size` slots (a power of two) for seen

  std::mutex mu;
  std::vector<Seen> seen;
  std::vector<uint32_t> slots;  // 1 + index in seen, or 0; a power of two in size, at most half full
  std::string strings;
};

TokenLedger::TokenLedger() : table_(std::make_unique<Table>()) {}
TokenLedger::~TokenLedger() = default;

void TokenLedger::Table::Rehash(size_t size) {
  slots.assign(size, 0);
  for (size_t k = 0; k < seen.size(); ++k) {
    size_t j = seen[k].hash & (slots.size() - 1);
    while (slots[j] != 0) j = (j + 1) & (slots.size() - 1);
    slots[j] = static_cast<uint32_t>(k + 1);
  }
}

void TokenLedger::Reserve(size_t requests) {
  Table& t = *table_;
  std::lock_guard<std::mutex> lock(t.mu);
  const size_t entries = t.seen.size() + requests;
  t.seen.reserve(entries);
  t.strings.reserve(t.strings.size() + requests * 96);  // a token and a path, about
  size_t size = std::max<size_t>(64, t.slots.size());
  while (size < 2 * entries) size *= 2;
  if (size > t.slots.size()) t.Rehash(size);
}

void TokenLedger::Record(std::string_view source, Result* result, const CheckOptions& options) {
  if (result->token.empty() || result->action == Action::Unknown) return;
  const uint64_t hash = detail::HashBytes(result->token, static_cast<uint64_t>(result->action));
  Table& t = *table_;
  std::lock_guard<std::mutex> lock(t.mu);
  if (2 * (t.seen.size() + 1) > t.slots.size()) {  // room for one more, at most half full
    t.Rehash(std::max<size_t>(64, 2 * t.slots.size()));
  }
  auto text = [&t](size_t at, uint32_t size) { return std::string_view(t.strings).substr(at, size); };
  const size_t mask = t.slots.size() - 1;
  size_t i = hash & mask;
  for (; t.slots[i] != 0; i = (i + 1) & mask) {
    const Table::Seen& e = t.seen[t.slots[i] - 1];
    if (e.hash == hash && e.action == result->action && text(e.token, e.token_size) == result->token) break;
  }
  if (t.slots[i] == 0) {  // a new token
    Table::Seen e;
    e.hash = hash;
    e.fingerprint = result->fingerprint;
    e.action = result->action;
    e.token = t.strings.size();
    e.token_size = static_cast<uint32_t>(result->token.size());
    t.strings += result->token;
    e.source = t.strings.size();
    e.source_size = static_cast<uint32_t>(source.size());
    t.strings += source;
    t.seen.push_back(e);
    t.slots[i] = static_cast<uint32_t>(t.seen.size());
    return;
  }
  const Table::Seen& first = t.seen[t.slots[i] - 1];
  if (first.fingerprint == result->fingerprint) return;
  Finding f;
  f.rule = "idempotent-token";
  if (!detail::SeverityFor(options, f.rule, &f.severity)) return;
  f.code = "IdempotentParameterMismatch";
  f.detail = result->token_parameter + " \"" + result->token + "\" was already used by " +
             std::string(text(first.source, first.source_size)) +
             " for a different request; a retry must repeat the request exactly";
  detail::FillCode(&f, result->token_parameter, result->action);
  f.pointer = "/" + result->token_parameter;
  f.parameter = result->token_parameter;
  f.line = result->token_line;
  f.column = result->token_column;
  const bool has_end = result->token_end_line > 0 && f.line > 0;
  f.end_line = has_end ? result->token_end_line : f.line;
  f.end_column = has_end ? result->token_end_column : f.column;
  auto pos = std::upper_bound(result->findings.begin(), result->findings.end(), f, [](const Finding& a, const Finding& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  result->findings.insert(pos, std::move(f));
}

}  // namespace tairlint
