// Collecting the findings of one check.
//
// Rules emit `Draft`s that hold a byte offset; `Report` keeps at most one
// error per value (per JSON Pointer), fills in the code's HTTP status and the
// service's message for the action, applies severity overrides, and turns
// offsets into line:column at the end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "model/model.h"
#include "document/name_index.h"
#include "tairlint/tairlint.h"

namespace tairlint::detail {

// A finding before it has a line and column. Every finding of a check is
// one, added to the check's Report.
struct Draft {
  std::string rule;
  Severity severity = Severity::Error;  // set by Report::Add, from rules.json and the options
  std::string code;     // empty: no service code
  std::string name;     // fills {name} in message templates (MissingParameter, InvalidParameter)
  std::string detail;
  std::string pointer;
  std::string parameter;
  uint32_t pos = 0;
  // Just past the offending text (EndOf(node), KeyEndOf(member)); 0, or
  // any offset not past `pos`: no extent, the finding ends where it starts.
  uint32_t end = 0;
  bool positioned = true;  // false: the request had no source text
  uint64_t value_hash = 0;  // Finding::value_hash (Context::Emit)
};

class Report {
 public:
  // Keeps at most `max_findings` findings (the first by position); the
  // rest are counted, and Finish reports them as one finding-limit finding.
  Report(Action action, const CheckOptions& options, uint32_t max_findings)
      : action_(action), options_(options), max_findings_(max_findings) {}
  Report(Action action, const CheckOptions& options)
      : Report(action, options, options.limits.max_findings) {}

  // Adds a finding, its severity the rule's in schemas/rules.json unless the
  // options override it (or turn the rule off). An error for a pointer that
  // already has one is dropped (a value draws at most one error: the first
  // rule it breaks). Returns whether it was added.
  bool Add(Draft d);
  bool HasError(std::string_view pointer) const { return errored_.contains(pointer); }
  bool HasAnyError() const { return any_error_; }
  // HasError(PointerAppend(base, key)) without building the pointer: rules
  // ask this for many members once a request has an error.
  bool HasErrorAt(std::string_view base, std::string_view key) const;
  void set_action(Action a) { action_ = a; }
  // Findings whose pointer is `pointer`, or below it, show `as_written`
  // instead: a key written in another case than the page's spelling, which
  // the checks read under the page's spelling (BuildScopes).
  void Respell(std::string pointer, std::string as_written) {
    respelled_.emplace_back(std::move(pointer), std::move(as_written));
  }

  // Turns the drafts into findings sorted by position, each with the
  // line:column of its start and of its end (`lines`: an index of `text`
  // to use, else one of its own), and with its source line when the options
  // ask for it and `root` (the document of `text`) is given.
  std::vector<Finding> Finish(std::string_view text, LineIndex* lines = nullptr, const Node* root = nullptr);

 private:
  // Keeps the first max_findings_ drafts by position, counting the others.
  void Trim();

  Action action_;
  const CheckOptions& options_;
  uint32_t max_findings_;
  std::vector<Draft> drafts_;
  // Findings past max_findings_: how many of each severity, and where the
  // first of them (by position) is.
  size_t dropped_[3] = {0, 0, 0};
  uint32_t first_dropped_pos_ = UINT32_MAX;
  std::vector<std::pair<std::string, std::string>> respelled_;  // pointer -> as written
  bool dropped_positioned_ = true;
  NameIndex errored_;  // the pointers that have an error
  mutable std::string pointer_;  // HasErrorAt builds its pointer here
  bool any_error_ = false;
};

// Fills a finding's HTTP status and message from its code's entry in
// schemas/codes.json (the action's message, `name` filling {name}); a
// finding without a code has its detail as its message.
void FillCode(Finding* f, std::string_view name, Action action);

// The code to use for a violation that no page documents a code for:
// InvalidInstances.Malformed inside Instances, InvalidParameter elsewhere.
const char* GenericCode(std::string_view pointer);

// The text that stands for a key or value whose text is a secret's
// (HideAliasedSecrets).
constexpr std::string_view kHiddenSecret = "(secret)";

// PointerAppend and PointerAppendTo: document/document.h.

// A short, printable rendering of a value for details: `"abc"`, `12`,
// `true`, `an object`. Long text is shortened (an ellipsis and the full
// length); a node whose text is a secret's shows as "(secret)". Not for the
// values of secret parameters, which details never quote.
std::string ShowValue(const Node& n);
// "a string", "an integer", "true or false", ...
std::string DescribeType(WireType t);

}  // namespace tairlint::detail
