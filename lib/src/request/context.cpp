#include "request/context.h"

#include <algorithm>
#include <cstdlib>

namespace tairlint::detail {

Place Context::ValueAt(const Scope& s, std::string_view key, const Node& value) const {
  return {Pointer(s, key), Parameter(s, key), value.pos, EndOf(value), &value};
}

Place Context::KeyAt(const Scope& s, std::string_view key, const Member& member) const {
  return {Pointer(s, key), Parameter(s, key), member.key_pos, KeyEndOf(member)};
}

Place Context::MissingAt(const Scope& s, std::string_view key) const {
  return {Pointer(s, key), Parameter(s, key), s.node->pos, EndOf(*s.node)};
}

// Whether a finding at `pointer` is about a secret: some key on its way is
// a secret parameter (x-secret) of this action, in any case.
bool Context::SecretPointer(std::string_view pointer) const {
  for (size_t at = 0; at < pointer.size();) {
    const size_t next = std::min(pointer.find('/', at + 1), pointer.size());
    const std::string_view key = pointer.substr(at + 1, next - at - 1);
    for (const ObjectSpec* spec : {&am.request, &am.element, &am.tag}) {
      const PropSpec* p = spec->find_ignoring_case(key);
      if (p != nullptr && p->secret) return true;
    }
    at = next;
  }
  return false;
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
  d.end = place.end;
  const Node* v = place.value;
  if (v != nullptr && v->is_scalar() && !v->is_null() && !v->secret && !SecretPointer(d.pointer)) {
    d.value_hash = Fnv1a(WireText(*v));
  }
  report.Add(std::move(d));
}

int Context::LineOf(uint32_t pos) const {
  int line = 0, column = 0;
  Locate(pos, &line, &column);
  return line;
}

void Context::Locate(uint32_t pos, int* line, int* column) const {
  *line = *column = 0;
  if (!text.empty()) lines_.Locate(pos, line, column);
}

std::string Context::Parameter(Scope::Where where, size_t index, std::string_view key) {
  switch (where) {
    case Scope::Where::Request: return Excerpt(key);
    case Scope::Where::Element: return ItemParameter(where, index);
    case Scope::Where::TagPair: return ItemParameter(where, index) + "." + Excerpt(key);
  }
  return Excerpt(key);
}

std::string Context::ItemParameter(Scope::Where where, size_t index) {
  return where == Scope::Where::TagPair ? "Tag." + std::to_string(index + 1) : "Instances";
}

Scope::Where Context::ItemsWhere(std::string_view key) {
  return key == "Instances" ? Scope::Where::Element : key == "Tag" ? Scope::Where::TagPair : Scope::Where::Request;
}

const Scope* Context::ScopeAt(Scope::Where where, size_t index) const {
  // BuildScopes orders the scopes by kind (the request, elements, pairs),
  // then by index.
  auto it = std::lower_bound(scopes.begin(), scopes.end(), std::make_pair(where, index),
                             [](const Scope& s, const std::pair<Scope::Where, size_t>& want) {
                               return std::make_pair(s.where, s.index) < want;
                             });
  return it != scopes.end() && it->where == where && it->index == index ? &*it : nullptr;
}

std::string WireName(std::string_view pointer, std::string_view key) {
  constexpr std::string_view kInstances = "/Instances/", kTag = "/Tag/";
  if (pointer.substr(0, kInstances.size()) == kInstances) return "Instances";
  if (pointer.substr(0, kTag.size()) == kTag) {
    const size_t end = pointer.find('/', kTag.size());
    if (end != std::string_view::npos) {
      // strtoull: a Tag written as an object has no numbers here (pair 1)
      return Context::Parameter(Scope::Where::TagPair, std::strtoull(std::string(pointer.substr(kTag.size(), end - kTag.size())).c_str(), nullptr, 10),
                                key);
    }
  }
  return Excerpt(key);
}

}  // namespace tairlint::detail
