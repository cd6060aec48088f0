// What a text is before it is parsed: its encoding and its form.
#pragma once

#include <string_view>

#include "tairlint/tairlint.h"

namespace tairlint::detail {

inline constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The name of a UTF-16 or UTF-32 encoding the text is in (with or without
// a byte-order mark), or nullptr.
const char* WideEncoding(std::string_view text);

// JSON when it opens with { or [; a query string when it is one line of
// name=value pairs (or a URL with a query); YAML otherwise.
InputFormat DetectFormat(std::string_view text);

// Whether the text holds only JSON whitespace.
bool IsBlank(std::string_view text);

}  // namespace tairlint::detail
