// A finding's line of the request as a report shows it under the finding
// (CheckOptions::source_lines), with the offending range underlined.
//
// No secret reaches it: every value on the line but the offending one is
// shown as "***", and so is the offending one when its text is a secret's
// (Node::secret, set by MarkSecretValues); in YAML, a comment is cut off.
// Keys and the punctuation between them stay, so the reader finds the place.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "tairlint/tairlint.h"

namespace tairlint::detail {

// A scalar's or a key's bytes in the text; keys are shown, values masked.
struct TextSpan {
  uint32_t pos = 0;
  uint32_t end = 0;
  bool value = false;   // a scalar value (else a key)
  bool secret = false;  // a value whose text is a secret's: masked even when it is the offending one
};

// The keys and scalar values of a document, by position.
std::vector<TextSpan> SpansOf(const Node& root);

// The line holding byte `pos` of `text`, for a finding from `pos` to `end`
// (exclusive; end <= pos: no extent). Lines longer than kSourceLineCells
// terminal cells are clipped around the range, with "…" where cut.
constexpr int kSourceLineCells = 120;
SourceLine ShowSourceLine(std::string_view text, uint32_t pos, uint32_t end, const std::vector<TextSpan>& spans);

}  // namespace tairlint::detail
