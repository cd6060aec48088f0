#include "model/model.h"
#include "model/schema_parts.h"

namespace tairlint::detail {
namespace {

// ---- The specs: what a failure's finding says, compiled at load

// "1-9, 12, 24, 36, 60" for integer lists, the strings unquoted otherwise
// (other values as JSON).
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

}  // namespace

void DescribeBounds(const nlohmann::json& s, ValueSpec* out) {
  if (s.contains("minLength") && s.contains("maxLength")) {
    out->length_text = std::to_string(s["minLength"].get<int64_t>()) + " to " + std::to_string(s["maxLength"].get<int64_t>());
  } else if (s.contains("minLength")) {
    out->length_text = "at least " + std::to_string(s["minLength"].get<int64_t>());
  } else {
    out->length_text = "at most " + std::to_string(s.value("maxLength", 0));
  }
  out->range_text = "between " + std::to_string(s.value("minimum", 0)) + " and " + std::to_string(s.value("maximum", 0));
  out->min_items = s.value("minItems", 1);
  if (auto values = s.find("enum"); values != s.end()) out->enum_text = ListValues(*values);
  if (auto d = s.find("x-patternDetail"); d != s.end()) out->pattern_detail = d->get<std::string>();
}

void DescribeValue(const nlohmann::json& subschema, const ValueSpec& parent, int parent_depth, const std::string& name,
                   bool items, Patterns* patterns, ValueSpec* out) {
  static const nlohmann::json kNoKeywords = nlohmann::json::object();  // for `true` and `false`
  const nlohmann::json& schema = subschema.is_object() ? subschema : kNoKeywords;
  out->items = items;
  out->type = WireTypeOf(schema);
  DescribeBounds(schema, out);
  out->top = parent_depth == 0 ? name : parent.top;
  if (items) {
    out->name = parent.name;
    out->rule = parent.rule;
    out->in_item = parent.in_item || parent_depth == 1;
    out->member = parent_depth == 1 ? "" : parent.member;
    return;
  }
  out->name = name;
  out->rule = schema.value("x-rule", "");
  out->error_code = schema.value("x-error-code", "");
  if (auto x = schema.find("x-secret"); x != schema.end()) out->secret = *x == true || *x == "one-off";
  out->in_item = parent.in_item;
  out->member = parent_depth == 0 || (parent.in_item && parent.member.empty()) ? name : parent.member;
  if (auto list = schema.find("x-patternDetails"); list != schema.end() && list->is_array()) {
    for (const auto& entry : *list) {
      // One RE2 refuses is left out, as a pattern without a detail.
      if (auto re = patterns->Get(entry.value("pattern", ""), nullptr)) {
        out->pattern_details.push_back({std::move(re), entry.value("detail", "")});
      }
    }
  }
}

}  // namespace tairlint::detail
