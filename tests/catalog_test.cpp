// Catalog files (CheckerConfig::catalog_files) that are hostile: too deep,
// too big, not regular files, malformed with long values. Each is a clean
// configuration error (Checker::ok() false, a short error naming the file
// and, where there is one, the line and column), never a crash or a hang.
#include <sys/stat.h>
#include <sys/types.h>

#include <fstream>
#include <string>

#include "model/model.h"
#include "test_util.h"

namespace tairlint::testing {
namespace {

using detail::Catalogs;
using detail::kMaxCatalogBytes;
using detail::LoadCatalogText;

std::string WriteScratch(const std::string& name, const std::string& text) {
  const std::string path = ScratchPath(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The error of a Checker given one catalog file, which must fail.
std::string CatalogError(const std::string& path) {
  CheckerConfig config;
  config.catalog_files = {path};
  Checker checker(config);
  EXPECT_FALSE(checker.ok()) << path;
  EXPECT_EQ(checker.Check("{}").findings.at(0).rule, "checker-error");
  return checker.error();
}

// No control byte (C0, DEL, C1 as UTF-8 or raw) in `s`.
void ExpectPrintable(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    EXPECT_FALSE(c < 0x20 || c == 0x7f) << "control byte " << int(c) << " at " << i << " in " << s.substr(0, 200);
    if (c == 0xc2 && i + 1 < s.size()) {
      const unsigned char d = static_cast<unsigned char>(s[i + 1]);
      EXPECT_FALSE(d >= 0x80 && d <= 0x9f) << "C1 control at " << i;
    }
  }
}

TEST(Catalog, DeeplyNestedValueIsRefusedBeforeParsing) {
  const size_t depth = 200000;
  const std::string text = "{\"capacities\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
  const std::string path = WriteScratch("deep-catalog.json", text);
  const std::string error = CatalogError(path);
  // The 17th opening bracket, on line 1: the object, then 16 arrays.
  EXPECT_EQ(error, path + ":1:31: nested deeper than 16 levels (a catalog is an object of arrays)");
}

TEST(Catalog, NestingIsCountedOutsideStringsOnly) {
  Catalogs catalogs;
  std::string error;
  const std::string brackets(100, '[');
  ASSERT_TRUE(LoadCatalogText(R"({"regions": ["a)" + brackets + R"(\"[{", "b"]})", "c.json", &catalogs, &error))
      << error;
  EXPECT_TRUE(catalogs.regions.contains("a" + brackets + "\"[{"));
}

TEST(Catalog, DeviceIsNotARegularFile) { EXPECT_EQ(CatalogError("/dev/zero"), "/dev/zero: not a regular file"); }

TEST(Catalog, FifoAndFolderAreNotRegularFiles) {
  const std::string fifo = ScratchPath("catalog.fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(CatalogError(fifo), fifo + ": not a regular file");  // without waiting for a writer
  const std::string folder = ScratchPath("catalog-folder");
  ASSERT_EQ(mkdir(folder.c_str(), 0700), 0);
  EXPECT_EQ(CatalogError(folder), folder + ": not a regular file");
}

TEST(Catalog, FileOverTheSizeLimitIsRefused) {
  const std::string path =
      WriteScratch("big-catalog.json", "{\"regions\": []}" + std::string(kMaxCatalogBytes, ' '));
  const std::string error = CatalogError(path);
  EXPECT_EQ(error.rfind(path + ": a catalog file holds at most 4194304 bytes", 0), 0u) << error;
  // At the limit exactly, it loads.
  const std::string fits = WriteScratch("fits-catalog.json", "{\"regions\": [\"xx-fits-1\"]}" +
                                                                std::string(kMaxCatalogBytes - 26, ' '));
  CheckerConfig config;
  config.catalog_files = {fits};
  EXPECT_TRUE(Checker(config).ok());
}

TEST(Catalog, ParseErrorHasLineAndColumnAndNoLongQuote) {
  const std::string path = WriteScratch("syntax-catalog.json", "{\n  \"capacities\": [1, 2,, 3]\n}\n");
  const std::string error = CatalogError(path);
  EXPECT_EQ(error.rfind(path + ":2:23: not valid JSON: ", 0), 0u) << error;

  // An unterminated string 100,000 bytes long with a control byte at its end:
  // nlohmann's message would quote all of it.
  const std::string long_text = "{\"regions\": [\"" + std::string(100000, 'a') + "\x1b[2J\x07";
  const std::string long_path = WriteScratch("long-catalog.json", long_text);
  const std::string long_error = CatalogError(long_path);
  EXPECT_EQ(long_error.rfind(long_path + ":1:", 0), 0u) << long_error;
  EXPECT_LT(long_error.size(), long_path.size() + 300) << long_error;
  ExpectPrintable(long_error);
}

TEST(Catalog, WrongValuesAreNamedNotDumped) {
  Catalogs catalogs;
  std::string error;
  EXPECT_FALSE(LoadCatalogText(R"({"capacities": [1, [2, [3, [4]]]]})", "c.json", &catalogs, &error));
  EXPECT_EQ(error, "c.json: \"capacities\" holds integers only; found an array");
  EXPECT_FALSE(LoadCatalogText(R"({"regions": [{"a": [1, 2]}]})", "c.json", &catalogs, &error));
  EXPECT_EQ(error, "c.json: \"regions\" holds strings only; found an object");
  EXPECT_FALSE(LoadCatalogText(R"({"regions": {"a": 1}})", "c.json", &catalogs, &error));
  EXPECT_EQ(error, "c.json: \"regions\" must be an array, not an object");
  EXPECT_FALSE(LoadCatalogText(R"([1, 2])", "c.json", &catalogs, &error));
  EXPECT_EQ(error, "c.json: a catalog must be a JSON object, not an array");

  // A long string: a Printable excerpt, an ellipsis and its full length.
  const std::string value = "\x1b]0;owned\x07" + std::string(100000, 'x');
  EXPECT_FALSE(LoadCatalogText("{\"capacities\": [\"\\u001b]0;owned\\u0007" + std::string(100000, 'x') + "\"]}",
                               "c.json", &catalogs, &error));
  EXPECT_EQ(error, "c.json: \"capacities\" holds integers only; found the string \"\\x1b]0;owned\\x07" +
                       std::string(30, 'x') + "\xE2\x80\xA6(" + std::to_string(value.size()) + " bytes)\"");
  ExpectPrintable(error);

  // An unknown key, escaped and bounded the same way.
  EXPECT_FALSE(LoadCatalogText("{\"\\u009b31m" + std::string(5000, 'k') + "\": []}", "c.json", &catalogs, &error));
  EXPECT_EQ(error.rfind("c.json: unknown key \"\\u009b31m", 0), 0u) << error;
  EXPECT_LT(error.size(), 200u) << error;
  ExpectPrintable(error);
}

TEST(Catalog, NameIsPrintable) {
  Catalogs catalogs;
  std::string error;
  EXPECT_FALSE(LoadCatalogText("[", "evil\x1b[31m\n.json", &catalogs, &error));
  EXPECT_EQ(error.rfind("evil\\x1b[31m\\n.json:1:2: not valid JSON: ", 0), 0u) << error;
  ExpectPrintable(error);
}

}  // namespace
}  // namespace tairlint::testing
