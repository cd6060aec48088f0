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

#include "engine.h"
#include "schema_validator.h"
#include "tairlint/tairlint.h"

namespace tairlint {

const char* Version() { return TAIRLINT_VERSION; }

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

bool ParseSeverity(std::string_view name, Severity* out) {
  if (name == "info") *out = Severity::Info;
  else if (name == "warning") *out = Severity::Warning;
  else if (name == "error") *out = Severity::Error;
  else return false;
  return true;
}

const char* ActionName(Action a) {
  switch (a) {
    case Action::CreateInstances: return "CreateInstances";
    case Action::CreateTairKVCacheVNode: return "CreateTairKVCacheVNode";
    case Action::Unknown: break;
  }
  return "";
}

Action ParseAction(std::string_view name) {
  if (name == "CreateInstances") return Action::CreateInstances;
  if (name == "CreateTairKVCacheVNode") return Action::CreateTairKVCacheVNode;
  return Action::Unknown;
}

const char* InputFormatName(InputFormat f) {
  switch (f) {
    case InputFormat::Json: return "json";
    case InputFormat::Yaml: return "yaml";
    case InputFormat::Query: return "query";
    case InputFormat::Auto: break;
  }
  return "auto";
}

bool ParseInputFormat(std::string_view name, InputFormat* out) {
  if (name == "auto") *out = InputFormat::Auto;
  else if (name == "json") *out = InputFormat::Json;
  else if (name == "yaml" || name == "yml") *out = InputFormat::Yaml;
  else if (name == "query") *out = InputFormat::Query;
  else return false;
  return true;
}

size_t Result::count(Severity s) const {
  return static_cast<size_t>(
      std::count_if(findings.begin(), findings.end(), [s](const Finding& f) { return f.severity == s; }));
}

const std::vector<RuleInfo>& Rules() { return detail::RuleCatalog(); }
const std::vector<CodeInfo>& Codes() { return detail::CodeCatalog(); }

// A catalog's entries by their key. FindRule and FindCode run for every
// finding, so each catalog is indexed once (they never change).
template <typename T, typename KeyOf>
std::unordered_map<std::string_view, const T*> IndexOf(const std::vector<T>& catalog, KeyOf key_of) {
  std::unordered_map<std::string_view, const T*> index;
  for (const T& entry : catalog) index.emplace(key_of(entry), &entry);
  return index;
}

template <typename T>
const T* Lookup(const std::unordered_map<std::string_view, const T*>& index, std::string_view key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : it->second;
}

const RuleInfo* FindRule(std::string_view id) {
  static const auto index = IndexOf(Rules(), [](const RuleInfo& r) { return std::string_view(r.id); });
  return Lookup(index, id);
}

const CodeInfo* FindCode(std::string_view code) {
  static const auto index = IndexOf(Codes(), [](const CodeInfo& c) { return std::string_view(c.code); });
  return Lookup(index, code);
}

bool Checker::ApplySeverity(const CheckOptions& options, const std::string& rule, Severity* severity) {
  if (options.severity.empty()) return true;
  auto it = options.severity.find(rule);
  if (it == options.severity.end()) return true;
  if (!it->second) return false;
  *severity = *it->second;
  return true;
}

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

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// UTF-16 and UTF-32 text, with or without a byte-order mark.
const char* WideEncoding(std::string_view t) {
  auto b = [&t](size_t i) { return i < t.size() ? static_cast<unsigned char>(t[i]) : 0x100u; };
  if (b(0) == 0x00 && b(1) == 0x00 && b(2) == 0xFE && b(3) == 0xFF) return "UTF-32 (big-endian)";
  if (b(0) == 0xFF && b(1) == 0xFE && b(2) == 0x00 && b(3) == 0x00) return "UTF-32 (little-endian)";
  if (b(0) == 0xFE && b(1) == 0xFF) return "UTF-16 (big-endian)";
  if (b(0) == 0xFF && b(1) == 0xFE) return "UTF-16 (little-endian)";
  if (t.size() >= 4 && b(0) == 0 && b(1) == 0 && b(2) == 0 && b(3) != 0) return "UTF-32 (big-endian)";
  if (t.size() >= 4 && b(0) != 0 && b(1) == 0 && b(2) == 0 && b(3) == 0) return "UTF-32 (little-endian)";
  if (t.size() >= 2 && b(0) == 0 && b(1) != 0) return "UTF-16 (big-endian)";
  if (t.size() >= 2 && b(0) != 0 && b(1) == 0) return "UTF-16 (little-endian)";
  return nullptr;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// JSON when it opens with { or [; a query string when it is one line of
// name=value pairs (or a URL with a query); YAML otherwise.
InputFormat DetectFormat(std::string_view t) {
  size_t i = 0;
  while (i < t.size() && IsSpace(t[i])) ++i;
  if (i < t.size() && (t[i] == '{' || t[i] == '[')) return InputFormat::Json;
  std::string_view rest = t.substr(i);
  while (!rest.empty() && IsSpace(rest.back())) rest.remove_suffix(1);
  if (rest.find('\n') == std::string_view::npos) {
    static const RE2 kQuery(R"(^(?:https?://[^\s?]*\?|\?)?[A-Za-z0-9_.~%\-]+=[^\s]*$)");
    if (RE2::FullMatch(rest, kQuery)) return InputFormat::Query;
  }
  return InputFormat::Yaml;
}

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


// ---- the idempotency fingerprint
//
// A 64-bit hash of what a request asks for, compared only between the files
// of one run (TokenLedger), never stored or shown. Values are hashed as
// canonical JSON as written: objects as sets of members (a sum of their
// members' hashes: no order matters and nothing is sorted), arrays in order,
// numbers by value (HashBytes and Mix64, document.h).

// Seeds that keep the kinds of values apart.
enum : uint64_t { kNull = 1, kTrue, kFalse, kNumber, kString, kArray, kObject, kKey, kWire, kAction };

// A member's key (its hash is the parser's, kept apart from values').
uint64_t KeyPart(const Member& m) { return Mix64(KeyHash(m) ^ kKey * 0x9e3779b97f4a7c15ULL); }

uint64_t HashValue(const Node& n) {
  switch (n.written) {
    case Kind::Null: return Mix64(kNull);
    case Kind::Bool: return Mix64(n.boolean ? kTrue : kFalse);
    case Kind::Number:
    case Kind::Integer: {
      // A small integer written plainly is its own canonical form (what
      // %.17g would print); anything else goes through the double.
      const TreeString& t = n.text;
      size_t digits = t.size() - (!t.empty() && t[0] == '-' ? 1 : 0);
      bool plain = digits >= 1 && digits <= 15 &&
                   std::all_of(t.end() - static_cast<long>(digits), t.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                   (digits == 1 || t[t.size() - digits] != '0') && !(digits == 1 && t == "-0");
      if (plain) return HashBytes(t, kNumber);
      char buf[40];
      snprintf(buf, sizeof buf, "%.17g", strtod(t.c_str(), nullptr));
      return HashBytes(buf, kNumber);
    }
    case Kind::String: return HashBytes(n.text, kString);
    case Kind::Array: {
      uint64_t h = Mix64(kArray + n.items.size());
      for (const Node& c : n.items) h = Mix64(h ^ HashValue(c));
      return h;
    }
    case Kind::Object: {
      uint64_t sum = 0, count = 0;
      for (const Member& m : n.members) {
        if (m.value.shadowed || m.value.is_null()) continue;  // duplicates and nulls dropped
        sum += Mix64(KeyPart(m) ^ (HashValue(m.value) * 0x9e3779b97f4a7c15ULL));
        ++count;
      }
      return Mix64(Mix64(kObject + count) ^ sum);
    }
  }
  return 0;
}

// What TokenLedger compares: the action and the wire value of every
// parameter except the common ones, in any order and form.
// (After BuildScopes: the request's scope knows each member's spec.)
uint64_t Fingerprint(const Context& ctx) {
  uint64_t sum = 0;
  const Scope& request = ctx.scopes.front();
  for (size_t i = 0; i < ctx.root.members.size(); ++i) {
    const Member& m = ctx.root.members[i];
    if (m.value.shadowed || m.value.is_null()) continue;
    const PropSpec* p = request.specs[i];
    if (p != nullptr && p->common) continue;
    const Node& v = m.value;
    const uint64_t value = !v.is_scalar()            ? HashValue(v)
                           : v.kind == Kind::Bool    ? HashBytes(v.boolean ? "true" : "false", kWire)
                           : v.kind == Kind::Integer ? HashBytes(std::to_string(v.integer), kWire)
                                                     : HashBytes(v.text, kWire);
    sum += Mix64(KeyPart(m) ^ (value * 0x9e3779b97f4a7c15ULL));
  }
  return Mix64(HashBytes(ActionName(ctx.action), kAction) ^ sum);
}

// ---- secrets that YAML aliases copy ---------------------------------------

// Whether `key` names a secret parameter (x-secret) of either action, in
// any object and any case.
bool IsSecretKey(const Model& model, std::string_view key) {
  for (Action a : {Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    const ActionModel* am = model.For(a);
    if (am == nullptr) continue;
    for (const ObjectSpec* spec : {&am->request, &am->element, &am->tag}) {
      const PropSpec* p = spec->find_ignoring_case(key);
      if (p != nullptr && p->secret) return true;
    }
  }
  return false;
}

// A YAML alias writes an anchored node's text in another place, keeping the
// anchored node's position: a password anchored under Password and aliased
// as EngineVersion's value, or as a key, would be quoted there; a value
// anchored elsewhere and aliased under Password is the password. So every
// scalar and key whose text stands where a secret's value does (the same
// position) is marked secret (ShowValue shows "(secret)") or renamed
// "(secret)", before any rule reads the tree. Runs after MarkDuplicates, so
// that renamed keys are not taken for duplicates of each other.
void HideAliasedSecrets(const Model& model, Node* root) {
  std::vector<uint32_t> at;  // positions of secrets' text
  std::vector<std::pair<Node*, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [n, secret] = stack.back();
    stack.pop_back();
    if (n->is_scalar()) {
      if (secret && !n->is_null()) at.push_back(n->pos);
      continue;
    }
    for (Node& item : n->items) stack.emplace_back(&item, secret);
    for (Member& m : n->members) stack.emplace_back(&m.value, secret || IsSecretKey(model, m.key));
  }
  if (at.empty()) return;
  std::sort(at.begin(), at.end());
  auto is_secret = [&](uint32_t pos) { return std::binary_search(at.begin(), at.end(), pos); };
  std::vector<Node*> nodes{root};
  while (!nodes.empty()) {
    Node* n = nodes.back();
    nodes.pop_back();
    if (n->is_scalar() && !n->is_null() && is_secret(n->pos)) n->secret = true;
    for (Node& item : n->items) nodes.push_back(&item);
    for (Member& m : n->members) {
      if (is_secret(m.key_src)) {  // the key's text: its own, or an alias's anchor
        m.key.assign(kHiddenSecret);
        m.key_hash = 0;
      }
      nodes.push_back(&m.value);
    }
  }
}

// ---- phase 2: Instances and tags -----------------------------------------

// A request without Instances that carries it flattened: the service sees no
// Instances (MissingParameter), and the error names the flattened keys, which
// are no unknown parameters of their own (unknown-parameter skips them).
void FlattenedInstances(Context& ctx) {
  if (ctx.root.get("Instances") != nullptr) return;
  std::vector<const Member*> flat;
  for (const Member& m : ctx.root.members) {
    if (IsFlattenedInstancesKey(m.key)) flat.push_back(&m);
  }
  if (flat.empty()) return;
  constexpr size_t kNamed = 3;
  std::string names;
  for (size_t i = 0; i < flat.size() && i < kNamed; ++i) names += (i ? ", " : "") + Excerpt(flat[i]->key);
  if (flat.size() > kNamed) names += " and " + std::to_string(flat.size() - kNamed) + " more";
  ctx.Emit("required-parameter", "MissingParameter", "Instances",
           "Instances is required by CreateInstances; this request carries it flattened (" + names +
               "), as an SDK sends an array it was handed: pass Instances as one JSON string, "
               "e.g. [{\"RegionId\":\"cn-hangzhou\",...}]",
           "/Instances", "Instances", flat[0]->key_pos);
}

// Parses a string-encoded Instances in place; positions of its values become
// file positions. One that is not a JSON array is reported and emptied.
void DecodeInstances(Context& ctx, std::string_view file, const ParseLimits& limits, bool positioned) {
  Member* m = nullptr;
  for (Member& mm : ctx.root.members) {
    if (mm.key == "Instances" && !mm.value.shadowed) m = &mm;
  }
  if (m == nullptr || m->value.is_null()) return;
  auto fail = [&](std::string detail, uint32_t pos) {
    ctx.Emit("instances-format", "InvalidInstances.Malformed", "Instances", std::move(detail), "/Instances",
             "Instances", pos);
    m->value.kind = Kind::Array;  // checked no further: its error is reported
    m->value.items.clear();
    m->value.members.clear();
  };
  if (m->value.kind == Kind::String) {
    if (m->value.bad_utf8) return fail("Instances is not valid UTF-8", m->value.pos);
    Node inner;
    ParseError err;
    if (!ParseJson(m->value.text, 0, limits, &inner, &err)) {
      uint32_t pos = m->value.pos;
      if (positioned) {
        std::vector<uint32_t> map = DecodedToRaw(file, m->value);
        pos = map[std::min<size_t>(err.pos, map.size() - 1)];
      }
      return fail("Instances is not valid JSON: " + err.message, pos);
    }
    if (positioned) {
      RemapPositionsFrom(file, m->value, &inner);
    } else {
      RemapPositions(&inner, {});
    }
    if (MarkDuplicates(&inner)) ctx.duplicate_keys = true;
    if (inner.kind != Kind::Array) {
      return fail(std::string("Instances must be a JSON array of objects; got ") +
                      (inner.kind == Kind::Object ? "an object" : "a " + std::string(KindName(inner.kind))),
                  inner.pos);
    }
    uint32_t pos = m->value.pos;
    m->value = std::move(inner);
    if (m->value.pos == 0) m->value.pos = pos;
  }
}

// Query strings flatten tags: Tag.N.Key / Tag.N.Value. They become a Tag
// array (pair N at index N-1); an N outside 1..max is an error of its own.
void FoldQueryTags(Context& ctx) {
  const PropSpec* tag = ctx.am.request.find("Tag");
  if (tag == nullptr) return;
  const size_t max_pairs = tag->max_pairs != 0 ? tag->max_pairs : 5;  // x-maxPairs
  static const RE2 kTagKey(R"(Tag\.([^.]*)\.(.*))");
  if (std::none_of(ctx.root.members.begin(), ctx.root.members.end(),
                   [](const Member& m) { return m.key.rfind("Tag.", 0) == 0; })) {
    return;
  }
  Node array;
  array.kind = array.written = Kind::Array;
  MemberList kept;
  std::vector<std::string> bad_seen;
  bool any = false;
  for (Member& m : ctx.root.members) {
    std::string n, field;
    if (!RE2::FullMatch(m.key, kTagKey, &n, &field)) {
      kept.push_back(std::move(m));
      continue;
    }
    int64_t index = -1;
    if (!n.empty() && n.size() <= 9 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      index = std::stoll(n);
    }
    if (index < 1 || static_cast<size_t>(index) > max_pairs) {
      if (std::find(bad_seen.begin(), bad_seen.end(), n) == bad_seen.end()) {
        bad_seen.push_back(n);
        ctx.Emit("tag-limit", "InvalidParameter", Excerpt(m.key),
                 "Tag." + Excerpt(n) + " is out of range: tags are numbered 1 to " + std::to_string(max_pairs) +
                     " (at most " + std::to_string(max_pairs) + " pairs)",
                 index >= 1 ? "/Tag/" + std::to_string(index - 1) : PointerAppend("", m.key), Excerpt(m.key),
                 m.key_pos);
      }
      continue;
    }
    if (!any) {
      array.pos = m.key_pos;
      any = true;
    }
    if (array.items.size() < static_cast<size_t>(index)) array.items.resize(static_cast<size_t>(index));
    Node& pair = array.items[static_cast<size_t>(index - 1)];
    if (pair.kind != Kind::Object) {
      pair.kind = pair.written = Kind::Object;
      pair.pos = m.key_pos;
    }
    Member pm;
    pm.key = field;
    pm.key_pos = m.key_pos;
    pm.first_pos = m.first_pos;  // a repeated Tag.N.Key stays a duplicate
    pm.has_first = m.has_first;
    pm.value = std::move(m.value);
    pair.members.push_back(std::move(pm));
  }
  ctx.root.members = std::move(kept);
  if (any) {
    for (size_t i = 0; i < array.items.size(); ++i) {
      if (array.items[i].kind != Kind::Null) continue;
      // reported at the first tag after the gap (the last item is never a gap)
      size_t next = i + 1;
      while (array.items[next].kind == Kind::Null) ++next;
      ctx.Emit("tag-gap", "", "",
               "Tag." + std::to_string(i + 1) + " is missing before Tag." + std::to_string(next + 1) +
                   ": tags are numbered from 1 without gaps",
               "/Tag/" + std::to_string(i), "Tag." + std::to_string(i + 1), array.items[next].pos);
    }
    Member tm;
    tm.key = "Tag";
    tm.key_pos = array.pos;
    tm.value = std::move(array);
    ctx.root.members.push_back(std::move(tm));
  }
}

void BuildScopes(Context& ctx) {
  ctx.scopes.clear();
  ctx.scope_of.clear();
  Node* inst = ctx.root.get("Instances");
  Node* tags = ctx.root.get("Tag");
  ctx.scopes.reserve(1 + (inst != nullptr ? inst->items.size() : 0) + (tags != nullptr ? tags->items.size() : 0));
  ctx.scopes.push_back({Scope::Where::Request, &ctx.root, &ctx.am.request, "", 0, {}});
  if (inst != nullptr && inst->is_array()) {
    for (size_t i = 0; i < inst->items.size(); ++i) {
      Node& e = inst->items[i];
      if (e.is_object()) {
        ctx.scopes.push_back({Scope::Where::Element, &e, &ctx.am.element, "/Instances/" + std::to_string(i), i, {}});
      }
    }
  }
  if (tags != nullptr && tags->is_array()) {
    for (size_t i = 0; i < tags->items.size(); ++i) {
      Node& t = tags->items[i];
      if (t.is_object()) {
        ctx.scopes.push_back({Scope::Where::TagPair, &t, &ctx.am.tag, "/Tag/" + std::to_string(i), i, {}});
      }
    }
  }
  for (Scope& s : ctx.scopes) {
    s.specs.reserve(s.node->members.size());
    bool respelled = false;
    for (Member& m : s.node->members) {
      const PropSpec* p = s.spec->find(m.key, KeyHash(m));
      // The service binds an element's JSON to its model ignoring case
      // (contract section 3, Key names): `IzNo` is izNo. The key takes the
      // documented spelling, so that every phase reads it as that parameter;
      // the spelling written is kept for the parameter-case warning and for
      // the pointers of the findings (Report::Respell).
      if (p == nullptr && s.where == Scope::Where::Element) {
        p = s.spec->find_ignoring_case(m.key);
        if (p != nullptr) {
          ctx.report.Respell(PointerAppend(s.pointer, p->name), PointerAppend(s.pointer, m.key));
          ctx.respelled.push_back({static_cast<size_t>(&s - ctx.scopes.data()), &m, m.key});
          m.key = p->name;
          m.key_hash = 0;
          respelled = true;
        }
      }
      s.specs.push_back(p);
    }
    // Two keys that differ only in case are now the same key: a duplicate.
    if (respelled && MarkDuplicates(s.node)) ctx.duplicate_keys = true;
  }
}

// ---- phase 4: the schema ---------------------------------------------------

// "1-9, 12, 24, 36, 60" for integer lists, quoted values otherwise.
std::string ListValues(const nlohmann::json& values) {
  std::string out;
  std::vector<int64_t> ints;
  bool all_ints = true;
  for (const auto& v : values) {
    if (v.is_number_integer()) {
      ints.push_back(v.get<int64_t>());
    } else {
      all_ints = false;
    }
  }
  if (all_ints && !ints.empty()) {
    for (size_t i = 0; i < ints.size();) {
      size_t j = i;
      while (j + 1 < ints.size() && ints[j + 1] == ints[j] + 1) ++j;
      if (!out.empty()) out += ", ";
      out += std::to_string(ints[i]);
      if (j >= i + 2) {
        out += "-" + std::to_string(ints[j]);
      } else if (j == i + 1) {
        out += ", " + std::to_string(ints[j]);
      }
      i = j + 1;
    }
    return out;
  }
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

std::string PatternDetailOf(const PropSpec* prop, const nlohmann::json& schema, const Node& v) {
  if (prop != nullptr) {
    for (const PatternDetail& d : prop->pattern_details) {
      if (!RE2::PartialMatch(std::string_view(v.text), *d.pattern)) return d.detail;
    }
  }
  return schema.value("x-patternDetail", "does not have the required form");
}

std::string SchemaDetail(Keyword k, const std::string& name, const PropSpec* prop, const Node* v) {
  const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json& s = prop != nullptr && prop->schema != nullptr ? *prop->schema : empty;
  bool secret = prop != nullptr && prop->secret;
  std::string got = v == nullptr || secret ? "" : "; got " + ShowValue(*v);
  switch (k) {
    case Keyword::Type: {
      std::string what = v == nullptr            ? "nothing"
                         : !v->is_scalar()        ? (v->kind == Kind::Object ? "an object" : "an array")
                         : secret                 ? std::string("a ") + KindName(v->kind)
                                                  : ShowValue(*v);
      return name + " must be " + DescribeType(prop ? prop->type : WireType::Any) + "; got " + what;
    }
    case Keyword::MinLength:
    case Keyword::MaxLength: {
      std::string range;
      if (s.contains("minLength") && s.contains("maxLength")) {
        range = std::to_string(s["minLength"].get<int64_t>()) + " to " + std::to_string(s["maxLength"].get<int64_t>());
      } else if (s.contains("minLength")) {
        range = "at least " + std::to_string(s["minLength"].get<int64_t>());
      } else {
        range = "at most " + std::to_string(s.value("maxLength", 0));
      }
      std::string len = v == nullptr ? "" : "; got " + std::to_string(CountCodePoints(v->text));
      return name + " must be " + range + " characters long" + len;
    }
    case Keyword::Pattern:
      return name + " " + (v ? PatternDetailOf(prop, s, *v) : std::string("does not have the required form"));
    case Keyword::Enum:
    case Keyword::Const:
    {
      static const nlohmann::json no_values = nlohmann::json::array();
      auto values = s.find("enum");
      return name + " must be one of " + ListValues(values != s.end() ? *values : no_values) + got;
    }
    case Keyword::Minimum:
    case Keyword::Maximum:
      return name + " must be between " + std::to_string(s.value("minimum", 0)) + " and " +
             std::to_string(s.value("maximum", 0)) + got;
    case Keyword::MinItems:
      return name + " must hold at least " + std::to_string(s.value("minItems", 1)) + " element(s)";
    default:
      return name + " is not valid";
  }
}

WireType TypeOfSchema(const nlohmann::json& t) {
  std::string name = t.is_string() ? t.get<std::string>() : "";
  return name == "object" ? WireType::Object : name == "array" ? WireType::Array : name == "string" ? WireType::String
         : name == "integer" ? WireType::Integer : name == "boolean" ? WireType::Boolean : WireType::Any;
}

// The wire name of the parameter at a path: "Instances" for anything inside
// it, "Tag.N.Key" for a tag's member, the key itself at the top level.
std::string WireParameter(const std::vector<std::string>& path) {
  if (path.empty()) return "";
  if (path[0] == "Tag" && path.size() >= 2) {
    std::string n = std::to_string(strtoull(path[1].c_str(), nullptr, 10) + 1);
    return path.size() == 2 ? "Tag." + n : "Tag." + n + "." + Excerpt(path[2]);
  }
  return Excerpt(path[0]);
}

// Where a schema failure's path leads: the node, the scope holding it, and
// the property spec that says what it should be.
struct Target {
  const Node* node = nullptr;
  const Scope* scope = nullptr;
  const PropSpec* prop = nullptr;
  PropSpec item_prop;  // for an array element: the array's `items`
  std::string pointer, key;
};

bool Resolve(const Context& ctx, const std::vector<std::string>& path, Target* t) {
  t->node = &ctx.root;
  t->scope = &ctx.scopes[0];
  const ObjectSpec* spec = &ctx.am.request;
  for (const std::string& token : path) {
    if (t->node->is_object()) {
      const Node* next = t->node->get(token);
      if (next == nullptr) return false;
      t->prop = spec != nullptr ? spec->find(token) : nullptr;
      t->key = token;
      t->pointer = PointerAppend(t->pointer, token);
      t->node = next;
    } else if (t->node->is_array()) {
      size_t idx = static_cast<size_t>(strtoull(token.c_str(), nullptr, 10));
      if (idx >= t->node->items.size()) return false;
      t->node = &t->node->items[idx];
      t->pointer = PointerAppend(t->pointer, idx);
      if (t->prop != nullptr && t->prop->schema != nullptr && t->prop->schema->contains("items")) {
        const nlohmann::json& items = (*t->prop->schema)["items"];
        nlohmann::json type = items.value("type", nlohmann::json());
        t->item_prop.name = t->key;
        t->item_prop.rule = t->prop->rule;
        t->item_prop.schema = &items;
        t->item_prop.type = TypeOfSchema(type.is_array() && !type.empty() ? type[0] : type);
        t->prop = &t->item_prop;
      } else {
        t->prop = nullptr;
      }
      spec = t->key == "Instances" ? &ctx.am.element : t->key == "Tag" ? &ctx.am.tag : nullptr;
      if (ctx.scope_of.empty()) {  // built on the first failure inside an element or pair
        for (size_t i = 0; i < ctx.scopes.size(); ++i) ctx.scope_of.emplace(ctx.scopes[i].node, i);
      }
      if (auto it = ctx.scope_of.find(t->node); it != ctx.scope_of.end()) t->scope = &ctx.scopes[it->second];
    } else {
      return false;
    }
  }
  return true;
}

void SchemaPhase(Context& ctx) {
  std::vector<SchemaFailure> failures;
  ctx.am.validator->Validate(ctx.root, &failures);
  // The first rule a value breaks wins: sort by keyword order.
  std::stable_sort(failures.begin(), failures.end(),
                   [](const SchemaFailure& a, const SchemaFailure& b) { return a.keyword < b.keyword; });
  for (const SchemaFailure& f : failures) {
    Target t;
    if (!Resolve(ctx, f.path, &t)) continue;
    Draft d;
    d.severity = Severity::Error;
    d.pos = t.node->pos;
    if (f.keyword == Keyword::Required) {
      bool top = t.scope->where == Scope::Where::Request;
      d.rule = "required-parameter";
      d.code = "MissingParameter";
      d.name = f.property;
      d.pointer = PointerAppend(t.pointer, f.property);
      d.parameter = top ? f.property : ctx.Parameter(*t.scope, f.property);
      d.detail = f.property + (top ? " is required by " + std::string(ActionName(ctx.action))
                                   : " is required in every element of Instances");
    } else {
      // Type errors, and values of parameters without a documented code,
      // get the generic code of their place (contract section 2).
      bool documented = f.keyword != Keyword::Type && t.prop != nullptr && !t.prop->error_code.empty();
      d.rule = t.prop != nullptr && !t.prop->rule.empty() ? t.prop->rule : "string-value";
      d.code = documented ? t.prop->error_code : GenericCode(t.pointer);
      d.parameter = WireParameter(f.path);
      d.name = d.parameter;
      bool in_element = t.scope->where == Scope::Where::Element && t.node != t.scope->node;
      d.detail = SchemaDetail(f.keyword, in_element ? t.key : d.parameter, t.prop, t.node);
      d.pointer = t.pointer;
    }
    ctx.report.Add(std::move(d));
  }
}

// Values that are not valid UTF-8 (possible only in query strings, where
// percent escapes can spell any byte) are malformed wherever they appear.
void Utf8Phase(Context& ctx) {
  for (const Scope& s : ctx.scopes) {
    for (const Member& m : s.node->members) {
      if (!m.value.bad_utf8 || m.value.shadowed) continue;
      const PropSpec* p = s.spec->find(m.key);
      std::string ptr = ctx.Pointer(s, m.key);
      std::string param = ctx.Parameter(s, m.key);
      std::string code = p != nullptr && !p->error_code.empty() ? p->error_code : GenericCode(ptr);
      ctx.Emit(p != nullptr && !p->rule.empty() ? p->rule : "string-value", code, param,
               Excerpt(m.key) + " is not valid UTF-8 text", ptr, param, m.value.pos);
    }
  }
}

}  // namespace

void Context::Emit(std::string_view rule, std::string code, std::string name, std::string detail,
                   std::string pointer, std::string parameter, uint32_t pos) const {
  Draft d;
  d.rule = std::string(rule);
  const RuleInfo* info = FindRule(rule);
  d.severity = info != nullptr ? info->severity : Severity::Error;
  d.code = std::move(code);
  d.name = std::move(name);
  d.detail = std::move(detail);
  d.pointer = std::move(pointer);
  d.parameter = std::move(parameter);
  d.pos = pos;
  report.Add(std::move(d));
}

int Context::LineOf(uint32_t pos) const {
  if (text.empty()) return 0;
  int line = 0, column = 0;
  lines_.Locate(pos, &line, &column);
  return line;
}

std::string Context::Parameter(const Scope& s, std::string_view key) const {
  switch (s.where) {
    case Scope::Where::Request: return Excerpt(key);
    case Scope::Where::Element: return "Instances";
    case Scope::Where::TagPair: return "Tag." + std::to_string(s.index + 1) + "." + Excerpt(key);
  }
  return Excerpt(key);
}

bool Matches(const Context& ctx, const Scope& s, const Condition& c) {
  const std::string& want = c.want;
  const Node* v = ctx.Value(s, c.param);
  if (v == nullptr || ctx.report.HasErrorAt(s.pointer, c.param.name)) return false;
  if (want == "*") return true;
  // The wire text of a string is its text: compare without building it.
  return v->kind == Kind::String ? SameText(v->text, want) : WireText(*v) == want;
}

// Whether `key` is a flattened element of Instances (Instances.1.RegionId):
// what an SDK sends when handed an array instead of a JSON string.
bool IsFlattenedInstancesKey(std::string_view key) {
  constexpr std::string_view kPrefix = "Instances.";
  if (key.substr(0, kPrefix.size()) != kPrefix) return false;
  size_t i = kPrefix.size();
  while (i < key.size() && key[i] >= '0' && key[i] <= '9') ++i;
  return i > kPrefix.size() && (i == key.size() || key[i] == '.');
}

std::string Describe(const std::vector<Condition>& conditions) {
  std::string out;
  for (const Condition& c : conditions) {
    if (!out.empty()) out += " and ";
    out += c.param.name + (c.want == "*" ? " is given" : " is " + c.want);
  }
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b, size_t cap) {
  if (a.size() > b.size() + cap || b.size() > a.size() + cap) return cap + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t best = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                          std::tolower(static_cast<unsigned char>(b[j - 1]))
                                      ? 0
                                      : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      best = std::min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], cap + 1);
}

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
  {
    size_t i = 0;
    while (i < body.size() && detail::IsSpace(body[i])) ++i;
    if (i == body.size() && format != InputFormat::Yaml) {
      report.Add(detail::InputError("parse-error", "the input is empty", base + static_cast<uint32_t>(i)));
      return finish();
    }
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

Node FromJson(const nlohmann::json& j, int depth, bool* too_deep) {
  Node n;
  if (depth > 256) {
    *too_deep = true;
    return n;
  }
  switch (j.type()) {
    case nlohmann::json::value_t::boolean:
      n.kind = n.written = Kind::Bool;
      n.boolean = j.get<bool>();
      n.text = n.boolean ? "true" : "false";
      break;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      n.kind = n.written = Kind::Number;
      n.text = j.dump();
      break;
    case nlohmann::json::value_t::string:
      n.kind = n.written = Kind::String;
      n.text = j.get<std::string>();
      break;
    case nlohmann::json::value_t::array:
      n.kind = n.written = Kind::Array;
      for (const auto& v : j) n.items.push_back(FromJson(v, depth + 1, too_deep));
      break;
    case nlohmann::json::value_t::object:
      n.kind = n.written = Kind::Object;
      for (auto it = j.begin(); it != j.end(); ++it) {
        detail::Member m;
        m.key = it.key();
        m.value = FromJson(it.value(), depth + 1, too_deep);
        n.members.push_back(std::move(m));
      }
      break;
    default:
      break;
  }
  return n;
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
  bool too_deep = false;
  Node root = FromJson(request, 0, &too_deep);
  if (too_deep) {
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
  auto pos = std::upper_bound(result->findings.begin(), result->findings.end(), f, [](const Finding& a, const Finding& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  result->findings.insert(pos, std::move(f));
}

}  // namespace tairlint
