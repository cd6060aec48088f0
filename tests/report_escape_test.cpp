// Forged output: findings whose texts (and file names) hold control
// characters, line breaks, C1 controls raw and encoded, and workflow-command
// syntax. The GitHub report keeps one well-formed command per finding and no
// control character; the text report has none but its own line ends and
// colours; JSON and SARIF parse back.
#include <string>
#include <vector>

#include "document/document.h"
#include "test_util.h"

namespace tairlint::testing {
namespace {

const std::vector<std::string>& Hostile() {
  static const std::vector<std::string> texts = {
      "esc\x1b[2J\x1b]0;title\x07 end",
      "bel\x07 del\x7f nul" + std::string(1, '\0') + " tab\t",
      "line\none\r\ntwo\rthree",
      "c1 csi \xc2\x9b" "31m encoded",
      "c1 csi \x9b" "31m raw, and \xff\xfe lone bytes, \xe2\x80 cut",
      "%0A::error file=x::forged%0D%25",
      "\n::add-mask::secret",
      "\r\n::stop-commands::x::\n::error::forged",
      "sep\xe2\x80\xa8line\xe2\x80\xa9para",
      "a,b:c=d::e",
  };
  return texts;
}

// Findings with a hostile text in each field, in turn; files named with them.
std::vector<FileReport> HostileReports() {
  std::vector<FileReport> files;
  const auto& texts = Hostile();
  for (size_t i = 0; i < texts.size(); ++i) {
    FileReport file;
    file.path = "dir/" + texts[i] + ".json";
    for (int field = 0; field < 7; ++field) {
      Finding f;
      f.rule = "rule";
      f.code = "Code";
      f.message = "message";
      f.detail = "detail";
      f.pointer = "/P";
      f.parameter = "P";
      f.severity = static_cast<Severity>(field % 3);
      f.line = field;  // 0: no position
      f.column = field;
      std::string* target[] = {&f.rule, &f.code, &f.message, &f.detail, &f.pointer, &f.parameter, &f.message};
      *target[field] = texts[i];
      if (field == 6) f.detail = texts[(i + 1) % texts.size()];
      file.result.findings.push_back(f);
    }
    files.push_back(std::move(file));
  }
  return files;
}

size_t FindingCount(const std::vector<FileReport>& files) {
  size_t n = 0;
  for (const FileReport& f : files) n += f.result.findings.size();
  return n;
}

// Valid UTF-8 without C0 controls (but `allowed`), DEL, C1 controls, U+2028
// or U+2029.
void ExpectNoControls(std::string_view s, const std::string& allowed, const std::string& where) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = detail::Utf8SequenceLength(s.substr(i));
    ASSERT_NE(n, 0u) << "invalid UTF-8 at " << i << " in " << where;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 1) {
      EXPECT_FALSE((c < 0x20 && allowed.find(static_cast<char>(c)) == std::string::npos) || c == 0x7f)
          << "control " << int(c) << " at " << i << " in " << where;
    } else if (n == 2) {
      EXPECT_FALSE(c == 0xc2 && static_cast<unsigned char>(s[i + 1]) <= 0x9f) << "C1 at " << i << " in " << where;
    } else if (n == 3) {
      EXPECT_FALSE(s.substr(i, 3) == "\xe2\x80\xa8" || s.substr(i, 3) == "\xe2\x80\xa9")
          << "line separator at " << i << " in " << where;
    }
    i += n;
  }
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  for (size_t nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1) lines.push_back(text.substr(at, nl - at));
  EXPECT_EQ(at, text.size()) << "the output does not end with a line end";
  return lines;
}

TEST(ReportEscape, GithubHasOneWellFormedCommandPerFinding) {
  const auto files = HostileReports();
  const std::string out = FormatGithub(files);
  ExpectNoControls(out, "\n", "the github report");
  const auto lines = Lines(out);
  ASSERT_EQ(lines.size(), FindingCount(files)) << out;
  for (const std::string& line : lines) {
    const bool command = line.rfind("::error file=", 0) == 0 || line.rfind("::warning file=", 0) == 0 ||
                         line.rfind("::notice file=", 0) == 0;
    EXPECT_TRUE(command) << line;
    // The properties end at the first "::" after the command's name; each
    // is a known key with a value free of ':' and ','.
    const size_t space = line.find(' ');
    const size_t end = line.find("::", space);
    ASSERT_NE(end, std::string::npos) << line;
    std::string props = line.substr(space + 1, end - space - 1);
    std::vector<std::string> keys;
    for (size_t at = 0; at <= props.size();) {
      size_t comma = props.find(',', at);
      if (comma == std::string::npos) comma = props.size();
      const std::string prop = props.substr(at, comma - at);
      const size_t eq = prop.find('=');
      ASSERT_NE(eq, std::string::npos) << line;
      keys.push_back(prop.substr(0, eq));
      EXPECT_EQ(prop.find(':'), std::string::npos) << line;
      at = comma + 1;
    }
    for (const std::string& k : keys) {
      EXPECT_TRUE(k == "file" || k == "line" || k == "col" || k == "endLine" || k == "endColumn" || k == "title")
          << line;
    }
    EXPECT_EQ(keys.front(), "file");
    EXPECT_EQ(keys.back(), "title");
  }
  // What was escaped is still readable: ESC as \x1b, the raw byte as \x9b,
  // U+009B as \u009b, a line break as \n, a '%' as %25.
  EXPECT_NE(out.find("esc\\x1b[2J"), std::string::npos);
  EXPECT_NE(out.find("c1 csi \\x9b31m raw"), std::string::npos);
  EXPECT_NE(out.find("c1 csi \\u009b31m encoded"), std::string::npos);
  EXPECT_NE(out.find("line\\none\\r\\ntwo"), std::string::npos);
  EXPECT_NE(out.find("%250A::error file=x::forged"), std::string::npos);
  EXPECT_NE(out.find("file=dir/a%2Cb%3Ac=d%3A%3Ae.json"), std::string::npos);
}

TEST(ReportEscape, TextHasNoControlsButItsOwn) {
  const auto files = HostileReports();
  for (bool color : {false, true}) {
    ReportOptions options;
    options.color = color;
    std::string out = FormatText(files, options);
    if (color) {
      // Its own colours are the only escape sequences.
      EXPECT_NE(out.find("\x1b[31m"), std::string::npos);
      for (const char* own : {"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[33m", "\x1b[36m"}) {
        for (size_t at; (at = out.find(own)) != std::string::npos;) out.erase(at, strlen(own));
      }
    }
    ExpectNoControls(out, "\n", color ? "the text report (colours removed)" : "the text report");
    // One line per finding, and the summary.
    size_t expected = 1;
    for (const FileReport& f : files) expected += f.result.findings.size();
    EXPECT_EQ(Lines(out).size(), expected);
    EXPECT_NE(out.find("dir/c1 csi \\x9b31m raw, and \\xff\\xfe lone bytes, \\xe2\\x80 cut.json:"), std::string::npos);
  }
}

TEST(ReportEscape, JsonAndSarifParseBackWithInvalidUtf8Replaced) {
  const auto files = HostileReports();
  for (const std::string& out : {FormatJson(files), FormatSarif(files)}) {
    nlohmann::json doc;
    ASSERT_NO_THROW(doc = nlohmann::json::parse(out));
  }
  nlohmann::json doc = nlohmann::json::parse(FormatJson(files));
  // A valid string comes back as it was; an invalid one with U+FFFD.
  EXPECT_EQ(doc["files"][0]["path"], files[0].path);
  EXPECT_EQ(doc["files"][2]["findings"][2]["message"], Hostile()[2]);
  EXPECT_EQ(doc["files"][4]["findings"][2]["message"].get<std::string>().find("\x9b"), std::string::npos);
  EXPECT_NE(doc["files"][4]["findings"][2]["message"].get<std::string>().find("\xef\xbf\xbd"), std::string::npos);
}

TEST(ReportEscape, PrintableEscapesEveryControlAndInvalidByte) {
  EXPECT_EQ(Printable("a\x1b[1mb\x07\x7f"), "a\\x1b[1mb\\x07\\x7f");
  EXPECT_EQ(Printable("\n\r\t"), "\\n\\r\\t");
  EXPECT_EQ(Printable(std::string("nul\0", 4)), "nul\\x00");
  EXPECT_EQ(Printable("\xc2\x9b" "1m \xc2\x85"), "\\u009b1m \\u0085");
  EXPECT_EQ(Printable("\x9b" "1m \xff \xc2 \xe2\x80"), "\\x9b1m \\xff \\xc2 \\xe2\\x80");
  EXPECT_EQ(Printable("\xe2\x80\xa8\xe2\x80\xa9"), "\\u2028\\u2029");
  // Text that needs nothing comes back unchanged, UTF-8 included; so does
  // Printable's own output (it escapes no backslash).
  const std::string plain = "spécs/ünïcode 日本 \xc2\xa0 \xf0\x9f\x98\x80 \xe4\xb8\x80.json";
  EXPECT_EQ(Printable(plain), plain);
  EXPECT_EQ(Printable(Printable("\x1b\x9b")), Printable("\x1b\x9b"));
}

}  // namespace
}  // namespace tairlint::testing
