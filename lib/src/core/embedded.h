// The files of schemas/ compiled into the library (see cmake/embed.cmake).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace tairlint::detail {

struct EmbeddedFile {
  const char* name;  // path relative to schemas/, e.g. "codes.json"
  const char* data;
  size_t size;
};

// Ends with an entry whose name is nullptr.
extern const EmbeddedFile kEmbeddedFiles[];

// The content of an embedded file, or an empty view when there is none.
std::string_view EmbeddedText(std::string_view name);

// Parses an embedded JSON file; false and `error` when it is missing or
// not JSON.
bool ParseEmbedded(std::string_view name, nlohmann::json* out, std::string* error);

}  // namespace tairlint::detail
