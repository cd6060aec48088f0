// The request schema as editors use it.
#include "model/model.h"

namespace tairlint::detail {

namespace {

// What an editor should accept is what the service accepts: values travel
// as text, so an integer or boolean may be written as a string ("Period":
// "1"); the annotations only tairlint reads are left out.
void ForEditors(nlohmann::json* s) {
  if (s->is_array()) {
    for (auto& v : *s) ForEditors(&v);
    return;
  }
  if (!s->is_object()) return;
  for (auto it = s->begin(); it != s->end();) {
    if (it.key().rfind("x-", 0) == 0) {
      it = s->erase(it);
    } else {
      ++it;
    }
  }
  // RE2's Unicode classes, spelled as ECMA-262 ranges that editors (and
  // every JSON Schema validator) understand. Han: the CJK blocks of the BMP.
  if (auto p = s->find("pattern"); p != s->end() && p->is_string()) {
    std::string re = p->get<std::string>();
    const std::pair<const char*, const char*> classes[] = {
        {"\\p{Han}", "\\u2E80-\\u2FDF\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303B\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF"},
        {"\\p{Z}", "\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"},
        {"\\p{Cc}", "\\u0000-\\u001F\\u007F-\\u009F"},
    };
    for (const auto& [from, to] : classes) {
      for (size_t at; (at = re.find(from)) != std::string::npos;) re.replace(at, strlen(from), to);
    }
    *p = re;
  }
  auto type = s->find("type");
  if (type != s->end() && type->is_string() && (*type == "integer" || *type == "boolean")) {
    bool integer = *type == "integer";
    *type = nlohmann::json::array({type->get<std::string>(), "string"});
    if (auto e = s->find("enum"); e != s->end()) {
      nlohmann::json values = nlohmann::json::array();
      for (const auto& v : *e) {
        values.push_back(v);
        values.push_back(v.dump());
      }
      *e = std::move(values);
    } else if (!integer) {
      (*s)["enum"] = {true, false, "true", "false"};
    }
  }
  for (const char* key : {"properties", "definitions"}) {
    if (auto it = s->find(key); it != s->end() && it->is_object()) {
      for (auto& [k, v] : it->items()) ForEditors(&v);
    }
  }
  for (const char* key : {"items", "additionalProperties"}) {
    if (auto it = s->find(key); it != s->end()) ForEditors(&*it);
  }
}

}  // namespace

nlohmann::json EditorSchema(const Model& model, Action action) {
  const ActionModel* m = model.For(action);
  if (m == nullptr) return nullptr;
  nlohmann::json s = m->bundled;
  ForEditors(&s);
  return s;
}

const nlohmann::json* BundledSchema(const Model& model, Action action) {
  const ActionModel* m = model.For(action);
  return m ? &m->bundled : nullptr;
}

}  // namespace tairlint::detail
