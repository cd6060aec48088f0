// The forms a value may take in the editor schema. The CLI judges a value by
// what it would be on the wire (request/coerce.cpp): an integer may be
// written as a string of digits, a boolean as "true" or "false" in any case,
// text as a number or a boolean (its text as written). An editor sees the
// parsed value, not its text, so the schema accepts each form the CLI could
// accept, and lists an allowed value once, in one form, so that completion
// offers it once.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "model/editor_forms.h"
#include "model/model.h"

namespace tairlint::detail {
namespace {

using nlohmann::json;

// RE2's Unicode classes, spelled as ECMA-262 ranges that editors (and
// every JSON Schema validator) understand. Han: the CJK blocks of the BMP.
std::string EcmaPattern(std::string re) {
  const std::pair<const char*, const char*> classes[] = {
      {"\\p{Han}", "\\u2E80-\\u2FDF\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303B\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF"},
      {"\\p{Z}", "\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"},
      {"\\p{Cc}", "\\u0000-\\u001F\\u007F-\\u009F"},
  };
  for (const auto& [from, to] : classes) {
    for (size_t at; (at = re.find(from)) != std::string::npos;) re.replace(at, strlen(from), to);
  }
  return re;
}

// What the schema's x-patternDetail(s) say of a value that fails its pattern.
std::string PatternDetail(const json& p) {
  if (auto d = p.find("x-patternDetail"); d != p.end() && d->is_string()) return d->get<std::string>();
  std::string out;
  if (auto ds = p.find("x-patternDetails"); ds != p.end() && ds->is_array()) {
    for (const json& d : *ds) out += (out.empty() ? "" : "; ") + d.value("detail", "");
  }
  return out;
}

// Whether `text` passes the parameter's pattern (RE2, as the CLI reads it)
// and lengths: may a number or boolean, read as text, stand here?
bool TextCouldPass(const json& p, const std::string& text) {
  if (auto it = p.find("pattern"); it != p.end() && it->is_string()) {
    RE2 re(it->get<std::string>());
    if (!re.ok() || !RE2::PartialMatch(text, re)) return false;
  }
  return text.size() >= p.value("minLength", size_t{0}) && text.size() <= p.value("maxLength", SIZE_MAX);
}

// true or false, without naming the type: a "type": "boolean" anywhere in a
// text parameter's schema would make editors offer true and false for it.
json BooleanUnnamed() {
  return {{"$comment", "true or false, read as its text"},
          {"not", {{"type", {"string", "number", "object", "array", "null"}}}}};
}

// An integer: a number with a zero fraction, or a string of decimal digits
// ("12", "007"; not "12.0"). The allowed values are listed as numbers only.
void IntegerForms(const std::string& name, json* v) {
  json number = {{"type", "integer"}};
  for (const char* key : {"enum", "minimum", "maximum"}) {
    if (v->contains(key)) {
      number[key] = (*v)[key];
      v->erase(key);
    }
  }
  std::string digits = "^-?[0-9]+$", message = name + " must be a whole number";
  if (auto e = number.find("enum"); e != number.end() && std::all_of(e->begin(), e->end(), [](const json& x) {
        return x.is_number_unsigned();
      })) {
    std::string values, listed;
    for (const json& x : *e) {
      values += (values.empty() ? "" : "|") + x.dump();
      listed += (listed.empty() ? "" : ", ") + x.dump();
    }
    digits = "^0*(?:" + values + ")$";
    message = name + " must be one of " + listed;
  }
  v->erase("type");
  (*v)["anyOf"] = {number, {{"type", "string"}, {"pattern", digits}, {"patternErrorMessage", message}}};
}

// A boolean: true or false, or either as a string in any case ("TRUE").
void BooleanForms(const std::string& name, json* v) {
  v->erase("type");
  (*v)["anyOf"] = {{{"type", "boolean"}},
                   {{"type", "string"},
                    {"pattern", "^(?:" + AnyCase("true") + "|" + AnyCase("false") + ")$"},
                    {"patternErrorMessage", name + " must be true or false"}}};
}

// Text: an allowed value that reads as a number (EngineVersion 5.0) is also
// allowed as that number; a number or boolean where its text could pass.
void TextForms(const json& p, json* v) {
  if (auto e = v->find("enum"); e != v->end()) {
    json forms = {{{"type", "string"}, {"enum", *e}}};
    for (const json& allowed : *e) {
      json n = json::parse(allowed.get<std::string>(), nullptr, false);
      if (n.is_number()) forms.push_back({{"type", "number"}, {"minimum", n}, {"maximum", n}});
    }
    if (forms.size() == 1) return;
    v->erase("type");
    v->erase("enum");
    (*v)["anyOf"] = std::move(forms);
    return;
  }
  const bool number = TextCouldPass(p, std::string(std::max<size_t>(p.value("minLength", size_t{1}), 1), '1'));
  const bool boolean = TextCouldPass(p, "true") || TextCouldPass(p, "false");
  json kinds = number ? json{"string", "number"} : json("string");
  if (boolean) {
    v->erase("type");
    (*v)["anyOf"] = {{{"type", kinds}}, BooleanUnnamed()};
  } else {
    (*v)["type"] = kinds;
  }
}

}  // namespace

json WithoutAnnotations(const json& s) {
  json out = json::object();
  for (const auto& [key, value] : s.items()) {
    if (key.rfind("x-", 0) != 0) out[key] = value;
  }
  return out;
}

std::string AnyCase(std::string_view text) {
  std::string out;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      out += {'[', static_cast<char>(std::toupper(u)), static_cast<char>(std::tolower(u)), ']'};
    } else {
      if (std::strchr("^$\\.*+?()[]{}|/", c) != nullptr) out += '\\';
      out += c;
    }
  }
  return out;
}

json EditorValue(const std::string& name, const json& p) {
  json v = WithoutAnnotations(p);
  v.erase("items");  // a nested object is the caller's
  if (auto it = v.find("pattern"); it != v.end() && it->is_string()) *it = EcmaPattern(it->get<std::string>());
  if (std::string detail = PatternDetail(p); !detail.empty()) v["patternErrorMessage"] = name + " " + detail;
  switch (WireTypeOf(p)) {
    case WireType::Integer: IntegerForms(name, &v); break;
    case WireType::Boolean: BooleanForms(name, &v); break;
    case WireType::String: TextForms(p, &v); break;
    default: break;
  }
  return v;
}

}  // namespace tairlint::detail
