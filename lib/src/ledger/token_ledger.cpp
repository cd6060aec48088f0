// TokenLedger: idempotency clashes across the requests of one run.
#include <algorithm>

#include "core/catalog.h"
#include "document/document.h"
#include "tairlint/tairlint.h"

namespace tairlint {

void TokenLedger::Rehash(size_t size) {
  table_.assign(size, 0);
  for (size_t k = 0; k < seen_.size(); ++k) {
    size_t j = seen_[k].hash & (table_.size() - 1);
    while (table_[j] != 0) j = (j + 1) & (table_.size() - 1);
    table_[j] = static_cast<uint32_t>(k + 1);
  }
}

void TokenLedger::Reserve(size_t requests) {
  std::lock_guard<std::mutex> lock(mu_);
  const size_t entries = seen_.size() + requests;
  seen_.reserve(entries);
  strings_.reserve(strings_.size() + requests * 96);  // a token and a path, about; only what is used is touched
  size_t size = std::max<size_t>(64, table_.size());
  while (size < 2 * entries) size *= 2;
  if (size > table_.size()) Rehash(size);
}

void TokenLedger::Record(std::string_view source, Result* result, const CheckOptions& options) {
  if (result->token.empty() || result->action == Action::Unknown) return;
  const uint64_t hash = detail::HashBytes(result->token, static_cast<uint64_t>(result->action));
  std::lock_guard<std::mutex> lock(mu_);
  if (2 * (seen_.size() + 1) > table_.size()) {  // room for one more, at most half full
    Rehash(std::max<size_t>(64, 2 * table_.size()));
  }
  auto token_of = [this](const Seen& e) { return std::string_view(strings_).substr(e.token, e.token_size); };
  const size_t mask = table_.size() - 1;
  size_t i = hash & mask;
  for (; table_[i] != 0; i = (i + 1) & mask) {
    const Seen& e = seen_[table_[i] - 1];
    if (e.hash == hash && e.action == result->action && token_of(e) == result->token) break;
  }
  if (table_[i] == 0) {  // a new token
    Seen e;
    e.hash = hash;
    e.fingerprint = result->fingerprint;
    e.action = result->action;
    e.token = strings_.size();
    e.token_size = static_cast<uint32_t>(result->token.size());
    strings_ += result->token;
    e.source = strings_.size();
    e.source_size = static_cast<uint32_t>(source.size());
    strings_ += source;
    seen_.push_back(e);
    table_[i] = static_cast<uint32_t>(seen_.size());
    return;
  }
  const Seen* it = &seen_[table_[i] - 1];
  if (it->fingerprint == result->fingerprint) return;
  Severity sev = Severity::Error;
  if (!Checker::ApplySeverity(options, "idempotent-token", &sev)) return;
  Finding f;
  f.rule = "idempotent-token";
  f.severity = sev;
  f.code = "IdempotentParameterMismatch";
  if (const CodeInfo* info = FindCode(f.code)) {
    f.http_status = info->http_status;
    auto m = info->messages.find(ActionName(result->action));
    if (m != info->messages.end()) f.message = m->second;
  }
  f.detail = result->token_parameter + " \"" + result->token + "\" was already used by " +
             std::string(std::string_view(strings_).substr(it->source, it->source_size)) +
             " for a different request; a retry must repeat the request exactly";
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
