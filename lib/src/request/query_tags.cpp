#include <re2/re2.h>

#include <algorithm>

#include "request/context.h"

namespace tairlint::detail {

void FoldQueryTags(Context& ctx) {
  const PropSpec* tag = ctx.am.request.find("Tag");
  if (tag == nullptr) return;
  const size_t max_pairs = tag->max_items != 0 ? tag->max_items : 5;  // maxItems: Tag.1 to Tag.5
  static const RE2 kTagKey(R"(Tag\.([^.]*)\.(.*))");
  if (std::none_of(ctx.root.members.begin(), ctx.root.members.end(),
                   [](const Member& m) { return m.key.rfind("Tag.", 0) == 0; })) {
    return;
  }
  Node array;
  array.kind = array.written = Kind::Array;
  MemberList kept;
  // Spans: the array runs from the first Tag.N parameter to the end of the
  // last (other parameters may stand between them); a pair from its first
  // Tag.N.* parameter to the end of its last; a pair's key is the Tag.N.*
  // key as written; the synthesized `Tag` key is the first Tag.N.* key.
  uint32_t first_key_end = 0;
  std::vector<std::string> bad_seen;
  bool any = false;
  for (Member& m : ctx.root.members) {
    std::string n, field;
    if (!RE2::FullMatch(std::string_view(m.key), kTagKey, &n, &field)) {
      kept.push_back(std::move(m));
      continue;
    }
    int64_t index = -1;
    if (!n.empty() && n.size() <= 9 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      index = std::stoll(n);
    }
    if (index < 1 || static_cast<size_t>(index) > max_pairs) {
      if (std::find(bad_seen.begin(), bad_seen.end(), n) == bad_seen.end()) {
        bad_seen.push_back(n);
        ctx.Emit("tag-limit", "InvalidParameter",
                 Place{index >= 1 ? "/Tag/" + std::to_string(index - 1) : PointerAppend("", m.key), Excerpt(m.key),
                       m.key_pos, KeyEndOf(m)},
                 "Tag." + Excerpt(n) + " is out of range: tags are numbered 1 to " + std::to_string(max_pairs) +
                     " (at most " + std::to_string(max_pairs) + " pairs)");
      }
      continue;
    }
    if (!any) {
      array.pos = m.key_pos;
      first_key_end = m.key_end;
      any = true;
    }
    const uint32_t param_end = std::max(m.key_end, EndOf(m.value));  // `Tag.1.Key=v`, or `Tag.1.Key` alone
    array.end = std::max(array.end, param_end);
    if (array.items.size() < static_cast<size_t>(index)) array.items.resize(static_cast<size_t>(index));
    Node& pair = array.items[static_cast<size_t>(index - 1)];
    if (pair.kind != Kind::Object) {
      pair.kind = pair.written = Kind::Object;
      pair.pos = m.key_pos;
    }
    pair.end = std::max(pair.end, param_end);
    Member pm;
    pm.key = field;
    pm.key_pos = m.key_pos;
    pm.key_end = m.key_end;
    pm.first_pos = m.first_pos;  // a repeated Tag.N.Key stays a duplicate
    pm.has_first = m.has_first;
    pm.value = std::move(m.value);
    pair.members.push_back(std::move(pm));
  }
  ctx.root.members = std::move(kept);
  if (any) {
    for (size_t i = 0; i < array.items.size(); ++i) {
      if (array.items[i].kind != Kind::Null) continue;
      // reported at the first tag after the gap (the last item is never a gap)
      size_t next = i + 1;
      while (array.items[next].kind == Kind::Null) ++next;
      ctx.Emit("tag-gap", "", Place{"/Tag/" + std::to_string(i), "Tag." + std::to_string(i + 1), array.items[next].pos, EndOf(array.items[next])},
               "Tag." + std::to_string(i + 1) + " is missing before Tag." + std::to_string(next + 1) +
                   ": tags are numbered from 1 without gaps");
    }
    Member tm;
    tm.key = "Tag";
    tm.key_pos = array.pos;
    tm.key_end = first_key_end;
    tm.value = std::move(array);
    ctx.root.members.push_back(std::move(tm));
  }
}

}  // namespace tairlint::detail
