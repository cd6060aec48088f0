// The SARIF, GitHub Actions and text reports: SARIF checked against the
// OASIS schema with a real validator (python3-jsonschema), workflow commands
// and their escaping, the text format with and without colour and summary.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>

#include "test_util.h"

namespace tairlint::testing {
namespace {

using ojson = nlohmann::ordered_json;

// ---- inputs

FileReport Report(const std::string& path, const std::string& text, Action action = Action::Unknown,
                  InputFormat format = InputFormat::Auto) {
  return {path, Check(text, action, format)};
}

std::string BadPasswordRequest() {
  ojson r = BaseCreateInstances();
  r["Instances"][0]["Password"] = "ab";
  return r.dump(2);
}

// Reports of real checks: valid and invalid, both actions, JSON, YAML and
// query text, a parse error, a read error at line 0, paths with spaces,
// unicode and the characters that need escaping, and standard input.
std::vector<FileReport> Reports() {
  std::vector<FileReport> out;
  out.push_back(Report("specs/valid.json", BaseCreateInstances().dump(2)));
  out.push_back(Report("specs/bad password.json", BadPasswordRequest()));
  {
    ojson vn = BaseVNode();
    vn["ComputeUnitNum"] = 0;
    vn["Colour"] = "blue";
    out.push_back(Report("specs/vnode.yaml", Render(vn, Form::Yaml)));
  }
  {
    ojson vn = BaseVNode();
    vn["ZoneId"] = "Beijing F";
    vn["DryRun"] = true;
    out.push_back(Report("./queries/vnode.query", Render(vn, Form::Query)));
  }
  out.push_back(Report("broken.json", R"({"Action": "CreateInstances", "Instances": [)"));
  {
    ojson r = BaseCreateInstances();
    r["Instances"][0]["quantity"] = 0;
    out.push_back(Report("spécs/ünïcode 日本.json", r.dump(2)));
  }
  out.push_back(Report("-", BadPasswordRequest()));
  {
    FileReport missing{"no such/dir#1/100%.json", {}};
    Finding f;
    f.rule = "read-error";
    f.severity = Severity::Error;
    f.message = "cannot read the file: no such file or directory";
    f.detail = f.message;
    f.line = 0;
    f.column = 0;
    missing.result.findings.push_back(f);
    out.push_back(missing);
  }
  return out;
}

size_t CountFindings(const std::vector<FileReport>& files, Severity s) {
  size_t n = 0;
  for (const FileReport& f : files) n += f.result.count(s);
  return n;
}

size_t CountFindings(const std::vector<FileReport>& files) {
  size_t n = 0;
  for (const FileReport& f : files) n += f.result.findings.size();
  return n;
}

// ---- the validator

std::string WriteTemp(const std::string& name, const std::string& content) {
  std::string path = ScratchPath("output-" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

// Runs python3-jsonschema on `sarif` against the OASIS SARIF 2.1.0 schema;
// the exit status (0: valid) and what it printed.
const std::string kSarifSchema = std::string(TAIRLINT_SHARED_DIR) + "/data/sarif/sarif-schema-2.1.0.json";

std::pair<int, std::string> ValidateSarif(const std::string& sarif, const std::string& name) {
  const std::string& schema = kSarifSchema;
  const std::string file = WriteTemp(name, sarif);
  const std::string cmd =
      "python3 -c 'import json,sys,jsonschema; "
      "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' '" +
      schema + "' '" + file + "' 2>&1";
  ShellRun r = RunShell(cmd);
  std::remove(file.c_str());
  return {r.status, r.out};
}

bool HaveJsonschema() {
  return std::system("python3 -c 'import jsonschema' >/dev/null 2>&1") == 0;
}

// ---- SARIF

TEST(SarifOutput, ValidatesAgainstTheOasisSchema) {
  TAIRLINT_NEED_SHARED_DATA(kSarifSchema);
  ASSERT_TRUE(HaveJsonschema()) << "python3 with jsonschema is needed (Debian: python3-jsonschema)";
  std::string sarif = FormatSarif(Reports());
  auto [status, out] = ValidateSarif(sarif, "good.sarif");
  EXPECT_EQ(status, 0) << out;
  // No findings at all is a valid log too.
  auto [empty_status, empty_out] = ValidateSarif(FormatSarif({}), "empty.sarif");
  EXPECT_EQ(empty_status, 0) << empty_out;
}

TEST(SarifOutput, TheValidatorRejectsABrokenLog) {
  TAIRLINT_NEED_SHARED_DATA(kSarifSchema);  // without it every log would be "rejected"
  ASSERT_TRUE(HaveJsonschema()) << "python3 with jsonschema is needed (Debian: python3-jsonschema)";
  ojson log = ojson::parse(FormatSarif(Reports()));
  ASSERT_FALSE(log["runs"][0]["results"].empty());
  log["runs"][0]["results"][0]["level"] = "fatal";
  EXPECT_NE(ValidateSarif(log.dump(), "bad-level.sarif").first, 0);

  ojson no_line = ojson::parse(FormatSarif(Reports()));
  no_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
  EXPECT_NE(ValidateSarif(no_line.dump(), "bad-line.sarif").first, 0);
}

TEST(SarifOutput, Envelope) {
  std::string sarif = FormatSarif(Reports());
  ASSERT_FALSE(sarif.empty());
  EXPECT_EQ(sarif.back(), '\n');
  ojson log = ojson::parse(sarif);
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const ojson& run = log["runs"][0];
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  const ojson& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "tairlint");
  EXPECT_EQ(driver["version"], Version());
  EXPECT_FALSE(driver.contains("informationUri")) << "no rules' pages given: no address made up";
  // Deterministic: the same reports give the same bytes.
  EXPECT_EQ(sarif, FormatSarif(Reports()));
}

TEST(SarifOutput, OneResultPerFinding) {
  std::vector<FileReport> files = Reports();
  ASSERT_GT(CountFindings(files, Severity::Error), 3u);
  ASSERT_GT(CountFindings(files, Severity::Warning), 0u);
  ASSERT_GT(CountFindings(files, Severity::Info), 0u);
  ojson log = ojson::parse(FormatSarif(files));
  const ojson& results = log["runs"][0]["results"];
  EXPECT_EQ(results.size(), CountFindings(files));
  std::map<std::string, size_t> levels;
  for (const ojson& r : results) ++levels[r["level"].get<std::string>()];
  EXPECT_EQ(levels["error"], CountFindings(files, Severity::Error));
  EXPECT_EQ(levels["warning"], CountFindings(files, Severity::Warning));
  EXPECT_EQ(levels["note"], CountFindings(files, Severity::Info));

  // In order, file by file, finding by finding.
  size_t i = 0;
  for (const FileReport& file : files) {
    for (const Finding& f : file.result.findings) {
      ASSERT_LT(i, results.size());
      const ojson& r = results[i++];
      EXPECT_EQ(r["ruleId"], f.rule);
      EXPECT_EQ(r["level"], f.severity == Severity::Error     ? "error"
                            : f.severity == Severity::Warning ? "warning"
                                                              : "note");
      const ojson& region = r["locations"][0]["physicalLocation"]["region"];
      EXPECT_EQ(region["startLine"], f.line >= 1 ? f.line : 1) << f.rule;
      EXPECT_EQ(region["startColumn"], f.line >= 1 && f.column >= 1 ? f.column : 1) << f.rule;
      if (f.line >= 1) {
        EXPECT_EQ(region["endLine"], f.end_line) << f.rule;
        EXPECT_EQ(region["endColumn"], f.end_column) << f.rule;
      } else {
        EXPECT_FALSE(region.contains("endLine")) << region.dump();
        EXPECT_FALSE(region.contains("endColumn")) << region.dump();
      }
    }
  }
}

// A finding's range: the region ends where the finding does (exclusive, as
// SARIF counts), on its own line or a later one; a finding whose end is not
// past its start (none set, or an inconsistent one) is an empty region.
TEST(SarifOutput, RegionsCarryTheFindingsEnd) {
  FileReport file{"a.json", {}};
  Finding same, later, none, backwards;
  same.rule = later.rule = none.rule = backwards.rule = "x";
  same.line = 2, same.column = 5, same.end_line = 2, same.end_column = 9;
  later.line = 3, later.column = 7, later.end_line = 5, later.end_column = 2;
  none.line = 4, none.column = 3;  // end_line 0: made without an end
  backwards.line = 6, backwards.column = 8, backwards.end_line = 6, backwards.end_column = 2;
  file.result.findings = {same, later, none, backwards};
  ojson log = ojson::parse(FormatSarif({file}));
  const ojson& results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), 4u);
  auto region = [&](size_t i) { return results[i]["locations"][0]["physicalLocation"]["region"]; };
  EXPECT_EQ(region(0), ojson::parse(R"({"startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 9})"));
  EXPECT_EQ(region(1), ojson::parse(R"({"startLine": 3, "startColumn": 7, "endLine": 5, "endColumn": 2})"));
  EXPECT_EQ(region(2), ojson::parse(R"({"startLine": 4, "startColumn": 3, "endLine": 4, "endColumn": 3})"));
  EXPECT_EQ(region(3), ojson::parse(R"({"startLine": 6, "startColumn": 8, "endLine": 6, "endColumn": 8})"));
  if (HaveJsonschema() && (std::filesystem::exists(kSarifSchema) || SharedDataRequired())) {
    auto [status, out] = ValidateSarif(log.dump(), "ranges.sarif");
    EXPECT_EQ(status, 0) << out;
  }
}

TEST(SarifOutput, EveryResultHasARegionAndItsRule) {
  ojson log = ojson::parse(FormatSarif(Reports()));
  const ojson& rules = log["runs"][0]["tool"]["driver"]["rules"];
  std::set<std::string> fingerprints;
  for (const ojson& r : log["runs"][0]["results"]) {
    const ojson& region = r["locations"][0]["physicalLocation"]["region"];
    ASSERT_TRUE(region.contains("startLine")) << r.dump();
    EXPECT_GE(region["startLine"].get<int>(), 1) << r.dump();
    EXPECT_GE(region["startColumn"].get<int>(), 1) << r.dump();
    size_t index = r["ruleIndex"].get<size_t>();
    ASSERT_LT(index, rules.size());
    EXPECT_EQ(rules[index]["id"], r["ruleId"]);
    ASSERT_TRUE(r["partialFingerprints"].contains("tairlint/v1"));
    EXPECT_TRUE(fingerprints.insert(r["partialFingerprints"]["tairlint/v1"].get<std::string>()).second)
        << "duplicate fingerprint: " << r.dump();
  }
}

TEST(SarifOutput, TheReadErrorAtLineZeroGetsLineOne) {
  ojson log = ojson::parse(FormatSarif(Reports()));
  bool seen = false;
  for (const ojson& r : log["runs"][0]["results"]) {
    if (r["ruleId"] != "read-error") continue;
    seen = true;
    const ojson& loc = r["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"], "no%20such/dir%231/100%25.json");
    EXPECT_EQ(loc["region"]["startLine"], 1);
    EXPECT_EQ(loc["region"]["startColumn"], 1);
    EXPECT_EQ(r["message"]["text"], "cannot read the file: no such file or directory");
    EXPECT_FALSE(r.contains("properties")) << r.dump();  // no code, pointer or parameter
  }
  EXPECT_TRUE(seen);
}

TEST(SarifOutput, EveryRuleIsDescribed) {
  ojson log = ojson::parse(FormatSarif({}));
  const ojson& rules = log["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), Rules().size());
  EXPECT_TRUE(log["runs"][0]["results"].empty());
  for (size_t i = 0; i < Rules().size(); ++i) {
    const RuleInfo& info = Rules()[i];
    const ojson& r = rules[i];
    EXPECT_EQ(r["id"], info.id);
    EXPECT_EQ(r["shortDescription"]["text"], info.summary);
    EXPECT_EQ(r["fullDescription"]["text"], info.explanation.empty() ? info.summary : info.explanation);
    EXPECT_EQ(r["defaultConfiguration"]["level"], info.severity == Severity::Error     ? "error"
                                                  : info.severity == Severity::Warning ? "warning"
                                                                                       : "note");
    EXPECT_EQ(r["properties"]["problem.severity"], info.severity == Severity::Error     ? "error"
                                                   : info.severity == Severity::Warning ? "warning"
                                                                                        : "recommendation");
    EXPECT_EQ(r["properties"]["precision"], "very-high");
    std::string name = r["name"];
    ASSERT_FALSE(name.empty());
    EXPECT_TRUE(isupper(static_cast<unsigned char>(name[0]))) << name;
    EXPECT_EQ(name.find('-'), std::string::npos) << name;
    const std::string text = r["help"]["text"];
    const std::string markdown = r["help"]["markdown"];
    EXPECT_NE(text.find(info.example), std::string::npos) << info.id;
    for (const std::string& code : info.codes) {
      EXPECT_NE(text.find(code), std::string::npos) << info.id << " " << code;
      EXPECT_NE(markdown.find("`" + code + "`"), std::string::npos) << info.id << " " << code;
    }
  }
  const ojson* password = nullptr;
  for (const ojson& r : rules) {
    if (r["id"] == "password-format") password = &r;
  }
  ASSERT_NE(password, nullptr);
  EXPECT_EQ((*password)["name"], "PasswordFormat");
  EXPECT_NE((*password)["help"]["markdown"].get<std::string>().find("```\n{"), std::string::npos);
}

TEST(SarifOutput, MessagesAndProperties) {
  ojson log = ojson::parse(FormatSarif(Reports()));
  const ojson* found = nullptr;
  for (const ojson& r : log["runs"][0]["results"]) {
    if (r["ruleId"] == "password-format" &&
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "specs/bad%20password.json") {
      found = &r;
    }
  }
  ASSERT_NE(found, nullptr);
  const ojson& r = *found;
  // The first sentence is the cause (GitHub shows only that), then the service's answer.
  EXPECT_EQ(r["message"]["text"],
            "Password must be 8 to 32 characters long; got 2. InvalidPassword.Malformed: The Specified parameter "
            "\"Password\" is not valid.");
  EXPECT_EQ(r["properties"]["code"], "InvalidPassword.Malformed");
  EXPECT_EQ(r["properties"]["http_status"], 400);
  EXPECT_EQ(r["properties"]["pointer"], "/Instances/0/Password");
  EXPECT_EQ(r["properties"]["parameter"], "Instances");
  // Never the password itself.
  EXPECT_EQ(FormatSarif(Reports()).find("\"ab\""), std::string::npos);
}

TEST(SarifOutput, UrisAreRelativeAndPercentEncoded) {
  ojson log = ojson::parse(FormatSarif(Reports()));
  std::set<std::string> uris;
  for (const ojson& r : log["runs"][0]["results"]) {
    std::string uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    uris.insert(uri);
    ASSERT_FALSE(uri.empty());
    EXPECT_NE(uri[0], '/') << uri;
    EXPECT_EQ(uri.find(':'), std::string::npos) << uri;  // no scheme
    for (unsigned char c : uri) {
      EXPECT_TRUE(c < 0x80 && (isalnum(c) || strchr("-._~/!$&'()*+,;=@%", c) != nullptr))
          << "not allowed in a URI reference: " << uri;
    }
  }
  EXPECT_TRUE(uris.count("specs/bad%20password.json"));
  EXPECT_TRUE(uris.count("specs/vnode.yaml"));
  EXPECT_TRUE(uris.count("queries/vnode.query"));  // "./" dropped
  EXPECT_TRUE(uris.count("broken.json"));
  EXPECT_TRUE(uris.count("sp%C3%A9cs/%C3%BCn%C3%AFcode%20%E6%97%A5%E6%9C%AC.json"));
  EXPECT_TRUE(uris.count("stdin"));
  EXPECT_TRUE(uris.count("no%20such/dir%231/100%25.json"));
}

// Under a source root, artifacts below it are relative to %SRCROOT%,
// normalised; others keep their own (absolute) URI. Every rule has its
// page.
TEST(SarifOutput, ArtifactsRelativeToTheSourceRootAndRulePages) {
  ReportOptions o;
  o.source_root = "/work/repo";
  o.help_uri_base = "https://example.org/tairlint/docs/rules/";
  FileReport below = Report("/work/repo/specs/../specs/a b.json", BadPasswordRequest());
  FileReport outside = Report("/elsewhere/c.json", BadPasswordRequest());
  const std::string sarif = FormatSarif({below, outside}, o);
  ojson log = ojson::parse(sarif);
  const ojson& run = log["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///work/repo/");
  std::set<std::string> seen;
  for (const ojson& r : run["results"]) {
    const ojson& a = r["locations"][0]["physicalLocation"]["artifactLocation"];
    seen.insert(a["uri"].get<std::string>() + (a.contains("uriBaseId") ? " @" + a["uriBaseId"].get<std::string>() : ""));
  }
  EXPECT_EQ(seen, (std::set<std::string>{"specs/a%20b.json @%SRCROOT%", "file:///elsewhere/c.json"}));
  for (const ojson& rule : run["tool"]["driver"]["rules"]) {
    EXPECT_EQ(rule["helpUri"], "https://example.org/tairlint/docs/rules/" + rule["id"].get<std::string>() + ".md");
  }
  EXPECT_EQ(run["tool"]["driver"]["informationUri"], "https://example.org/tairlint/docs/rules/README.md");
}

TEST(SarifOutput, ALogWithASourceRootValidates) {
  TAIRLINT_NEED_SHARED_DATA(kSarifSchema);
  ASSERT_TRUE(HaveJsonschema()) << "python3 with jsonschema is needed (Debian: python3-jsonschema)";
  ReportOptions o;
  o.source_root = "/work/repo";
  o.help_uri_base = "https://example.org/tairlint/docs/rules/";
  const std::string sarif = FormatSarif({Report("/work/repo/a.json", BadPasswordRequest()), Report("/b.json", BadPasswordRequest())}, o);
  auto [status, out] = ValidateSarif(sarif, "rooted.sarif");
  EXPECT_EQ(status, 0) << out;
}

// A relative path is normalised ("a/../" and "./" go), without a root too.
TEST(SarifOutput, RelativePathsAreNormalised) {
  FileReport file = Report("./examples/invalid/../invalid/x.json", BadPasswordRequest());
  ojson log = ojson::parse(FormatSarif({file}));
  EXPECT_EQ(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "examples/invalid/x.json");
}

TEST(SarifOutput, AbsolutePathsBecomeFileUris) {
  FileReport abs = Report("/tmp/a b.json", BadPasswordRequest());
  ojson log = ojson::parse(FormatSarif({abs}));
  EXPECT_EQ(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "file:///tmp/a%20b.json");
}

TEST(SarifOutput, InvalidUtf8StaysValidJson) {
  FileReport odd = Report("bad\xff\xfe.json", BadPasswordRequest());
  odd.result.findings.at(0).detail = "odd \xc3 bytes";
  std::string sarif = FormatSarif({odd});
  EXPECT_TRUE(ojson::accept(sarif));
}

TEST(SarifOutput, FingerprintsAreStable) {
  // The same finding at another position keeps its fingerprint.
  ojson a = ojson::parse(FormatSarif({Report("x.json", BadPasswordRequest())}));
  ojson moved = BaseCreateInstances();
  moved["Instances"][0]["Password"] = "ab";
  moved["Description"] = "shifts everything down";
  ojson b = ojson::parse(FormatSarif({Report("x.json", "\n\n" + moved.dump(4))}));
  auto fingerprint = [](const ojson& log, const std::string& rule) {
    for (const ojson& r : log["runs"][0]["results"]) {
      if (r["ruleId"] == rule) return r["partialFingerprints"]["tairlint/v1"].get<std::string>();
    }
    return std::string();
  };
  std::string fa = fingerprint(a, "password-format");
  ASSERT_FALSE(fa.empty());
  EXPECT_EQ(fa, fingerprint(b, "password-format"));
  // Another file: another fingerprint.
  ojson c = ojson::parse(FormatSarif({Report("y.json", BadPasswordRequest())}));
  EXPECT_NE(fa, fingerprint(c, "password-format"));
}

// ---- GitHub Actions

Finding Make(const std::string& rule, Severity s, const std::string& code, const std::string& message,
             const std::string& detail, int line, int column, int end_line = -1, int end_column = -1) {
  Finding f;
  f.rule = rule;
  f.severity = s;
  f.code = code;
  f.http_status = code.empty() ? 0 : 400;
  f.message = message;
  f.detail = detail;
  f.line = line;
  f.column = column;
  f.end_line = end_line < 0 ? line : end_line;
  f.end_column = end_column < 0 ? column : end_column;
  return f;
}

FileReport Handmade() {
  FileReport file{"specs/a.json", {}};
  file.result.findings = {
      Make("password-format", Severity::Error, "InvalidPassword.Malformed",
           "The Specified parameter \"Password\" is not valid.", "Password must be 8 to 32 characters long; got 2",
           7, 17, 7, 21),
      Make("unknown-parameter", Severity::Warning, "", "Colour is not a parameter of CreateInstances",
           "Colour is not a parameter of CreateInstances", 3, 3, 5, 4),
      Make("dry-run", Severity::Info, "", "DryRun is true: the service only checks the request",
           "DryRun is true: the service only checks the request", 2, 13),
  };
  return file;
}

TEST(GithubOutput, ExactLines) {
  EXPECT_EQ(FormatGithub({Handmade()}),
            "::error file=specs/a.json,line=7,col=17,endLine=7,endColumn=21,title=InvalidPassword.Malformed::Password "
            "must be 8 to 32 characters long; got 2. InvalidPassword.Malformed: The Specified parameter \"Password\" "
            "is not valid.\n"
            // Over lines: GitHub takes columns within one line only, so no endColumn.
            "::warning file=specs/a.json,line=3,col=3,endLine=5,title=unknown-parameter::Colour is not a parameter "
            "of CreateInstances\n"
            "::notice file=specs/a.json,line=2,col=13,endLine=2,endColumn=13,title=dry-run::DryRun is true: the service only checks the "
            "request\n");
  EXPECT_EQ(FormatGithub({}), "");
}

TEST(GithubOutput, RealFindings) {
  std::vector<FileReport> files = Reports();
  std::string out = FormatGithub(files);
  size_t lines = 0;
  for (char c : out) lines += c == '\n';
  EXPECT_EQ(lines, CountFindings(files));
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');

  const Finding* f = FindingFor(files[1].result, "password-format");
  ASSERT_NE(f, nullptr);
  std::string expected = "::error file=specs/bad password.json,line=" + std::to_string(f->line) +
                         ",col=" + std::to_string(f->column) + ",endLine=" + std::to_string(f->end_line) +
                         ",endColumn=" + std::to_string(f->end_column) +
                         ",title=InvalidPassword.Malformed::Password must be 8 to 32 characters long; got 2. "
                         "InvalidPassword.Malformed: The Specified parameter \"Password\" is not valid.\n";
  EXPECT_NE(out.find(expected), std::string::npos) << out;
  EXPECT_NE(out.find("::error file=stdin,line="), std::string::npos) << out;
  EXPECT_NE(out.find("::notice file=queries/vnode.query,line=1,col="), std::string::npos) << out;  // "./" dropped
  EXPECT_NE(out.find("::error file=broken.json,line=1,col="), std::string::npos) << out;
  // Line 0: a file-level annotation, without line and col.
  EXPECT_NE(out.find("::error file=no such/dir#1/100%25.json,title=read-error::cannot read the file: no such "
                     "file or directory\n"),
            std::string::npos)
      << out;
}

TEST(GithubOutput, Escaping) {
  FileReport file{"odd,dir/a:b%c.json", {}};
  file.result.findings = {
      Make("unknown-parameter", Severity::Warning, "", "Foo\nbar: 100% odd, really\r",
           "Foo\nbar: 100% odd, really\r", 1, 2),
      Make("x", Severity::Error, "Code,With:Odd%", "a", "b", 4, 5),
  };
  EXPECT_EQ(FormatGithub({file}),
            // Printable first (a line break from the input shows as \n and
            // never breaks the annotation), then the command's escapes.
            "::warning file=odd%2Cdir/a%3Ab%25c.json,line=1,col=2,endLine=1,endColumn=2,title=unknown-parameter::"
            "Foo\\nbar: 100%25 odd, really\\r\n"
            "::error file=odd%2Cdir/a%3Ab%25c.json,line=4,col=5,endLine=4,endColumn=5,title=Code%2CWith%3AOdd%25::b. Code,With:Odd%25: a\n");
}

// ---- text

std::string StripAnsi(const std::string& s) { return std::regex_replace(s, std::regex("\x1b\\[[0-9;]*m"), ""); }

TEST(TextOutput, ExactWithoutColour) {
  ReportOptions o;
  o.summary = false;
  // One line a finding: the code and the cause.
  const std::string plain =
      "specs/a.json:7:17: error InvalidPassword.Malformed Password must be 8 to 32 characters long; got 2 "
      "[password-format]\n"
      "specs/a.json:3:3: warning Colour is not a parameter of CreateInstances [unknown-parameter]\n"
      "specs/a.json:2:13: info DryRun is true: the service only checks the request [dry-run]\n";
  EXPECT_EQ(FormatText({Handmade()}, o), plain);
  EXPECT_EQ(FormatText({Handmade()}, o).find('\x1b'), std::string::npos);
  EXPECT_EQ(FormatText({}, o), "");
  // The service's message on request, under the cause it differs from.
  o.service_message = true;
  EXPECT_EQ(FormatText({Handmade()}, o),
            "specs/a.json:7:17: error InvalidPassword.Malformed Password must be 8 to 32 characters long; got 2 "
            "[password-format]\n"
            "    the service answers: The Specified parameter \"Password\" is not valid.\n"
            "specs/a.json:3:3: warning Colour is not a parameter of CreateInstances [unknown-parameter]\n"
            "specs/a.json:2:13: info DryRun is true: the service only checks the request [dry-run]\n");
}

// A finding that carries its source line shows it under the headline, the
// range underlined, the gutter as wide as the line number.
TEST(TextOutput, SourceLineUnderTheFinding) {
  FileReport file = Handmade();
  file.result.findings.resize(1);
  file.result.findings[0].line = 12;
  file.result.findings[0].source = {"      \"Password\": ***,", 18, 21};
  ReportOptions o;
  o.summary = false;
  EXPECT_EQ(FormatText({file}, o),
            "specs/a.json:12:17: error InvalidPassword.Malformed Password must be 8 to 32 characters long; got 2 "
            "[password-format]\n"
            "    |\n"
            " 12 |       \"Password\": ***,\n"
            "    |                   ^^^\n");
}

TEST(TextOutput, Colour) {
  ReportOptions plain;
  ReportOptions color;
  color.color = true;
  for (bool summary : {false, true}) {
    plain.summary = color.summary = summary;
    std::vector<FileReport> files = Reports();
    files.push_back(Handmade());
    std::string p = FormatText(files, plain);
    std::string c = FormatText(files, color);
    EXPECT_EQ(p.find("\x1b["), std::string::npos);
    EXPECT_NE(c.find("\x1b["), std::string::npos);
    EXPECT_EQ(StripAnsi(c), p);
  }
  std::string c = FormatText({Handmade()}, color);
  EXPECT_NE(c.find("\x1b[1mspecs/a.json:7:17\x1b[0m: \x1b[31merror\x1b[0m \x1b[1mInvalidPassword.Malformed\x1b[0m"),
            std::string::npos)
      << c;
  EXPECT_NE(c.find("\x1b[33mwarning\x1b[0m"), std::string::npos) << c;
  EXPECT_NE(c.find("\x1b[36minfo\x1b[0m"), std::string::npos) << c;
  EXPECT_NE(c.find("\x1b[2m[dry-run]\x1b[0m"), std::string::npos) << c;
}

TEST(TextOutput, Summary) {
  ReportOptions o;  // summary on by default
  o.seconds = 1.234;
  std::string out = FormatText({Handmade()}, o);
  EXPECT_EQ(out.substr(out.rfind('\n', out.size() - 2) + 1),
            "1 file checked: 1 error, 1 warning, 1 info in 1.23 s\n");

  FileReport two = Handmade();
  two.path = "specs/b.json";
  two.result.findings.push_back(two.result.findings[0]);
  two.result.findings.push_back(two.result.findings[1]);
  o.seconds = 0.005;
  out = FormatText({Handmade(), two}, o);
  EXPECT_EQ(out.substr(out.rfind('\n', out.size() - 2) + 1),
            "2 files checked: 3 errors, 3 warnings, 2 infos in 0.01 s\n");

  // Nothing at all: still the summary.
  EXPECT_EQ(FormatText({}, ReportOptions{}), "0 files checked: 0 errors, 0 warnings, 0 infos in 0.00 s\n");
  FileReport clean{"clean.json", {}};
  EXPECT_EQ(FormatText({clean}), "1 file checked: 0 errors, 0 warnings, 0 infos in 0.00 s\n");

  // summary = false omits it.
  o.summary = false;
  out = FormatText({Handmade(), two}, o);
  EXPECT_EQ(out.find("checked"), std::string::npos);
  EXPECT_EQ(FormatText({clean}, o), "");
}

TEST(TextOutput, ControlCharactersAreShownEscaped) {
  // A parameter's name comes from the request; it must not drive the terminal.
  Result r = Check("{\"Action\":\"CreateInstances\",\"Foo\\n\\u001b[31mbar\":1,\"Instances\":[{\"RegionId\":"
                   "\"cn-hangzhou\",\"izNo\":\"cn-hangzhou-h\",\"instanceClass\":\"redis.master.small.default\"}]}");
  ReportOptions o;
  o.summary = false;
  std::string out = FormatText({{"a.json", r}}, o);
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  EXPECT_NE(out.find("Foo\\n\\x1b[31mbar"), std::string::npos) << out;
  size_t lines = 0;
  for (char ch : out) lines += ch == '\n';
  EXPECT_EQ(lines, r.findings.size()) << out;  // the newline in the name did not split a line
}

// ---- streaming: the writers give the bytes of one whole-document dump

// The JSON report as one nlohmann document, dumped at once.
std::string WholeJson(const std::vector<FileReport>& files) {
  ojson out;
  out["tool"] = {{"name", "tairlint"}, {"version", Version()}};
  out["files"] = ojson::array();
  size_t errors = 0, warnings = 0, infos = 0;
  for (const FileReport& file : files) {
    ojson f;
    f["path"] = file.path;
    const char* action = ActionName(file.result.action);
    f["action"] = *action ? ojson(action) : ojson(nullptr);
    f["format"] = file.result.format == InputFormat::Auto ? ojson(nullptr) : ojson(InputFormatName(file.result.format));
    f["findings"] = ojson::array();
    for (const Finding& x : file.result.findings) {
      ojson j;
      j["rule"] = x.rule;
      j["severity"] = SeverityName(x.severity);
      if (!x.code.empty()) {
        j["code"] = x.code;
        j["http_status"] = x.http_status;
      }
      j["message"] = x.message;
      j["detail"] = x.detail;
      j["pointer"] = x.pointer;
      j["parameter"] = x.parameter;
      j["line"] = x.line;
      j["column"] = x.column;
      j["end_line"] = x.end_line;
      j["end_column"] = x.end_column;
      f["findings"].push_back(j);
      (x.severity == Severity::Error ? errors : x.severity == Severity::Warning ? warnings : infos)++;
    }
    out["files"].push_back(f);
  }
  out["summary"] = {{"files", files.size()}, {"errors", errors}, {"warnings", warnings}, {"infos", infos}};
  return out.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

TEST(JsonOutput, StreamedBytesEqualOneDump) {
  std::vector<FileReport> files = Reports();
  EXPECT_EQ(FormatJson(files), WholeJson(files));
  EXPECT_EQ(FormatJson({}), WholeJson({}));
  EXPECT_EQ(FormatJson({files[0]}), WholeJson({files[0]}));
}

// The report's own JSON writer against nlohmann's dump, on the strings that
// need care: every control character, quotes, backslashes, DEL, non-ASCII,
// and bytes that are not UTF-8 (which dump replaces), in paths, messages and
// details; and findings without a code (no code, no http_status).
TEST(JsonOutput, OddStringsAreWrittenAsNlohmannDumpsThem) {
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls.push_back(static_cast<char>(c));
  const std::vector<std::string> odd = {controls,
                                        "quote \" and back\\slash /solidus",
                                        std::string("nul \0 inside", 12),
                                        "del \x7f end",
                                        "ünïcode 日本 \xF0\x9F\x98\x80",
                                        "bad \xC3 utf-8 \xFF\xFE",
                                        "truncated \xE6\x97",
                                        ""};
  std::vector<FileReport> files;
  for (const std::string& s : odd) {
    FileReport r{"specs/" + s + ".json", {}};
    Finding f;
    f.rule = "parse-error";
    f.severity = Severity::Warning;
    f.message = s;
    f.detail = "detail: " + s;
    f.pointer = "/" + s;
    f.parameter = s;
    f.line = 3;
    f.column = 7;
    r.result.findings.push_back(f);
    files.push_back(r);
    files.push_back(FileReport{s, {}});  // no findings: the short entry
  }
  EXPECT_EQ(FormatJson(files), WholeJson(files));
}

TEST(ReportWriter, WritesAsFilesArriveAndFinishesOnce) {
  std::vector<std::string> chunks;
  auto w = ReportWriter::Create("json", {}, [&](std::string_view s) { chunks.emplace_back(s); });
  ASSERT_NE(w, nullptr);
  size_t before = chunks.size();  // the head is written at once
  EXPECT_GE(before, 1u);
  std::vector<FileReport> files = Reports();
  w->Add(files[0]);
  EXPECT_GT(chunks.size(), before) << "a file's entry is written when it is added";
  for (size_t i = 1; i < files.size(); ++i) w->Add(files[i]);
  w->Finish();
  std::string all;
  for (const std::string& c : chunks) all += c;
  EXPECT_EQ(all, FormatJson(files));
  EXPECT_EQ(ReportWriter::Create("xml", {}, [](std::string_view) {}), nullptr);
}

// The CLI's workers render each file ahead of time (Render, on any thread)
// and the report adds the rendered text in order (AddRendered): the bytes
// must be those of Add, in every format that renders ahead (SARIF does not:
// its entries depend on the files before them).
TEST(ReportWriter, RenderedAheadGivesTheBytesOfAdd) {
  std::vector<FileReport> files = Reports();
  files.push_back(FileReport{"specs/no findings.json", {}});
  FileReport multi{"specs/multi\nline.json", {}};
  Finding f;
  f.rule = "parse-error";
  f.severity = Severity::Warning;
  f.message = "line one\nline two";
  f.detail = "detail\n  indented\n";
  f.line = 2;
  f.column = 3;
  multi.result.findings.push_back(f);
  files.push_back(multi);
  for (const char* format : {"json", "text", "github"}) {
    SCOPED_TRACE(format);
    std::string added, rendered_ahead;
    auto a = ReportWriter::Create(format, {}, [&](std::string_view s) { added.append(s); });
    auto b = ReportWriter::Create(format, {}, [&](std::string_view s) { rendered_ahead.append(s); });
    ASSERT_NE(a, nullptr);
    std::vector<std::optional<std::string>> texts;
    for (const FileReport& file : files) texts.push_back(b->Render(file));  // all first, as workers do
    for (size_t i = 0; i < files.size(); ++i) {
      a->Add(files[i]);
      ASSERT_TRUE(texts[i].has_value());
      b->AddRendered(files[i], *texts[i]);
    }
    a->Finish(0);
    b->Finish(0);
    EXPECT_EQ(rendered_ahead, added);
  }
  auto sarif = ReportWriter::Create("sarif", {}, [](std::string_view) {});
  EXPECT_FALSE(sarif->Render(files[1]).has_value());
}

}  // namespace
}  // namespace tairlint::testing
