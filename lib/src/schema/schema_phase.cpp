// The schema phase: one error per value, coded by the schema's
// x-error-code annotations.
#include "schema/schema_phase.h"

#include <re2/re2.h>

#include <algorithm>

#include "model/schema_validator.h"

namespace tairlint::detail {
namespace {


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

}  // namespace

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


}  // namespace tairlint::detail
