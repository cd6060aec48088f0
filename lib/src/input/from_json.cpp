// A request already parsed by nlohmann::json (Checker::CheckJson), as a
// document tree without positions.
#include <nlohmann/json.hpp>

#include "input/parse.h"

namespace tairlint::detail {
namespace {

constexpr int kMaxJsonDepth = 256;

Node Convert(const nlohmann::json& j, int depth, bool* too_deep) {
  Node n;
  if (depth > kMaxJsonDepth) {
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
      for (const auto& v : j) n.items.push_back(Convert(v, depth + 1, too_deep));
      break;
    case nlohmann::json::value_t::object:
      n.kind = n.written = Kind::Object;
      for (auto it = j.begin(); it != j.end(); ++it) {
        Member m;
        m.key = it.key();
        m.value = Convert(it.value(), depth + 1, too_deep);
        n.members.push_back(std::move(m));
      }
      break;
    default:
      break;
  }
  return n;
}
}  // namespace

bool FromJson(const nlohmann::json& j, Node* out) {
  bool too_deep = false;
  *out = Convert(j, 0, &too_deep);
  return !too_deep;
}

}  // namespace tairlint::detail
