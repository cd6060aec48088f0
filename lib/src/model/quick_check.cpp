#include <algorithm>
#include <cstdlib>

#include "model/schema_parts.h"

namespace tairlint::detail {
namespace {

constexpr unsigned Bit(JsonType t) { return 1u << static_cast<unsigned>(t); }

// What valijson's u8_strlen counts: up to the first NUL, a character starts
// at the first byte and at every byte that is not a continuation byte.
uint64_t Utf8Length(std::string_view s) {
  s = s.substr(0, s.find('\0'));
  return CountCodePoints(s) + (!s.empty() && IsUtf8Continuation(s[0]) ? 1 : 0);
}

// The bit of each Kind that the JSON types `types` accept, as NodeAdapter
// reads a node: a number is an integer or a number written otherwise.
unsigned KindsOf(unsigned types) {
  auto kind = [](Kind k) { return 1u << static_cast<unsigned>(k); };
  unsigned kinds = 0;
  if (types & Bit(JsonType::kArray)) kinds |= kind(Kind::Array);
  if (types & Bit(JsonType::kBoolean)) kinds |= kind(Kind::Bool);
  if (types & Bit(JsonType::kInteger)) kinds |= kind(Kind::Integer);
  if (types & Bit(JsonType::kNull)) kinds |= kind(Kind::Null);
  if (types & Bit(JsonType::kNumber)) kinds |= kind(Kind::Integer) | kind(Kind::Number);
  if (types & Bit(JsonType::kObject)) kinds |= kind(Kind::Object);
  if (types & Bit(JsonType::kString)) kinds |= kind(Kind::String);
  return kinds;
}

}  // namespace

bool QuickCheck::Passes(const Node& n) const {
  if (types != 0 && (kinds & (1u << static_cast<unsigned>(n.kind))) == 0) return false;
  // Only the keywords that speak of the value's kind (valijson's
  // constraints ignore the others).
  switch (n.kind) {
    case Kind::String: return PassesString(n);
    case Kind::Integer:
      if (has_enum && std::find(enum_integers.begin(), enum_integers.end(), n.integer) == enum_integers.end()) {
        return false;
      }
      return InBounds(static_cast<double>(n.integer));
    case Kind::Number: return !has_enum && (!(minimum || maximum) || InBounds(std::strtod(n.text.c_str(), nullptr)));
    case Kind::Array:
      return !has_enum && !(min_items && n.items.size() < *min_items) && !(max_items && n.items.size() > *max_items);
    case Kind::Object: return !has_enum && HasRequired(n);
    case Kind::Bool:
    case Kind::Null: return !has_enum;
  }
  return false;
}

bool QuickCheck::PassesString(const Node& n) const {
  if (n.bad_utf8) return false;  // valijson reads a readable copy
  if (min_length || max_length) {
    const uint64_t len = Utf8Length(n.text);
    if ((min_length && len < *min_length) || (max_length && len > *max_length)) return false;
  }
  if (pattern != nullptr) {
    const ClassPattern::Answer a = class_pattern ? class_pattern->Match(n.text) : ClassPattern::Answer::AskRe2;
    if (a == ClassPattern::Answer::NoMatch ||
        (a == ClassPattern::Answer::AskRe2 && !RE2::PartialMatch(std::string_view(n.text), *pattern))) {
      return false;
    }
  }
  return !has_enum || std::any_of(enum_strings.begin(), enum_strings.end(),
                                  [&](const std::string& e) { return SameText(e, n.text); });
}

bool QuickCheck::InBounds(double v) const { return !(minimum && v < *minimum) && !(maximum && v > *maximum); }

bool QuickCheck::HasRequired(const Node& n) const {
  for (const std::string& name : required) {
    // present as NodeAdapter sees it: not shadowed by a repeat, not null
    if (std::none_of(n.members.begin(), n.members.end(), [&](const Member& m) {
          return !m.value.shadowed && !m.value.is_null() && SameText(m.key, name);
        })) {
      return false;
    }
  }
  return true;
}

std::unique_ptr<QuickCheck> MakeQuickCheck(const nlohmann::json& own, Patterns* patterns) {
  if (!own.is_object()) return nullptr;
  auto q = std::make_unique<QuickCheck>();
  auto count = [](const nlohmann::json& v, std::optional<uint64_t>* out) {
    if (!v.is_number_unsigned()) return false;
    *out = v.get<uint64_t>();
    return true;
  };
  for (auto it = own.begin(); it != own.end(); ++it) {
    const std::string& key = it.key();
    const nlohmann::json& v = it.value();
    bool ok = true;
    if (key == "type") {
      static const std::pair<const char*, JsonType> kNames[] = {
          {"array", JsonType::kArray},   {"boolean", JsonType::kBoolean}, {"integer", JsonType::kInteger},
          {"null", JsonType::kNull},     {"number", JsonType::kNumber},   {"object", JsonType::kObject},
          {"string", JsonType::kString}};
      std::vector<nlohmann::json> names = v.is_array() ? v.get<std::vector<nlohmann::json>>() : std::vector{v};
      ok = !names.empty();
      for (const nlohmann::json& name : names) {
        auto found = std::find_if(std::begin(kNames), std::end(kNames),
                                  [&](const auto& k) { return name.is_string() && name == k.first; });
        if (found == std::end(kNames)) ok = false;
        else q->types |= Bit(found->second);
      }
    } else if (key == "minLength") {
      ok = count(v, &q->min_length);
    } else if (key == "maxLength") {
      ok = count(v, &q->max_length);
    } else if (key == "minItems") {
      ok = count(v, &q->min_items);
    } else if (key == "maxItems") {
      ok = count(v, &q->max_items);
    } else if (key == "minimum" || key == "maximum") {
      ok = v.is_number();
      if (ok) (key == "minimum" ? q->minimum : q->maximum) = v.get<double>();
    } else if (key == kRe2Keyword) {
      q->pattern = v.is_string() ? patterns->Get(v.get<std::string>(), nullptr) : nullptr;
      ok = q->pattern != nullptr;
      if (ClassPattern cp; ok && ClassPattern::Compile(v.get<std::string>(), &cp)) q->class_pattern = cp;
    } else if (key == "enum") {
      ok = v.is_array();
      q->has_enum = true;
      for (const nlohmann::json& e : v) {
        if (e.is_string()) q->enum_strings.push_back(e.get<std::string>());
        if (e.is_number_integer() && (!e.is_number_unsigned() || e.get<uint64_t>() <= INT64_MAX)) {
          q->enum_integers.push_back(e.get<int64_t>());
        }
      }
    } else if (key == "required") {
      ok = v.is_array();
      for (const nlohmann::json& r : v) {
        if (!r.is_string()) ok = false;
        else q->required.push_back(r.get<std::string>());
      }
    } else {
      ok = false;
    }
    if (!ok) return nullptr;
  }
  q->kinds = KindsOf(q->types);
  return q;
}

}  // namespace tairlint::detail
