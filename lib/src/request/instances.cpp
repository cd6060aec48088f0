// Instances as a request carries it: flattened by an SDK, or a JSON string.
#include <algorithm>

#include "input/parse.h"
#include "request/context.h"

namespace tairlint::detail {

// A request without Instances that carries it flattened: the service sees no
// Instances (MissingParameter), and the error names the flattened keys, which
// are no unknown parameters of their own (unknown-parameter skips them).
void FlattenedInstances(Context& ctx) {
  if (ctx.root.get("Instances") != nullptr) return;
  std::vector<const Member*> flat;
  for (const Member& m : ctx.root.members) {
    if (IsFlattenedInstancesKey(m.key)) flat.push_back(&m);
  }
  if (flat.empty()) return;
  constexpr size_t kNamed = 3;
  std::string names;
  for (size_t i = 0; i < flat.size() && i < kNamed; ++i) names += (i ? ", " : "") + Excerpt(flat[i]->key);
  if (flat.size() > kNamed) names += " and " + std::to_string(flat.size() - kNamed) + " more";
  ctx.Emit("required-parameter", "MissingParameter", Place{"/Instances", "Instances", flat[0]->key_pos, KeyEndOf(*flat[0])},
           "Instances is required by CreateInstances; this request carries it flattened (" + names +
               "), as an SDK sends an array it was handed: pass Instances as one JSON string, "
               "e.g. [{\"RegionId\":\"cn-hangzhou\",...}]");
}

void LimitInstances(Context& ctx, size_t max_instances) {
  Node* inst = ctx.root.get("Instances");
  if (inst == nullptr || !inst->is_array() || inst->items.size() <= max_instances) return;
  const Node& excess = inst->items[max_instances];
  ctx.Emit("instances-format", "InvalidInstances.Malformed", Place{"/Instances", "Instances", excess.pos, EndOf(excess)},
           "Instances holds " + std::to_string(inst->items.size()) + " elements, more than the limit of " +
               std::to_string(max_instances));
  inst->items.resize(max_instances);
}

// Parses a string-encoded Instances in place; positions of its values become
// file positions. One that is not a JSON array is reported and emptied.
void DecodeInstances(Context& ctx, std::string_view file, const ParseLimits& limits, bool positioned) {
  Member* m = nullptr;
  for (Member& mm : ctx.root.members) {
    if (mm.key == "Instances" && !mm.value.shadowed) m = &mm;
  }
  if (m == nullptr || m->value.is_null()) return;
  auto fail = [&](std::string detail, uint32_t pos, uint32_t end) {
    ctx.Emit("instances-format", "InvalidInstances.Malformed", Place{"/Instances", "Instances", pos, end}, std::move(detail));
    m->value.kind = Kind::Array;  // checked no further: its error is reported
    m->value.items.clear();
    m->value.members.clear();
  };
  if (m->value.kind == Kind::String) {
    if (m->value.bad_utf8) return fail("Instances is not valid UTF-8", m->value.pos, EndOf(m->value));
    Node inner;
    ParseError err;
    if (!ParseJson(m->value.text, 0, limits, &inner, &err)) {
      uint32_t pos = m->value.pos;
      if (positioned) {
        std::vector<uint32_t> map = DecodedToRaw(file, m->value);
        pos = map[std::min<size_t>(err.pos, map.size() - 1)];
      }
      return fail("Instances is not valid JSON: " + err.message, pos, 0);  // a point
    }
    if (positioned) {
      RemapPositionsFrom(file, m->value, &inner);
    } else {
      RemapPositions(&inner, {});
    }
    if (MarkDuplicates(&inner)) ctx.duplicate_keys = true;
    if (inner.kind != Kind::Array) {
      return fail(std::string("Instances must be a JSON array of objects; got ") +
                      (inner.kind == Kind::Object ? "an object" : "a " + std::string(KindName(inner.kind))),
                  inner.pos, EndOf(inner));
    }
    uint32_t pos = m->value.pos;
    m->value = std::move(inner);
    if (m->value.pos == 0) m->value.pos = pos;
  }
}

// Query strings flatten tags: Tag.N.Key / Tag.N.Value. They become a Tag

// Whether `key` is a flattened element of Instances (Instances.1.RegionId):
// what an SDK sends when handed an array instead of a JSON string.
bool IsFlattenedInstancesKey(std::string_view key) {
  constexpr std::string_view kPrefix = "Instances.";
  if (key.substr(0, kPrefix.size()) != kPrefix) return false;
  size_t i = kPrefix.size();
  while (i < key.size() && key[i] >= '0' && key[i] <= '9') ++i;
  return i > kPrefix.size() && (i == key.size() || key[i] == '.');
}

}  // namespace tairlint::detail
