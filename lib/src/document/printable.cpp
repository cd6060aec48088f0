// Printable (tairlint.h): outside text made safe for a terminal, stderr or a
// workflow command. In this low layer because every layer that shows outside
// text (the model's catalog errors, the report writers) calls it.
#include <string>
#include <string_view>

#include "document/document.h"
#include "tairlint/tairlint.h"

namespace tairlint {

std::string Printable(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c < 0x80) {  // C0 and DEL
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else {
        out += "\\x";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
      }
      ++i;
      continue;
    }
    const size_t n = detail::Utf8SequenceLength(s.substr(i));
    if (n == 0) {
      // A byte that is not part of valid UTF-8 (a raw 0x9b is a C1 CSI to
      // a terminal that reads Latin-1, and garbles one that reads UTF-8).
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
      ++i;
      continue;
    }
    const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (n == 2 && c == 0xc2 && c1 <= 0x9f) {  // C1: U+0080..U+009F
      out += "\\u00";
      out.push_back(hex[c1 >> 4]);
      out.push_back(hex[c1 & 15]);
    } else if (n == 3 && c == 0xe2 && c1 == 0x80 && (s[i + 2] == '\xa8' || s[i + 2] == '\xa9')) {
      // U+2028 and U+2029 end a line for some readers (JavaScript, editors).
      out += s[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
    } else {
      out.append(s.data() + i, n);
    }
    i += n;
  }
  return out;
}

}  // namespace tairlint
