// LineIndex answers every offset as a byte-by-byte count does: lines end at
// "\n", "\r\n" and a lone "\r"; columns count code points. Offsets are asked
// in increasing order (the scan from the last answer), in any order (the
// index of line starts), and both mixed, over texts with long lines, line
// breaks of every kind at every place of a sixteen-byte block, and UTF-8.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "document/document.h"
#include "input/parse.h"

namespace tairlint::detail {
namespace {

struct Where {
  int line, column;
};

// The answer for every offset 0..text.size(), one byte at a time.
std::vector<Where> Naive(const std::string& text) {
  std::vector<Where> out;
  int line = 1, column = 1;
  for (size_t i = 0; i <= text.size(); ++i) {
    out.push_back({line, column});
    if (i == text.size()) break;
    const char c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return out;
}

std::string RandomText(std::mt19937& rng) {
  static const std::vector<std::string> kPieces = {"a", "bc", " ", "\n", "\r\n", "\r", "\xC3\xA9", "\xE4\xB8\xAD",
                                                   "\xF0\x9F\x98\x80", "{\"Key\": \"value\"}", "0123456789abcdef"};
  std::string t;
  const size_t pieces = rng() % 80;
  for (size_t i = 0; i < pieces; ++i) {
    // now and then a long line: blocks without any break
    t += rng() % 10 == 0 ? std::string(rng() % 70, 'x') : kPieces[rng() % kPieces.size()];
  }
  return t;
}

void Expect(LineIndex& index, const std::vector<Where>& want, uint32_t offset, const std::string& text) {
  int line = 0, column = 0;
  index.Locate(offset, &line, &column);
  ASSERT_EQ(line, want[offset].line) << "offset " << offset << " of a text of " << text.size() << " bytes";
  ASSERT_EQ(column, want[offset].column) << "offset " << offset << " of a text of " << text.size() << " bytes";
}

TEST(LineIndex, AnswersAsAByteCountInIncreasingOrder) {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    const std::string text = RandomText(rng);
    const std::vector<Where> want = Naive(text);
    LineIndex index(text);
    for (uint32_t offset = 0; offset <= text.size(); offset += 1 + rng() % 40) {
      Expect(index, want, offset, text);
    }
    Expect(index, want, static_cast<uint32_t>(text.size()), text);
  }
}

TEST(LineIndex, AnswersAsAByteCountInAnyOrder) {
  std::mt19937 rng(11);
  for (int round = 0; round < 1000; ++round) {
    const std::string text = RandomText(rng);
    const std::vector<Where> want = Naive(text);
    LineIndex index(text);
    for (int ask = 0; ask < 20; ++ask) {
      Expect(index, want, static_cast<uint32_t>(rng() % (text.size() + 1)), text);
    }
  }
}

TEST(LineIndex, EveryBreakAtEveryPlaceOfABlock) {
  for (const std::string brk : {"\n", "\r\n", "\r"}) {
    for (size_t at = 0; at < 40; ++at) {
      const std::string text = std::string(at, 'a') + brk + "\xC3\xA9" + std::string(20, 'b') + brk + "c";
      const std::vector<Where> want = Naive(text);
      for (uint32_t offset = 0; offset <= text.size(); ++offset) {
        LineIndex index(text);  // the first answer: one scan from the start
        Expect(index, want, offset, text);
      }
    }
  }
}

// The JSON parser's line starts (LineIndex(text, starts)) answer every
// offset as the index's own scan does, with line breaks of every kind in the
// white space between tokens, a byte-order mark before the document, and
// UTF-8 in strings.
TEST(LineIndex, TheJsonParsersLineStartsAnswerAsTheScanDoes) {
  std::mt19937 rng(5);
  static const std::vector<std::string> kSpace = {"", " ", "\n", "\r\n", "\r", "\t", "\n\n", " \r\n "};
  auto space = [&] { return kSpace[rng() % kSpace.size()]; };
  for (int round = 0; round < 1000; ++round) {
    const bool bom = rng() % 4 == 0;
    std::string text = std::string(bom ? "\xEF\xBB\xBF" : "") + space() + "{" + space();
    const int members = static_cast<int>(rng() % 6);
    for (int m = 0; m < members; ++m) {
      if (m > 0) text += "," + space();
      text += "\"k" + std::to_string(m) + "\"" + space() + ":" + space();
      text += rng() % 2 ? "\"v\xC3\xA9" + std::string(rng() % 30, 'x') + "\"" : "[" + space() + "1" + space() + "]";
    }
    text += space() + "}" + space();
    const uint32_t base = bom ? 3 : 0;
    Node doc;
    ParseError err;
    TreeVector<uint32_t> starts;
    ASSERT_TRUE(ParseJson(std::string_view(text).substr(base), base, ParseLimits{}, &doc, &err, &starts)) << err.message;
    const std::vector<Where> want = Naive(text);
    for (uint32_t offset = 0; offset <= text.size(); ++offset) {
      LineIndex index(text, starts);  // a fresh index: each offset from the starts alone
      Expect(index, want, offset, text);
    }
    LineIndex increasing(text, starts);
    for (uint32_t offset = 0; offset <= text.size(); ++offset) Expect(increasing, want, offset, text);
  }
}

}  // namespace
}  // namespace tairlint::detail
