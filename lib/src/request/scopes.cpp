#include "request/context.h"

#include <algorithm>

namespace tairlint::detail {

void BuildScopes(Context& ctx) {
  ctx.scopes.clear();
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

std::string Context::Parameter(Scope::Where where, size_t index, std::string_view key) const {
  switch (where) {
    case Scope::Where::Request: return Excerpt(key);
    case Scope::Where::Element: return ItemParameter(where, index);
    case Scope::Where::TagPair: return ItemParameter(where, index) + "." + Excerpt(key);
  }
  return Excerpt(key);
}

std::string Context::ItemParameter(Scope::Where where, size_t index) const {
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

}  // namespace tairlint::detail
