// Hostile input, round two (issue 18): secrets that a YAML alias carries to
// another place, and small inputs that would make large reports.
#include <string>
#include <vector>

#include "test_util.h"

using namespace tairlint;
using namespace tairlint::testing;
using ojson = nlohmann::ordered_json;

namespace {

// Every output format over these reports, as one text.
std::string AllFormats(const std::vector<FileReport>& reports) {
  ReportOptions colour;
  colour.color = true;
  return FormatJson(reports) + FormatText(reports) + FormatText(reports, colour) + FormatSarif(reports) +
         FormatGithub(reports);
}

// Fails for every 4-character piece of a secret found in `all`.
void ExpectNoPieceOf(const std::vector<std::string>& secrets, const std::string& all) {
  for (const std::string& s : secrets) {
    for (size_t i = 0; i + 4 <= s.size(); ++i) {
      EXPECT_EQ(all.find(s.substr(i, 4)), std::string::npos) << "part of a secret in the output: " << s.substr(i, 4);
    }
  }
}

const char kElement[] = "  - RegionId: cn-hangzhou\n    izNo: cn-hangzhou-h\n    instanceClass: redis.master.small.default\n";

}  // namespace

// ---- secrets through YAML aliases and anchors

TEST(AliasedSecrets, AnUnknownAliasInAPasswordIsNotQuoted) {
  // An unquoted password that starts with `*` is read as an alias.
  Result r = Check(std::string("Action: CreateInstances\nInstances:\n") + kElement + "    Password: *Zq9Kx7Wm4\n");
  ASSERT_EQ(RulesOf(r, Severity::Error), std::vector<std::string>{"parse-error"});
  EXPECT_NE(r.findings[0].detail.find("unknown YAML alias"), std::string::npos) << r.findings[0].detail;
  ExpectNoPieceOf({"Zq9Kx7Wm4"}, AllFormats({{"x.yaml", r}}));
}

TEST(AliasedSecrets, NoAnchorOrAliasNameInAnyParseError) {
  const std::vector<std::string> docs = {
      "a: &Rp4Xn8Wq [*Rp4Xn8Wq]\n",   // an alias inside the node it names
      "Password: *Rp4Xn8Wq\n",
      "*Rp4Xn8Wq : 1\n",
  };
  std::vector<FileReport> reports;
  for (const std::string& d : docs) {
    reports.push_back({"x.yaml", Check(d)});
    EXPECT_EQ(RulesOf(reports.back().result, Severity::Error), std::vector<std::string>{"parse-error"}) << d;
  }
  ExpectNoPieceOf({"Rp4Xn8Wq"}, AllFormats(reports));
}

TEST(AliasedSecrets, APasswordAliasedElsewhereIsNeverShown) {
  const std::string head = std::string("Action: CreateInstances\nInstances:\n") + kElement;
  const std::vector<std::string> requests = {
      // aliased as a key of the element, and of the request
      head + "    Password: &pw Hq5Rt8Wz3x\n    *pw : 1\n",
      head + "    Password: &pw Hq5Rt8Wz3x\n" + "*pw : 1\n",
      // aliased into a parameter whose findings quote their value
      head + "    Password: &pw Hq5Rt8Wz3x\nEngineVersion: *pw\n",
      head + "    Password: &pw Hq5Rt8Wz3x\n    EngineVersion: *pw\n    instanceType: *pw\n",
      // a region-shaped password aliased as the element's region: the zone
      // and region warnings quote the region
      "Action: CreateInstances\nInstances:\n  - Password: &pw qz-wvkt-7\n    RegionId: *pw\n    izNo: cn-hangzhou-h\n"
      "    instanceClass: redis.master.small.default\n  - RegionId: *pw\n    izNo: cn-beijing-h\n    Capacity: 1024\n",
      "Action: CreateInstances\nInstances:\n  - Password: &pw qz-wvkt-7\n    RegionId: *pw\n    izNo: cn-hangzhou-h\n"
      "    instanceClass: redis.master.small.default\n",
      // the other way round: a value anchored elsewhere is the password
      "Action: CreateInstances\nEngineVersion: &e Hq5Rt8Wz3x\nInstances:\n" + std::string(kElement) + "    Password: *e\n",
      "Action: CreateInstances\n&k Hq5Rt8Wz3x : 1\nInstances:\n" + std::string(kElement) + "    Password: *k\n",
      // a whole element, password and all, aliased under an unknown key
      "Action: CreateInstances\nInstances:\n  - &el\n    RegionId: cn-hangzhou\n    izNo: cn-hangzhou-h\n"
      "    instanceClass: redis.master.small.default\n    Password: Hq5Rt8Wz3x\nExtra: *el\nNote: [*el]\n",
      // credentials of a VNode request aliased into IDs and tags
      "Action: CreateTairKVCacheVNode\nRegionId: cn-beijing\nZoneId: cn-beijing-f\nInstanceClass: kvcache.cu.g4b.2\n"
      "ComputeUnitNum: 1\nAccessKeyId: &ak LTAIq8Rz2Wx\nSecurityToken: &st CAISv7Tb3Qn\nVkName: *ak\nVSwitchId: *st\n"
      "Tag:\n  - Key: *ak\n    Value: *st\n  - Key: *ak\n",
  };
  std::vector<FileReport> reports;
  for (const std::string& req : requests) {
    reports.push_back({"x.yaml", Check(req)});
    EXPECT_TRUE(RulesOf(reports.back().result, Severity::Error).empty() ||
                RulesOf(reports.back().result, Severity::Error)[0] != "parse-error")
        << req << Describe(reports.back().result);
  }
  const std::string all = AllFormats(reports);
  ExpectNoPieceOf({"Hq5Rt8Wz3x", "qz-wvkt-7", "LTAIq8Rz2Wx", "CAISv7Tb3Qn"}, all);
  // The findings are still there, saying what they hide.
  EXPECT_NE(all.find("(secret)"), std::string::npos);
}

TEST(AliasedSecrets, TheAliasedValueIsStillChecked) {
  // EngineVersion holds the password's text: still not 4.0 or 5.0.
  Result r = Check(std::string("Action: CreateInstances\nInstances:\n") + kElement +
                   "    Password: &pw Hq5Rt8Wz3x\n    EngineVersion: *pw\n");
  const Finding* f = FindingFor(r, "engine-version-value");
  ASSERT_NE(f, nullptr) << Describe(r);
  EXPECT_EQ(f->code, "InvalidEngineVersion.Malformed");
  EXPECT_NE(f->detail.find("(secret)"), std::string::npos) << f->detail;
  // An alias key that is the password is an unknown parameter, shown hidden.
  r = Check(std::string("Action: CreateInstances\nInstances:\n") + kElement + "    Password: &pw Hq5Rt8Wz3x\n    *pw : 1\n");
  f = FindingFor(r, "unknown-parameter");
  ASSERT_NE(f, nullptr) << Describe(r);
  EXPECT_EQ(f->pointer, "/Instances/0/(secret)");
  // Aliases of other values are shown as ever.
  r = Check(std::string("Action: CreateInstances\nInstances:\n") + kElement + "    Password: Hq5Rt8Wz3x\n" +
            "    EngineVersion: &v '6.0'\n    Extra: *v\n");
  f = FindingFor(r, "engine-version-value");
  ASSERT_NE(f, nullptr) << Describe(r);
  EXPECT_NE(f->detail.find("\"6.0\""), std::string::npos) << f->detail;
}

// ---- small inputs, large reports

TEST(Amplification, AFindingQuotesAnExcerptOfAHugeKey) {
  // A 1 MiB key holding 2,000 duplicate pairs: 2,000 findings, each quoting
  // the key in its pointer, used to print 2.1 GB.
  const std::string key(1 << 20, 'K');
  std::string doc = "{\"Action\":\"CreateInstances\",\"" + key + "\":{";
  for (int i = 0; i < 2000; ++i) {
    const std::string pair = "\"a" + std::to_string(i) + "\":1";
    doc += std::string(i ? "," : "") + pair + "," + pair;
  }
  doc += "}}";
  Result r = Check(doc);
  size_t duplicates = 0;
  for (const Finding& f : r.findings) {
    EXPECT_LE(f.message.size() + f.detail.size() + f.pointer.size() + f.parameter.size(), 2048u) << f.rule;
    if (f.rule != "duplicate-key") continue;
    ++duplicates;
    EXPECT_EQ(f.pointer.rfind("/" + std::string(64, 'K') + "\xE2\x80\xA6(1048576 bytes)/a", 0), 0u) << f.pointer;
  }
  EXPECT_EQ(duplicates, 2000u);
  const std::string json = FormatJson({{"x.json", r}});
  EXPECT_LT(json.size(), 2000u * 1024) << "the report grows with the key";
}

TEST(Amplification, LongValuesAndUnknownKeysAreShortenedToo) {
  const std::string big(300000, 'v');
  ojson req = BaseCreateInstances();
  req["Instances"][0]["EngineVersion"] = big;  // quoted by the detail
  req[std::string(200000, 'u')] = 1;           // an unknown parameter, quoted with its pointer
  Result r = Check(req.dump());
  ASSERT_NE(FindingFor(r, "engine-version-value"), nullptr) << Describe(r);
  EXPECT_NE(FindingFor(r, "engine-version-value")->detail.find("(300000 bytes)"), std::string::npos);
  const Finding* unknown = FindingFor(r, "unknown-parameter");
  ASSERT_NE(unknown, nullptr);
  EXPECT_NE(unknown->detail.find("\xE2\x80\xA6(200000 bytes) is not a parameter"), std::string::npos) << unknown->detail;
  EXPECT_EQ(unknown->parameter, unknown->pointer.substr(1));
  for (const Finding& f : r.findings) EXPECT_LE(f.detail.size(), 1024u);
}

TEST(Amplification, ACapOnFindingsIsItselfAFinding) {
  // 1,000 elements, each an alias of one mapping of 40 unknown keys and no
  // RegionId: 41,000 findings from a file of 3 KB.
  std::string doc = "Action: CreateInstances\nel: &el {";
  for (int i = 0; i < 40; ++i) doc += std::string(i ? ", " : "") + "Unknown" + std::to_string(i) + ": 1";
  doc += "}\nInstances: [";
  for (int i = 0; i < 1000; ++i) doc += std::string(i ? ", " : "") + "*el";
  doc += "]\n";
  Result r = Check(doc);
  ASSERT_EQ(r.findings.size(), 10001u);
  const Finding& last = r.findings.back();
  EXPECT_EQ(last.rule, "finding-limit");
  // Alias copies keep their anchor's positions: the elements' 3,000
  // MissingParameter errors come first, and only warnings are left out.
  EXPECT_EQ(last.severity, Severity::Warning);
  EXPECT_EQ(r.errors(), 3000u);
  EXPECT_NE(last.detail.find("stops at 10000 findings"), std::string::npos) << last.detail;
  EXPECT_GT(last.line, 0);
  // The kept findings are the first by position.
  for (size_t i = 1; i + 1 < r.findings.size(); ++i) {
    const Finding& a = r.findings[i - 1];
    const Finding& b = r.findings[i];
    EXPECT_TRUE(a.line < b.line || (a.line == b.line && a.column <= b.column));
  }
  EXPECT_TRUE(last.line > r.findings[r.findings.size() - 2].line ||
              (last.line == r.findings[r.findings.size() - 2].line &&
               last.column >= r.findings[r.findings.size() - 2].column));

  CheckOptions few;
  few.limits.max_findings = 3;
  r = TheChecker().Check(doc, few);
  ASSERT_EQ(r.findings.size(), 4u) << Describe(r);
  EXPECT_EQ(r.findings.back().rule, "finding-limit");
  EXPECT_NE(r.findings.back().detail.find("42998 more are not listed (2998 errors, 40000 warnings"), std::string::npos)
      << r.findings.back().detail;
  EXPECT_EQ(r.findings.back().severity, Severity::Error);

  // Warnings only: the limit finding is a warning, so the exit status stays.
  ojson warnings = BaseCreateInstances();
  for (int i = 0; i < 10; ++i) warnings["Unknown" + std::to_string(i)] = 1;
  r = TheChecker().Check(warnings.dump(), few);
  ASSERT_EQ(r.findings.size(), 4u) << Describe(r);
  EXPECT_EQ(r.findings.back().severity, Severity::Warning);
  EXPECT_EQ(r.errors(), 0u);
}

TEST(Amplification, TheCapIsPerFileAcrossYamlDocuments) {
  std::string doc;
  for (int d = 0; d < 3; ++d) {
    doc += "---\nAction: CreateInstances\nInstances:\n" + std::string(kElement);
    for (int i = 0; i < 5; ++i) doc += "Unknown" + std::to_string(i) + ": 1\n";
  }
  CheckOptions few;
  few.limits.max_findings = 7;
  Result r = TheChecker().Check(doc, few);
  size_t kept = 0, limits = 0;
  for (const Finding& f : r.findings) (f.rule == "finding-limit" ? limits : kept) += 1;
  EXPECT_EQ(kept, 7u) << Describe(r);
  EXPECT_GE(limits, 1u);
}
