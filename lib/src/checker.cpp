// Checker: one request in, findings out. The pipeline, in order:
//  1. input (input/): size limit, encoding (UTF-8 only, BOM skipped), form
//     detection, parsing into the document tree (parse-error on failure);
//  2. request (request/): the document must be an object (not-a-request)
//     naming or implying one action (unknown-action); duplicate keys are
//     marked; a string-encoded Instances is parsed in place; query-string
//     tags are folded into a Tag array; the request's objects become scopes;
//  3. coercion of every known parameter to its wire type;
//  4. the rules that judge the input's shape, then the JSON Schema
//     (schema/), then the rule engine (rules/), in registry order.
// Every phase reports through the check's Report (report/): a value draws
// at most one error, the first phase or rule to flag it.
#include <algorithm>

#include "input/parse.h"
#include "input/sniff.h"
#include "ledger/fingerprint.h"
#include "request/context.h"
#include "rules/rule.h"
#include "schema/schema_phase.h"
#include "tairlint/tairlint.h"

namespace tairlint {

class CheckerImpl {
 public:
  detail::Model model;
  bool ok = false;
  std::string error;

  Result CheckText(std::string_view text, const CheckOptions& options) const;
  // `line_starts`: of `text` when the parser found them (LineIndex), else
  // empty.
  Result CheckDom(detail::Node root, std::string_view text, InputFormat format, bool positioned,
                  const CheckOptions& options, detail::TreeVector<uint32_t> line_starts = {}) const;
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

// A finding about the input as a whole (no parameter, no code).
Draft InputError(std::string rule, std::string detail, uint32_t pos, bool positioned = true) {
  Draft d;
  d.rule = std::move(rule);
  d.detail = std::move(detail);
  d.pos = pos;
  d.positioned = positioned;
  return d;
}

// One finding, made outside any check (the checker itself failed).
Result CheckerError(std::string error, const CheckOptions& options = {}) {
  Result r;
  Report report(Action::Unknown, options);
  report.Add(InputError("checker-error", std::move(error), 0, /*positioned=*/false));
  r.findings = report.Finish({});
  return r;
}

// Parses `text` (in limits, UTF-8) into its document (JSON, query) or a
// YAML stream's documents; false after reporting why it cannot.
bool ParseInput(std::string_view text, InputFormat format, const Limits& limits, Node* doc, std::vector<Node>* docs,
                TreeVector<uint32_t>* line_starts, Report* report) {
  const uint32_t base = text.substr(0, 3) == kBom ? 3 : 0;
  const std::string_view body = text.substr(base);
  if (format != InputFormat::Yaml && IsBlank(body)) {
    report->Add(InputError("parse-error", "the input is empty", static_cast<uint32_t>(text.size())));
    return false;
  }
  const ParseLimits parse_limits = ToParseLimits(limits);
  ParseError err;
  bool parsed = false;
  if (format == InputFormat::Yaml) {
    parsed = ParseYaml(body, base, parse_limits, docs, &err);
    if (parsed && docs->empty()) {
      parsed = false;
      err = {"the input holds no YAML document", base};
    }
  } else {
    parsed = format == InputFormat::Query ? ParseQuery(body, base, parse_limits, doc, &err)
                                          : ParseJson(body, base, parse_limits, doc, &err, line_starts);
  }
  if (!parsed) {
    report->Add(InputError("parse-error", std::string("not well-formed ") + InputFormatName(format) + ": " + err.message,
                           err.pos));
  }
  return parsed;
}

bool ByPosition(const Finding& a, const Finding& b) { return a.line != b.line ? a.line < b.line : a.column < b.column; }

// Which action a request is for: the Action parameter, else the one asked
// for, else the one its parameters imply. "" and `action` set, or why not
// (at `pos`).
std::string TellAction(const Node& root, Action asked, Action* action, uint32_t* pos) {
  *action = asked;
  *pos = root.pos;
  if (const Member* am = root.member("Action"); am != nullptr && !am->value.is_null()) {
    const Node& v = am->value;
    *pos = v.pos;
    const Action named = v.is_scalar() ? ParseAction(v.text) : Action::Unknown;
    if (named == Action::Unknown) {
      return "Action must be CreateInstances or CreateTairKVCacheVNode; got " + ShowValue(v);
    }
    if (asked != Action::Unknown && asked != named) {
      return std::string("the document's Action is ") + ActionName(named) + " but the action to check is " +
             ActionName(asked);
    }
    *action = named;
    return "";
  }
  if (asked != Action::Unknown) return "";
  // A flattened Instances (Instances.1.RegionId=...) names the action too.
  const bool ci = root.get("Instances") != nullptr ||
                  std::any_of(root.members.begin(), root.members.end(),
                              [](const Member& m) { return IsFlattenedInstancesKey(m.key); });
  const bool vn = root.get("VkName") != nullptr || root.get("ComputeUnitNum") != nullptr;
  if (ci && vn) {
    return "the request holds parameters of both CreateInstances (Instances) and CreateTairKVCacheVNode "
           "(VkName, ComputeUnitNum); name the action with an Action parameter or --action";
  }
  if (!ci && !vn) {
    return "cannot tell the action: add \"Action\": \"CreateInstances\" or \"CreateTairKVCacheVNode\" "
           "to the request, or pass --action";
  }
  *action = ci ? Action::CreateInstances : Action::CreateTairKVCacheVNode;
  return "";
}

// Whether a document is plausibly a request (CheckOptions::skip_non_requests):
// an object that names an Action or holds a parameter of either action,
// matched exactly as the service matches them (`Tag.1.Key` and
// `Instances.1.RegionId` by their first part), or an array holding such an
// object (a request wrapped by mistake, reported as not-a-request). The
// common parameters other than Action (Version, Format, Timestamp...) do
// not count: other files use those names too.
bool HoldsRequest(const Model& model, const Node& doc, bool look_inside = true) {
  if (doc.is_array() && look_inside) {
    return std::any_of(doc.items.begin(), doc.items.end(),
                       [&](const Node& item) { return HoldsRequest(model, item, false); });
  }
  if (!doc.is_object()) return false;
  auto key_of = [](const Member& m) { return std::string_view(m.key).substr(0, std::string_view(m.key).find('.')); };
  for (const Member& m : doc.members) {
    if (key_of(m) == "Action") return true;
  }
  // One action's parameters, then the other's: a model loads only when it
  // is asked (a one-file run of CreateInstances never loads the VNode's).
  for (Action a : {Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    const ActionModel* am = model.For(a);
    for (const Member& m : doc.members) {
      const PropSpec* p = am != nullptr ? am->request.find(key_of(m)) : nullptr;
      if (p != nullptr && !p->common) return true;
    }
  }
  return false;
}

std::string NotAnObject(const Node& root) {
  return std::string("a request is an object of parameters; this document is ") +
         (root.kind == Kind::Array  ? "an array"
          : root.kind == Kind::Null ? "null"
                                    : std::string("a ") + KindName(root.kind));
}

// The idempotency token and the fingerprint of the request as written
// (before coercion), for TokenLedger.
void RecordToken(const Context& ctx, bool positioned, Result* result) {
  for (const PropSpec& p : ctx.am.request.props) {
    if (!p.idempotency_token) continue;
    if (const Node* t = ctx.root.get(p.name); t != nullptr && t->is_scalar()) {
      result->fingerprint = Fingerprint(ctx);
      result->token = WireText(*t);
      result->token_parameter = p.name;
      if (positioned) {
        ctx.Locate(t->pos, &result->token_line, &result->token_column);
        if (EndOf(*t) > t->pos) ctx.Locate(EndOf(*t), &result->token_end_line, &result->token_end_column);
      }
    }
  }
}

// The phases of a request whose action is known.
void CheckRequest(Context& ctx, InputFormat format, const CheckOptions& options, bool positioned,
                  std::string_view file, Result* result) {
  if (ctx.action == Action::CreateInstances) {
    FlattenedInstances(ctx);
    DecodeInstances(ctx, file, ToParseLimits(options.limits), positioned);
  }
  if (format == InputFormat::Query) FoldQueryTags(ctx);
  LimitInstances(ctx, options.limits.max_instances);
  BuildScopes(ctx);
  RecordToken(ctx, positioned, result);
  if (format == InputFormat::Query) Utf8Phase(ctx);  // only a query's percent escapes spell bytes that are not UTF-8
  CoerceScopes(&ctx);
  RunRules(ctx, /*before_schema=*/true);
  SchemaPhase(ctx);
  RunRules(ctx, /*before_schema=*/false);
  // A malformed token cannot make an idempotency clash.
  if (!result->token.empty() && ctx.report.HasErrorAt("", result->token_parameter)) result->token.clear();
}

}  // namespace
}  // namespace detail

using detail::Node;

Result CheckerImpl::CheckText(std::string_view text, const CheckOptions& options) const {
  detail::TreeScope tree_scope;  // before the first Node: every tree of this check ends before it does
  Result result;
  result.action = options.action;
  result.format = options.format;
  detail::Report report(options.action, options);
  auto fail = [&](std::string detail) {
    report.Add(detail::InputError("parse-error", std::move(detail), 0));
    result.findings = report.Finish(text);
    return result;
  };
  if (text.size() > options.limits.max_bytes) {
    return fail("the input is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                std::to_string(options.limits.max_bytes));
  }
  if (const char* wide = detail::WideEncoding(text)) {
    return fail(std::string("the input is ") + wide + " text; tairlint reads UTF-8");
  }
  const InputFormat format =
      options.format == InputFormat::Auto ? detail::DetectFormat(text.substr(text.substr(0, 3) == detail::kBom ? 3 : 0))
                                          : options.format;
  result.format = format;
  Node doc;                // JSON, query
  std::vector<Node> docs;  // YAML: a stream of documents
  detail::TreeVector<uint32_t> line_starts;  // JSON
  if (!detail::ParseInput(text, format, options.limits, &doc, &docs, &line_starts, &report)) {
    result.findings = report.Finish(text);
    return result;
  }
  if (options.skip_non_requests) {
    const bool request = format != InputFormat::Yaml
                             ? detail::HoldsRequest(model, doc)
                             : std::any_of(docs.begin(), docs.end(),
                                           [&](const Node& d) { return detail::HoldsRequest(model, d); });
    if (!request) {
      result.skipped = true;
      return result;
    }
  }
  if (format != InputFormat::Yaml) return CheckDom(std::move(doc), text, format, true, options, std::move(line_starts));
  if (docs.size() == 1) return CheckDom(std::move(docs[0]), text, format, true, options);
  // A YAML stream of several documents: each is a request of its own. The
  // file's findings limit is shared: each document gets what is left.
  CheckOptions doc_options = options;
  result.action = Action::Unknown;
  for (Node& d : docs) {
    Result r = CheckDom(std::move(d), text, format, true, doc_options);
    for (const Finding& f : r.findings) {
      if (f.rule != "finding-limit" && doc_options.limits.max_findings > 0) --doc_options.limits.max_findings;
    }
    if (result.action == Action::Unknown) result.action = r.action;
    if (result.token.empty()) {
      result.token = std::move(r.token);
      result.fingerprint = r.fingerprint;
      result.token_line = r.token_line;
      result.token_column = r.token_column;
      result.token_end_line = r.token_end_line;
      result.token_end_column = r.token_end_column;
      result.token_parameter = std::move(r.token_parameter);
    }
    for (Finding& f : r.findings) result.findings.push_back(std::move(f));
  }
  std::stable_sort(result.findings.begin(), result.findings.end(), detail::ByPosition);
  return result;
}

Result CheckerImpl::CheckDom(Node root, std::string_view text, InputFormat format, bool positioned,
                             const CheckOptions& options, detail::TreeVector<uint32_t> line_starts) const {
  Result result;
  result.format = format;
  detail::Report report(options.action, options);
  const std::string_view located = positioned ? text : std::string_view();  // what positions are counted in
  detail::LineIndex lines =
      line_starts.empty() ? detail::LineIndex(located) : detail::LineIndex(located, std::move(line_starts));
  auto finish = [&]() {
    if (options.source_lines) detail::MarkSecretValues(model, &root);
    result.findings = report.Finish(located, &lines, options.source_lines ? &root : nullptr);
    if (!positioned) {
      for (Finding& f : result.findings) f.line = f.column = f.end_line = f.end_column = 0;
    }
    return result;
  };
  if (!root.is_object()) {
    report.Add(detail::InputError("not-a-request", detail::NotAnObject(root), root.pos));
    return finish();
  }
  const bool duplicate_keys = detail::MarkDuplicates(&root);
  // Only YAML has aliases, and only a text with a `*` can hold one.
  if (format == InputFormat::Yaml && text.find('*') != std::string_view::npos) detail::HideAliasedSecrets(model, &root);

  Action action = Action::Unknown;
  uint32_t pos = 0;
  if (std::string why = detail::TellAction(root, options.action, &action, &pos); !why.empty()) {
    report.Add(detail::InputError("unknown-action", std::move(why), pos));
    return finish();
  }
  result.action = action;
  report.set_action(action);
  if (model.For(action) == nullptr) {
    return detail::CheckerError("the schemas of " + std::string(ActionName(action)) + " could not be loaded: " +
                                model.LoadError(action));
  }
  detail::Context ctx(action, model, &root, &report, located, &lines);
  ctx.duplicate_keys = duplicate_keys;
  detail::CheckRequest(ctx, format, options, positioned, text, &result);
  return finish();
}

// ---------------------------------------------------------------------------

Checker::Checker() : Checker(CheckerConfig()) {}

Checker::Checker(const CheckerConfig& config) : impl_(std::make_unique<CheckerImpl>()) {
  impl_->model.compile_rules = detail::CompileRules;
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

std::string Checker::RequestSchema() const {
  nlohmann::json schema = detail::EditorSchemaOfBothActions(impl_->model);
  return schema.is_null() ? std::string() : schema.dump(2) + "\n";
}

bool Checker::ok() const { return impl_->ok; }
const std::string& Checker::error() const { return impl_->error; }

// Nothing escapes the API: bad input is a finding, and should a check fail
// in a way no rule foresaw (memory exhausted, say), that is a finding too.
Result Checker::Check(std::string_view text, const CheckOptions& options) const {
  if (!impl_->ok) return detail::CheckerError("the checker could not load its configuration: " + impl_->error);
  try {
    return impl_->CheckText(text, options);
  } catch (const std::exception& e) {
    return detail::CheckerError(std::string("the check failed: ") + e.what());
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
  if (!impl_->ok) return detail::CheckerError("the checker could not load its configuration: " + impl_->error);
  try {
    detail::TreeScope tree_scope;  // before the first Node, as in CheckText
    Node root;
    if (!detail::FromJson(request, &root)) {
      Result r;
      r.format = InputFormat::Json;
      detail::Report report(options.action, options);
      report.Add(detail::InputError("parse-error", "the document is nested too deeply", 0, /*positioned=*/false));
      r.findings = report.Finish({});
      return r;
    }
    if (options.skip_non_requests && !detail::HoldsRequest(impl_->model, root)) {
      Result r;
      r.format = InputFormat::Json;
      r.skipped = true;
      return r;
    }
    // Strings of a parsed document have no raw form: positions are 0.
    return impl_->CheckDom(std::move(root), std::string_view(), InputFormat::Json, false, options);
  } catch (const std::exception& e) {
    return detail::CheckerError(std::string("the check failed: ") + e.what());
  }
}

}  // namespace tairlint
