#include "request/context.h"

#include <cstdlib>

namespace tairlint::detail {

Place Context::ValueAt(const Scope& s, std::string_view key, const Node& value) const {
  return {Pointer(s, key), Parameter(s, key), value.pos, 0};
}

Place Context::KeyAt(const Scope& s, std::string_view key, const Member& member) const {
  return {Pointer(s, key), Parameter(s, key), member.key_pos, 0};
}

Place Context::MissingAt(const Scope& s, std::string_view key) const {
  return {Pointer(s, key), Parameter(s, key), s.node->pos, 0};
}

void Context::Emit(std::string_view rule, std::string_view code, Place place, std::string detail,
                   std::string name) const {
  Draft d;
  d.rule = std::string(rule);
  d.code = std::string(code);
  d.name = name.empty() ? place.parameter : std::move(name);
  d.detail = std::move(detail);
  d.pointer = std::move(place.pointer);
  d.parameter = std::move(place.parameter);
  d.pos = place.pos;
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
    case Scope::Where::TagPair: return TagParameter(s.index, key);
  }
  return Excerpt(key);
}

std::string WireName(std::string_view pointer, std::string_view key) {
  constexpr std::string_view kInstances = "/Instances/", kTag = "/Tag/";
  if (pointer.substr(0, kInstances.size()) == kInstances) return "Instances";
  if (pointer.substr(0, kTag.size()) == kTag) {
    const size_t end = pointer.find('/', kTag.size());
    if (end != std::string_view::npos) {
      // strtoull: a Tag written as an object has no numbers here (pair 1)
      return TagParameter(std::strtoull(std::string(pointer.substr(kTag.size(), end - kTag.size())).c_str(), nullptr, 10), key);
    }
  }
  return Excerpt(key);
}

std::string TagParameter(size_t index, std::string_view key) {
  return "Tag." + std::to_string(index + 1) + "." + Excerpt(key);
}

}  // namespace tairlint::detail
