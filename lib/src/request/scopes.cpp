#include "request/context.h"

#include <algorithm>

namespace tairlint::detail {

void BuildScopes(Context& ctx) {
  ctx.scopes.clear();
  Node* inst = ctx.root.get("Instances");
  Node* tags = ctx.root.get("Tag");
  ctx.scopes.reserve(1 + (inst != nullptr ? inst->items.size() : 0) + (tags != nullptr ? tags->items.size() : 0));
  ctx.scopes.push_back({Scope::Where::Request, &ctx.root, &ctx.am.request, "", 0, {}, {}});
  if (inst != nullptr && inst->is_array()) {
    for (size_t i = 0; i < inst->items.size(); ++i) {
      Node& e = inst->items[i];
      if (e.is_object()) {
        ctx.scopes.push_back({Scope::Where::Element, &e, &ctx.am.element, "/Instances/" + std::to_string(i), i, {}, {}});
      }
    }
  }
  if (tags != nullptr && tags->is_array()) {
    for (size_t i = 0; i < tags->items.size(); ++i) {
      Node& t = tags->items[i];
      if (t.is_object()) {
        ctx.scopes.push_back({Scope::Where::TagPair, &t, &ctx.am.tag, "/Tag/" + std::to_string(i), i, {}, {}});
      }
    }
  }
  for (Scope& s : ctx.scopes) {
    s.specs.reserve(s.node->members.size());
    s.member_of = TreeVector<uint32_t>(s.spec->props.size(), Scope::kAbsent);
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
          ctx.respelled.push_back({static_cast<size_t>(&s - ctx.scopes.data()), &m, std::string(std::string_view(m.key))});
          m.key = p->name;
          m.key_hash = 0;
          respelled = true;
        }
      }
      if (p != nullptr) s.member_of[static_cast<size_t>(p - s.spec->props.data())] = static_cast<uint32_t>(s.specs.size());
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
    for (size_t i = 0; i < s.specs.size(); ++i) {
      const Member& m = s.node->members[i];
      if (!m.value.bad_utf8 || m.value.shadowed) continue;
      const PropSpec* p = s.specs[i];
      Place place = ctx.ValueAt(s, m.key, m.value);
      const std::string code = p != nullptr && !p->error_code.empty() ? p->error_code : GenericCode(place.pointer);
      ctx.Emit(p != nullptr && !p->rule.empty() ? p->rule : "string-value", code, std::move(place),
               Excerpt(m.key) + " is not valid UTF-8 text");
    }
  }
}

}  // namespace tairlint::detail
