// The files of schemas/ compiled into the library (see cmake/embed.cmake).
#pragma once

#include <cstddef>
#include <string_view>

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

}  // namespace tairlint::detail
