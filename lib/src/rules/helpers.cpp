// Helpers shared by rules (rules/rule.h).
#include <algorithm>
#include <cctype>

#include "rules/rule.h"

namespace tairlint::detail {

bool AnnotationReader::Fail(const std::string& what) {
  if (ok_) *error_ = where_ + ": " + at_ + what;
  ok_ = false;
  return false;
}

std::string AnnotationReader::Text(const nlohmann::json& e, const char* key, bool required) {
  auto it = e.is_object() ? e.find(key) : e.end();
  if (it != e.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) return it->get<std::string>();
  if (required || it != e.end()) Fail(std::string(".") + key + " must be a non-empty string");
  return "";
}

bool ReadConditionalParameter(AnnotationReader& reader, const nlohmann::json& e, const ObjectSpec& object,
                              ConditionalParameter* out) {
  const ObjectSpec* elements = reader.ElementsOf(object);
  out->if_any = reader.Text(e, "ifAny", /*required=*/false);
  if (!out->if_any.empty() && elements == nullptr) return reader.Fail(".ifAny names no array of objects");
  out->parameter = AnnotationReader::Ref(object, reader.Text(e, "parameter"));
  auto cond = e.find("if");
  if (cond == e.end() || !cond->is_object() || cond->empty()) return reader.Fail(".if must be an object of conditions");
  for (auto it = cond->begin(); it != cond->end(); ++it) {
    if (!it->is_string()) return reader.Fail(".if." + it.key() + " must be a string");
    out->conditions.push_back({AnnotationReader::Ref(out->if_any.empty() ? object : *elements, it.key()), it->get<std::string>()});
  }
  return !reader.failed();
}

bool Matches(const Context& ctx, const Scope& s, const Condition& c) {
  const std::string& want = c.want;
  const Node* v = ctx.Value(s, c.param);
  if (v == nullptr || ctx.report.HasErrorAt(s.pointer, c.param.name)) return false;
  if (want == "*") return true;
  // The wire text of a string is its text: compare without building it.
  return v->kind == Kind::String ? SameText(v->text, want) : WireText(*v) == want;
}

std::string Describe(const std::vector<Condition>& conditions) {
  std::string out;
  for (const Condition& c : conditions) {
    if (!out.empty()) out += " and ";
    out += c.param.name + (c.want == "*" ? " is given" : " is " + c.want);
  }
  return out;
}

}  // namespace tairlint::detail
