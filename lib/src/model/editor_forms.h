// How each value of the editor schema may be written (editor_forms.cpp).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tairlint::detail {

// A schema without tairlint's own annotations (the "x-" keys), one level.
nlohmann::json WithoutAnnotations(const nlohmann::json& s);

// "^" + AnyCase("izNo") + "$" matches izNo in any case: [Ii][Zz][Nn][Oo].
std::string AnyCase(std::string_view text);

// The editor's schema of one parameter `name` (its nested object aside):
// ECMA-262 patterns, and every form the CLI converts to the parameter's
// wire type (request/coerce.cpp) accepted, each allowed value listed once.
nlohmann::json EditorValue(const std::string& name, const nlohmann::json& p);

}  // namespace tairlint::detail
