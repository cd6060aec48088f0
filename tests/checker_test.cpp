// The library as a whole: positions, exact messages, input shapes, action
// inference, duplicates, idempotency, secrets, the parsed-JSON entry point
// and the schemas themselves.
#include <gtest/gtest.h>

#include <dirent.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "test_util.h"

namespace tairlint::testing {
namespace {

// The 1-based line and code-point column of a byte offset.
std::pair<int, int> LineCol(const std::string& text, size_t offset) {
  int line = 1, col = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

void ExpectAt(const Finding* f, const std::string& text, size_t offset) {
  ASSERT_NE(f, nullptr);
  auto [line, col] = LineCol(text, offset);
  EXPECT_EQ(f->line, line) << f->rule << " " << f->detail;
  EXPECT_EQ(f->column, col) << f->rule << " " << f->detail;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- positions

using J = nlohmann::ordered_json;

TEST(Positions, ValueInsideStringEncodedInstances) {
  std::string text =
      "{\n  \"Action\": \"CreateInstances\",\n  \"Instances\": \"[{\\\"RegionId\\\": \\\"cn-hangzhou\\\", "
      "\\\"izNo\\\": \\\"cn-hangzhou-h\\\", \\\"instanceClass\\\": \\\"redis.master.small.default\\\", "
      "\\\"ChargeType\\\": \\\"PrePaid\\\", \\\"Period\\\": 10}]\"\n}\n";
  Result r = Check(text);
  const Finding* f = FindingFor(r, "period-value");
  ASSERT_NE(f, nullptr) << Describe(r);
  EXPECT_EQ(f->pointer, "/Instances/0/Period");
  EXPECT_EQ(f->parameter, "Instances");
  EXPECT_EQ(f->code, "InvalidInstances.Malformed");
  ExpectAt(f, text, text.find("10}]"));
}

TEST(Positions, EscapesBeforeTheValueAreCounted) {
  // \u00e9 is six characters in the file but one in the decoded string.
  std::string text =
      R"({"Action":"CreateInstances","Instances":"[{\"InstanceName\":\"\u00e9x\",\"RegionId\":\"cn-hangzhou\",)"
      R"(\"izNo\":\"cn-hangzhou-h\",\"instanceClass\":\"redis.master.small.default\",\"quantity\":0}]"})";
  Result r = Check(text);
  const Finding* q = FindingFor(r, "quantity-range");
  ASSERT_NE(q, nullptr) << Describe(r);
  ExpectAt(q, text, text.find("0}]"));
  const Finding* n = FindingFor(r, "instance-name-format");
  ASSERT_NE(n, nullptr) << Describe(r);
  ExpectAt(n, text, text.find("\\\"\\u00e9x"));
}

TEST(Positions, ColumnsCountCharactersNotBytes) {
  std::string text = "{\"Action\":\"CreateInstances\",\"Instances\":[{\"InstanceName\":\"实例名\",\"RegionId\":\"cn-hangzhou\","
                     "\"izNo\":\"cn-hangzhou-h\",\"instanceClass\":\"redis.master.small.default\",\"Period\":10}]}";
  Result r = Check(text);
  const Finding* f = FindingFor(r, "period-value");
  ASSERT_NE(f, nullptr);
  auto [line, col] = LineCol(text, text.find("10}"));
  EXPECT_EQ(f->line, 1);
  EXPECT_EQ(f->column, col);
  EXPECT_LT(static_cast<size_t>(col), text.find("10}") + 1);  // fewer characters than bytes
}

TEST(Positions, MissingRequiredIsAtTheEnclosingObject) {
  std::string text = "{\"Action\": \"CreateInstances\",\n \"Instances\": [\n  {\"izNo\": \"cn-hangzhou-h\", "
                     "\"instanceClass\": \"redis.master.small.default\"}]}";
  Result r = Check(text);
  const Finding* f = FindingFor(r, "required-parameter");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->message, "RegionId is mandatory for this action.");
  EXPECT_EQ(f->pointer, "/Instances/0/RegionId");
  ExpectAt(f, text, text.find("{\"izNo\""));
}

TEST(Positions, ConditionalRequirementPointsAtItsCause) {
  std::string text = "{\"Action\": \"CreateInstances\", \"Instances\": [{\"RegionId\": \"cn-hangzhou\", \"izNo\": "
                     "\"cn-hangzhou-h\", \"instanceClass\": \"redis.master.small.default\", \"ChargeType\": \"PrePaid\"}]}";
  Result r = Check(text);
  const Finding* f = FindingFor(r, "required-if");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->message, "Period is mandatory for this action.");
  ExpectAt(f, text, text.find("\"ChargeType\""));
}

TEST(Positions, YamlAndQueryValues) {
  std::string yaml = "Action: CreateTairKVCacheVNode\nRegionId: cn-beijing\nZoneId: cn-beijing-f\n"
                     "InstanceClass: kvcache.cu.g4b.2\nComputeUnitNum: 2\nVkName: tk-1\nVSwitchId: vsw-1\n";
  Result y = Check(yaml);
  EXPECT_EQ(y.format, InputFormat::Yaml);
  ExpectAt(FindingFor(y, "compute-unit-num-value"), yaml, yaml.find("2\nVkName"));
  std::string query = "Action=CreateTairKVCacheVNode&RegionId=cn-beijing&ZoneId=cn-beijing-f&InstanceClass=kvcache.cu."
                      "g4b.2&ComputeUnitNum=2&VkName=tk-1&VSwitchId=vsw-1";
  Result q = Check(query);
  EXPECT_EQ(q.format, InputFormat::Query);
  ExpectAt(FindingFor(q, "compute-unit-num-value"), query, query.find("2&VkName"));
}

TEST(Positions, InsidePercentEncodedInstances) {
  std::string inner = R"([{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default","quantity":301}])";
  std::string query = "Action=CreateInstances&Instances=" + Percent(inner);
  Result r = Check(query);
  const Finding* f = FindingFor(r, "quantity-range");
  ASSERT_NE(f, nullptr) << Describe(r);
  ExpectAt(f, query, query.find("301"));
}

TEST(Positions, FindingsAreSortedByPosition) {
  std::string text = "{\"Action\": \"CreateInstances\", \"Token\": \"\", \"Instances\": [{\"RegionId\": \"x\", "
                     "\"izNo\": \"cn-hangzhou-h\", \"Capacity\": 3, \"quantity\": 0}]}";
  Result r = Check(text);
  ASSERT_GE(r.findings.size(), 3u);
  for (size_t i = 1; i < r.findings.size(); ++i) {
    const Finding& a = r.findings[i - 1];
    const Finding& b = r.findings[i];
    EXPECT_TRUE(a.line < b.line || (a.line == b.line && a.column <= b.column)) << Describe(r);
  }
}

// ---- messages, byte for byte, per action

struct MessageCase {
  std::string request;
  std::string rule;
  std::string code;
  std::string message;
};

TEST(Messages, EachPagesOwnWording) {
  const std::string ci = R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h",)"
                         R"("instanceClass":"redis.master.small.default")";
  const std::string vn = R"({"Action":"CreateTairKVCacheVNode","RegionId":"cn-beijing","ZoneId":"cn-beijing-f",)"
                         R"("InstanceClass":"kvcache.cu.g4b.2","ComputeUnitNum":1,"VkName":"tk-1","VSwitchId":"vsw-1")";
  std::vector<MessageCase> cases = {
      {ci + R"(,"Password":"short"}]})", "password-format", "InvalidPassword.Malformed",
       "The Specified parameter \"Password\" is not valid."},
      {ci + R"(,"InstanceName":"1x"}]})", "instance-name-format", "InvalidInstanceName.Malformed",
       "The Specified parameter \"InstanceName\" is not valid."},
      {vn + R"(,"InstanceName":"1x"})", "instance-name-format", "InvalidInstanceName.Malformed",
       "The Specified parameter InstanceName is not valid."},
      {ci + R"(}],"Token":" "})", "token-format", "InvalidToken.Malformed",
       "The Specified parameter \"Token\" is not valid."},
      {vn + R"(,"ClientToken":" "})", "token-format", "InvalidToken.Malformed",
       "The Specified parameter Token is not valid."},
      {ci + R"(,"ChargeType":"PrePaid"}]})", "required-if", "MissingParameter", "Period is mandatory for this action."},
      {vn + R"(,"ChargeType":"PrePaid"})", "required-if", "MissingParameter", "Period is mandatory for this action."},
      {vn + R"(,"AutoRenew":true})", "required-if", "MissingParameter",
       "AutoRenewPeriod is mandatory for this action."},
      {ci + R"(,"Period":10}]})", "period-value", "InvalidInstances.Malformed",
       "The Specified parameter \"Instances\" is not valid."},
      {vn + R"(,"Period":10})", "period-value", "InvalidParameter", "The specified parameter \"Period\" is not valid."},
      {ci + R"(,"Capacity":5}]})", "capacity-known", "InvalidCapacity.NotFound",
       "The Capacity provided does not exist in our records."},
      {R"({"Action":"CreateInstances","Instances":[{"RegionId":"X","izNo":"cn-hangzhou-h","Capacity":1024}]})",
       "region-id-format", "InvalidRegion.Format", "Specified Region is not valid."},
      {ci + R"(,"EngineVersion":"7.0"}]})", "engine-version-value", "InvalidEngineVersion.Malformed",
       "Specified engine version is not valid."},
      {ci + R"(,"instanceType":"Memcache"}]})", "instance-class-family", "InstanceClass.NotMatch",
       "Current instance class and instance type is not match."},
      {R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h"}]})",
       "required-one-of", "MissingParameter", "InstanceClass or Capacity is mandatory for this action."},
      {R"({"Action":"CreateInstances"})", "required-parameter", "MissingParameter",
       "Instances is mandatory for this action."},
      {vn + R"(,"Tag":[{"Key":""}]})", "tag-key", "InvalidParameter",
       "The specified parameter \"Tag.1.Key\" is not valid."},
  };
  for (const MessageCase& c : cases) {
    Result r = Check(c.request);
    const Finding* f = FindingFor(r, c.rule);
    ASSERT_NE(f, nullptr) << c.request << "\n" << Describe(r);
    EXPECT_EQ(f->code, c.code) << c.request;
    EXPECT_EQ(f->message, c.message) << c.request;
    EXPECT_EQ(f->http_status, 400) << c.request;
    EXPECT_FALSE(f->detail.empty());
  }
}

TEST(Messages, DetailNamesTheExactRule) {
  Result r = Check(R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h",
    "instanceClass":"redis.master.small.default","ChargeType":"PrePaid","Period":10}]})");
  const Finding* f = FindingFor(r, "period-value");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->detail, "Period must be one of 1-9, 12, 24, 36, 60; got 10");
}

// ---- the shapes of a request

TEST(Shapes, InstancesMustBeANonEmptyArrayOfObjects) {
  for (std::string inst : {R"("")", R"("not json")", R"("{}")", R"("[]")", R"([])", R"([1])", R"("[1, {}]")", "12",
                           R"({"RegionId": "cn-hangzhou"})", R"("\"text\"")", "true"}) {
    Result r = Check(R"({"Action":"CreateInstances","Instances":)" + inst + "}");
    std::vector<std::string> codes = ErrorCodes(r);
    ASSERT_FALSE(codes.empty()) << inst;
    EXPECT_EQ(codes[0], "InvalidInstances.Malformed") << inst << "\n" << Describe(r);
    // [1, {}]: the non-object and the empty object each draw their errors
    if (inst != R"("[1, {}]")") {
      EXPECT_EQ(codes.size(), 1u) << inst << "\n" << Describe(r);
    }
  }
}

TEST(Shapes, BrokenInstancesJsonPointsIntoTheString) {
  std::string text = R"({"Action":"CreateInstances","Instances":"[{\"RegionId\": \"cn-hangzhou\",]"})";
  Result r = Check(text);
  const Finding* f = FindingFor(r, "instances-format");
  ASSERT_NE(f, nullptr) << Describe(r);
  EXPECT_EQ(f->code, "InvalidInstances.Malformed");
  ExpectAt(f, text, text.find(",]") + 1);
}

TEST(Shapes, NotARequest) {
  for (std::string text : {"[]", "12", "\"text\"", "null", "- a\n- b\n"}) {
    Result r = Check(text);
    ASSERT_EQ(r.findings.size(), 1u) << text;
    EXPECT_EQ(r.findings[0].rule, "not-a-request") << text;
    EXPECT_EQ(r.findings[0].severity, Severity::Error);
    EXPECT_TRUE(r.findings[0].code.empty());
  }
}

TEST(Shapes, ParseErrorsHaveAPosition) {
  std::string text = "{\n  \"Action\": \"CreateInstances\",\n  \"Instances\": [\n}";
  Result r = Check(text);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "parse-error");
  EXPECT_EQ(r.findings[0].line, 4);
  EXPECT_EQ(r.findings[0].column, 1);
}

TEST(Shapes, EmptyAndWideInputs) {
  for (std::string text : {std::string(), std::string("  \n"), std::string("\xEF\xBB\xBF"),
                           std::string("\xFF\xFE{\0\"\0", 6), std::string("{\0\"\0A\0", 6)}) {
    Result r = Check(text);
    ASSERT_EQ(r.findings.size(), 1u) << Describe(r);
    EXPECT_EQ(r.findings[0].rule, "parse-error");
  }
}

TEST(Shapes, ByteOrderMarkIsSkipped) {
  Result r = Check("\xEF\xBB\xBF{\"Action\":\"CreateInstances\",\"Instances\":[{\"RegionId\":\"cn-hangzhou\","
                   "\"izNo\":\"cn-hangzhou-h\",\"instanceClass\":\"redis.master.small.default\",\"quantity\":0}]}");
  EXPECT_EQ(ErrorCodes(r), std::vector<std::string>{"InvalidInstances.Malformed"});
  EXPECT_EQ(r.findings[0].line, 1);
}

TEST(Shapes, NullMeansAbsent) {
  Result r = Check(R"({"Action":"CreateInstances","Token":null,"Instances":[{"RegionId":"cn-hangzhou","izNo":null,
    "instanceClass":"redis.master.small.default","Period":null}]})");
  EXPECT_EQ(ErrorCodes(r), std::vector<std::string>{"MissingParameter"}) << Describe(r);
  Result y = Check("Action: CreateTairKVCacheVNode\nRegionId: cn-beijing\nZoneId: cn-beijing-f\nInstanceClass: "
                   "kvcache.cu.g4b.2\nComputeUnitNum: 1\nVkName: tk-1\nVSwitchId: ~\nPeriod:\n");
  EXPECT_EQ(ErrorCodes(y), std::vector<std::string>{"MissingParameter"}) << Describe(y);
}

TEST(Shapes, YamlScalarsAreTheirSourceText) {
  std::string base = "Action: CreateInstances\nEngineVersion: 5.0\nInstances:\n  - RegionId: cn-hangzhou\n"
                     "    izNo: cn-hangzhou-h\n    instanceClass: redis.master.small.default\n";
  EXPECT_TRUE(ErrorCodes(Check(base)).empty()) << Describe(Check(base));
  EXPECT_EQ(ErrorCodes(Check(base + "    EngineVersion: 5\n")),
            std::vector<std::string>{"InvalidEngineVersion.Malformed"});
  EXPECT_EQ(ErrorCodes(Check(base + "    AutoRenew: yes\n")), std::vector<std::string>{"InvalidInstances.Malformed"});
  EXPECT_TRUE(ErrorCodes(Check(base + "    AutoRenew: True\n")).empty());
}

// ---- actions

TEST(Actions, InferredFromParameters) {
  EXPECT_EQ(Check(R"({"Instances":[]})").action, Action::CreateInstances);
  EXPECT_EQ(Check(R"({"VkName":"tk-1"})").action, Action::CreateTairKVCacheVNode);
  EXPECT_EQ(Check(R"({"ComputeUnitNum":1})").action, Action::CreateTairKVCacheVNode);
}

TEST(Actions, UnknownOrAmbiguous) {
  for (std::string text : {R"({"Token":"x"})", R"({"Instances":[],"VkName":"tk-1"})", R"({"Action":"DeleteInstance"})",
                           R"({"Action":{}})"}) {
    Result r = Check(text);
    ASSERT_EQ(r.findings.size(), 1u) << text;
    EXPECT_EQ(r.findings[0].rule, "unknown-action") << text;
  }
  // --action that contradicts the document
  Result r = Check(R"({"Action":"CreateInstances","Instances":[]})", Action::CreateTairKVCacheVNode);
  EXPECT_EQ(r.findings.at(0).rule, "unknown-action");
  // --action for a document that does not say
  Result ok = Check(R"({"VkName":"tk-1","Instances":[]})", Action::CreateInstances);
  EXPECT_EQ(ok.action, Action::CreateInstances);
}

// ---- keys

TEST(Keys, DuplicateKeysAreErrorsAtTheSecondOccurrence) {
  std::string text = "{\"Action\": \"CreateInstances\",\n\"Token\": \"a\",\n\"Token\": \"b\",\n\"Instances\": "
                     "[{\"RegionId\": \"cn-hangzhou\", \"izNo\": \"cn-hangzhou-h\", \"instanceClass\": "
                     "\"redis.master.small.default\", \"quantity\": 1, \"quantity\": 2}]}";
  Result r = Check(text);
  EXPECT_EQ(ErrorCodes(r), (std::vector<std::string>{"InvalidInstances.Malformed", "InvalidParameter"}))
      << Describe(r);
  const Finding* f = FindingFor(r, "duplicate-key");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->line, 3);
  EXPECT_NE(f->detail.find("line 2"), std::string::npos) << f->detail;
}

// The only repeated key is inside the string form of Instances: it is
// found when that string is parsed, not in the request's own objects.
TEST(Keys, RepeatedKeyInsideInstancesStringIsADuplicate) {
  std::string text = R"({"Action": "CreateInstances", "Instances": "[{\"RegionId\": \"cn-hangzhou\", )"
                     R"(\"izNo\": \"cn-hangzhou-h\", \"instanceClass\": \"redis.master.small.default\", )"
                     R"(\"quantity\": 1, \"quantity\": 2}]"})";
  Result r = Check(text);
  const Finding* f = FindingFor(r, "duplicate-key");
  ASSERT_NE(f, nullptr) << Describe(r);
  EXPECT_EQ(f->pointer, "/Instances/0/quantity");
  EXPECT_EQ(f->code, "InvalidInstances.Malformed");
}

TEST(Keys, UnknownKeysSuggestTheClosestName) {
  Result r = Check(R"({"Action":"CreateTairKVCacheVNode","RegionId":"cn-beijing","ZoneId":"cn-beijing-f",
    "InstanceClass":"kvcache.cu.g4b.2","ComputeUnitNum":1,"VkName":"tk-1","VSwitchId":"vsw-1","ChargeTyp":"PrePaid",
    "AccessKeyId":"x","SignatureNonce":"n"})");
  EXPECT_TRUE(ErrorCodes(r).empty());
  const Finding* f = FindingFor(r, "unknown-parameter");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("did you mean ChargeType?"), std::string::npos) << f->detail;
  EXPECT_EQ(RulesOf(r, Severity::Warning),
            (std::vector<std::string>{"plaintext-secret", "unknown-parameter"}));  // common params are known
}

TEST(Keys, WrongCaseNamesTheDocumentedSpelling) {
  // At the top level, names are exact: the documented one is absent.
  Result r = Check(R"({"Action":"CreateInstances","instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h",
    "instanceClass":"redis.master.small.default"}]})");
  EXPECT_EQ(ErrorCodes(r), std::vector<std::string>{"MissingParameter"});
  const Finding* f = FindingFor(r, "parameter-case");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->pointer, "/instances");
  EXPECT_NE(f->detail.find("Instances"), std::string::npos);
}

TEST(Keys, ElementKeysMatchIgnoringCase) {
  // Inside an element, a case variant is the documented key: it satisfies
  // the requirement and its value is checked as that key's, at the key as
  // written.
  Result r = Check(R"({"Action":"CreateInstances","Instances":[{"regionid":"cn-hangzhou","IzNo":"cn-hangzhou-h",
    "InstanceClass":"redis.master.small.default","QUANTITY":400}]})");
  EXPECT_EQ(ErrorCodes(r), std::vector<std::string>{"InvalidInstances.Malformed"}) << Describe(r);
  const Finding* q = FindingFor(r, "quantity-range");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->pointer, "/Instances/0/QUANTITY");
  EXPECT_EQ(q->line, 2);
  std::vector<std::string> warned;
  for (const Finding& f : r.findings) {
    if (f.rule == "parameter-case") warned.push_back(f.pointer + " " + f.detail.substr(0, f.detail.find(';')));
  }
  std::sort(warned.begin(), warned.end());
  EXPECT_EQ(warned, (std::vector<std::string>{
                        "/Instances/0/InstanceClass InstanceClass is spelled instanceClass on the CreateInstances page",
                        "/Instances/0/IzNo IzNo is spelled izNo on the CreateInstances page",
                        "/Instances/0/QUANTITY QUANTITY is spelled quantity on the CreateInstances page",
                        "/Instances/0/regionid regionid is spelled RegionId on the CreateInstances page"}))
      << Describe(r);
  // Two keys of one element that differ only in case are a duplicate key.
  r = Check(R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h",
    "IzNo":"cn-hangzhou-b","instanceClass":"redis.master.small.default"}]})");
  const Finding* d = FindingFor(r, "duplicate-key");
  ASSERT_NE(d, nullptr) << Describe(r);
  EXPECT_EQ(d->code, "InvalidInstances.Malformed");
  EXPECT_EQ(d->pointer, "/Instances/0/IzNo");
  // A string-encoded Instances is read the same way, positions in the string.
  r = Check(R"({"Action":"CreateInstances","Instances":"[{\"RegionId\":\"cn-hangzhou\",\"IzNo\":\"\",\"instanceClass\":\"redis.master.small.default\"}]"})");
  const Finding* z = FindingFor(r, "zone-id-format");
  ASSERT_NE(z, nullptr) << Describe(r);
  EXPECT_EQ(z->pointer, "/Instances/0/IzNo");
  EXPECT_EQ(z->column, 82);  // the value's opening \" in the string
}

// ---- warnings and infos

TEST(RealClients, WhatTheSdksSendIsKnown) {
  // The older cores add RegionId to every request: known, checked, noted.
  Result r = Check(R"({"Action":"CreateInstances","RegionId":"cn-hangzhou","Instances":[{"RegionId":"cn-hangzhou",
    "izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default"}]})");
  EXPECT_TRUE(ErrorCodes(r).empty()) << Describe(r);
  EXPECT_EQ(RulesOf(r, Severity::Warning), std::vector<std::string>{"ignored-parameter"}) << Describe(r);
  EXPECT_EQ(FindingFor(r, "ignored-parameter")->pointer, "/RegionId");
  EXPECT_NE(FindingFor(r, "ignored-parameter")->detail.find("Instances element's RegionId"), std::string::npos);
  // A bearer token is a credential (warned of, never shown); a signature is
  // never shown and draws no warning.
  r = Check("Action=CreateTairKVCacheVNode&RegionId=cn-beijing&ZoneId=cn-beijing-f&InstanceClass=kvcache.cu.g4b.2"
            "&ComputeUnitNum=1&VkName=tk-1&VSwitchId=vsw-1&SignatureType=BEARERTOKEN&BearerToken=Bt9xQ2kW"
            "&AccessKeyId=LTAIk9Qx&Signature=Sg7%2BwQ%3D&SignatureMethod=HMAC-SHA1&OwnerId=12");
  EXPECT_TRUE(ErrorCodes(r).empty()) << Describe(r);
  std::vector<std::string> warned;
  for (const Finding& f : r.findings) {
    if (f.rule == "plaintext-secret") warned.push_back(f.parameter);
  }
  EXPECT_EQ(warned, (std::vector<std::string>{"BearerToken", "AccessKeyId"})) << Describe(r);
  EXPECT_EQ(RulesOf(r, Severity::Warning), (std::vector<std::string>{"plaintext-secret", "plaintext-secret"}));
  const std::string all = FormatJson({{"x", r}}) + FormatText({{"x", r}});
  for (const char* piece : {"Bt9x", "9xQ2", "k9Qx", "LTAI", "Sg7", "wQ%3D"}) {
    EXPECT_EQ(all.find(piece), std::string::npos) << piece;
  }
  // A malformed bearer token is an error that does not quote it.
  r = Check("Action=CreateTairKVCacheVNode&RegionId=cn-beijing&ZoneId=cn-beijing-f&InstanceClass=kvcache.cu.g4b.2"
            "&ComputeUnitNum=1&VkName=tk-1&VSwitchId=vsw-1&OwnerId=Qz8k");
  ASSERT_EQ(ErrorCodes(r), std::vector<std::string>{"InvalidParameter"}) << Describe(r);
  EXPECT_EQ(FindingFor(r, "integer-value")->pointer, "/OwnerId");
}

TEST(RealClients, AFlattenedInstancesIsReportedAsSuch) {
  // What an SDK sends when handed an array: no Instances, and keys
  // Instances.N.*, which name the action too.
  const std::string q =
      "Instances.1.RegionId=cn-hangzhou&Instances.1.izNo=cn-hangzhou-h&Instances.1.instanceClass=redis.master.small.default"
      "&Instances.2.RegionId=cn-hangzhou&Token=tk-1";
  Result r = Check(q);
  EXPECT_EQ(r.action, Action::CreateInstances);
  ASSERT_EQ(ErrorCodes(r), std::vector<std::string>{"MissingParameter"}) << Describe(r);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.rule, "required-parameter");
  EXPECT_EQ(f.pointer, "/Instances");
  EXPECT_EQ(f.column, 1);
  EXPECT_NE(f.detail.find("flattened (Instances.1.RegionId, Instances.1.izNo, Instances.1.instanceClass and 1 more)"),
            std::string::npos)
      << f.detail;
  EXPECT_EQ(FindingFor(r, "unknown-parameter"), nullptr) << Describe(r);
  // Beside a real Instances, such a key is an unknown parameter as any.
  r = Check(std::string("Action=CreateInstances&Instances=") +
            Percent(R"([{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default"}])") +
            "&Instances.1.Period=1");
  EXPECT_TRUE(ErrorCodes(r).empty()) << Describe(r);
  ASSERT_NE(FindingFor(r, "unknown-parameter"), nullptr) << Describe(r);
  // Instances.x.y is no flattened element.
  r = Check("Action=CreateInstances&Instances.x.RegionId=cn-hangzhou");
  EXPECT_NE(FindingFor(r, "unknown-parameter"), nullptr) << Describe(r);
  EXPECT_EQ(FindingFor(r, "required-parameter")->column, 1);
  EXPECT_EQ(FindingFor(r, "required-parameter")->detail.find("flattened"), std::string::npos);
}

TEST(Warnings, ValidOnlyWhenAndFriends) {
  Result r = Check(R"({"Action":"CreateInstances","AutoPay":true,"EngineVersion":"4.0","Instances":[{
    "RegionId":"cn-hangzhou","izNo":"cn-beijing-h","instanceClass":"redis.master.small.default","Period":1,
    "EngineVersion":"5.0","vpcId":"v-1"}]})");
  EXPECT_TRUE(ErrorCodes(r).empty()) << Describe(r);
  EXPECT_EQ(RulesOf(r, Severity::Warning),
            (std::vector<std::string>{"engine-version-mismatch", "id-prefix", "ignored-parameter",
                                      "ignored-parameter", "zone-region"}))
      << Describe(r);
}

TEST(Warnings, DryRunIsAnInfoOnlyWithoutErrors) {
  std::string vn = R"({"Action":"CreateTairKVCacheVNode","RegionId":"cn-beijing","ZoneId":"cn-beijing-f",
    "InstanceClass":"kvcache.cu.g4b.2","ComputeUnitNum":1,"VkName":"tk-1","VSwitchId":"vsw-1","DryRun":true)";
  Result ok = Check(vn + "}");
  ASSERT_NE(FindingFor(ok, "dry-run"), nullptr);
  EXPECT_EQ(FindingFor(ok, "dry-run")->severity, Severity::Info);
  EXPECT_NE(FindingFor(ok, "dry-run")->message.find("DryRunOperation"), std::string::npos);
  EXPECT_EQ(FindingFor(Check(vn + R"(,"ComputeUnitNum":3})"), "dry-run"), nullptr);
}

TEST(Warnings, SeverityOverridesAndRulesTurnedOff) {
  CheckOptions o;
  o.severity["plaintext-secret"] = std::nullopt;
  o.severity["zone-region"] = Severity::Error;
  Result r = TheChecker().Check(R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou",
    "izNo":"cn-beijing-h","instanceClass":"redis.master.small.default","Password":"Aa1!aaaa"}]})", o);
  EXPECT_EQ(FindingFor(r, "plaintext-secret"), nullptr);
  ASSERT_NE(FindingFor(r, "zone-region"), nullptr);
  EXPECT_EQ(FindingFor(r, "zone-region")->severity, Severity::Error);
}

// ---- idempotency across the requests of one run

// Numbers inside Instances count by value: 2, 2.0 and 2e0 are one request;
// 3 is another (the canonical form of a plain integer skips the double).
TEST(Idempotency, NumbersInsideInstancesCompareByValue) {
  auto request = [](const std::string& quantity) {
    return R"({"Action":"CreateInstances","Token":"tok-n","Instances":[{"RegionId":"cn-hangzhou",
      "izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default","quantity":)" +
           quantity + "}]}";
  };
  Result two = Check(request("2"));
  EXPECT_NE(two.fingerprint, 0u);
  EXPECT_EQ(Check(request("2.0")).fingerprint, two.fingerprint);
  EXPECT_EQ(Check(request("2e0")).fingerprint, two.fingerprint);
  EXPECT_EQ(Check(request("20e-1")).fingerprint, two.fingerprint);
  EXPECT_NE(Check(request("3")).fingerprint, two.fingerprint);
  EXPECT_NE(Check(request("20")).fingerprint, two.fingerprint);
  EXPECT_EQ(Check(request("-0")).fingerprint, Check(request("-0.0")).fingerprint);
}

// Members count as a set (any order), elements as a list (in order), and a
// value counts with its own key.
TEST(Idempotency, MemberOrderDoesNotCountElementOrderAndPairingDo) {
  auto fp = [](const std::string& elements) {
    return Check(R"({"Action":"CreateInstances","Token":"tok-o","Instances":[)" + elements + "]}").fingerprint;
  };
  const std::string a = R"({"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default"})";
  const std::string a_reordered =
      R"({"instanceClass":"redis.master.small.default","izNo":"cn-hangzhou-h","RegionId":"cn-hangzhou"})";
  const std::string b = R"({"RegionId":"cn-beijing","izNo":"cn-beijing-h","instanceClass":"redis.master.mid.default"})";
  const std::string a_swapped = R"({"RegionId":"cn-hangzhou-h","izNo":"cn-hangzhou","instanceClass":"redis.master.small.default"})";
  EXPECT_EQ(fp(a), fp(a_reordered));
  EXPECT_EQ(fp(a + "," + b), fp(a_reordered + "," + b));
  EXPECT_NE(fp(a + "," + b), fp(b + "," + a));
  EXPECT_NE(fp(a), fp(a_swapped));
  EXPECT_NE(fp(a), fp(a + "," + a));
  EXPECT_NE(fp(a), fp(b));
}

TEST(Idempotency, SameTokenDifferentRequestIsAMismatch) {
  std::string a = R"({"Action":"CreateInstances","Token":"tok-1","Instances":[{"RegionId":"cn-hangzhou",
    "izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default"}]})";
  std::string same_as_string = R"({"Instances":"[{\"RegionId\":\"cn-hangzhou\",\"izNo\":\"cn-hangzhou-h\",)"
                               R"(\"instanceClass\":\"redis.master.small.default\"}]","Token":"tok-1",)"
                               R"("SignatureNonce":"n1"})";
  std::string other = R"({"Action":"CreateInstances","Token":"tok-1","Instances":[{"RegionId":"cn-hangzhou",
    "izNo":"cn-hangzhou-h","instanceClass":"redis.master.mid.default"}]})";
  std::string query = "Action=CreateInstances&Token=tok-1&Instances=" +
                      Percent(R"([{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default"}])");
  std::string vnode = R"({"Action":"CreateTairKVCacheVNode","ClientToken":"tok-1","RegionId":"cn-beijing",
    "ZoneId":"cn-beijing-f","InstanceClass":"kvcache.cu.g4b.2","ComputeUnitNum":1,"VkName":"tk-1","VSwitchId":"vsw-1"})";
  TokenLedger ledger;
  std::vector<std::pair<std::string, std::string>> files = {
      {"a.json", a}, {"b.json", same_as_string}, {"c.query", query}, {"d.json", vnode}, {"e.json", other}};
  std::vector<Result> results;
  for (auto& [name, text] : files) {
    results.push_back(Check(text));
    ledger.Record(name, &results.back());
  }
  for (size_t i = 0; i < 4; ++i) EXPECT_TRUE(ErrorCodes(results[i]).empty()) << files[i].first << Describe(results[i]);
  EXPECT_EQ(ErrorCodes(results[4]), std::vector<std::string>{"IdempotentParameterMismatch"});
  const Finding* f = FindingFor(results[4], "idempotent-token");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->detail.find("a.json"), std::string::npos);
  EXPECT_EQ(f->message, "Request uses a client token in a previous request but is not identical to that request.");
  EXPECT_EQ(f->line, 1);
}

// The ledger over many requests: its table grows, its strings outgrow a
// block, and a token only clashes with the same token of the same action.
TEST(Idempotency, LedgerKeepsEveryTokenOfALongRun) {
  auto request = [](Action action, std::string token, uint64_t fingerprint) {
    Result r;
    r.action = action;
    r.token = std::move(token);
    r.fingerprint = fingerprint;
    r.token_parameter = action == Action::CreateInstances ? "Token" : "ClientToken";
    r.token_line = 3;
    r.token_column = 7;
    return r;
  };
  auto clashes = [](const Result& r) { return ErrorCodes(r) == std::vector<std::string>{"IdempotentParameterMismatch"}; };
  TokenLedger ledger;
  const std::string long_token(100000, 't');
  const std::string long_name = "specs/" + std::string(70000, 'n') + ".json";
  for (int i = 0; i < 5000; ++i) {
    Result r = request(Action::CreateInstances, "tok-" + std::to_string(i), 1000 + i);
    ledger.Record("file-" + std::to_string(i) + ".json", &r);
    ASSERT_TRUE(r.findings.empty()) << i;
  }
  Result first_long = request(Action::CreateInstances, long_token, 1);
  ledger.Record(long_name, &first_long);
  EXPECT_TRUE(first_long.findings.empty());
  for (int i = 0; i < 5000; i += 499) {  // the same request again: a retry
    Result same = request(Action::CreateInstances, "tok-" + std::to_string(i), 1000 + i);
    ledger.Record("again.json", &same);
    EXPECT_TRUE(same.findings.empty()) << i;
    Result other = request(Action::CreateInstances, "tok-" + std::to_string(i), 7);
    ledger.Record("other.json", &other);
    ASSERT_TRUE(clashes(other)) << i;
    EXPECT_NE(other.findings[0].detail.find("file-" + std::to_string(i) + ".json for"), std::string::npos)
        << other.findings[0].detail;
    EXPECT_EQ(other.findings[0].pointer, "/Token");
    EXPECT_EQ(other.findings[0].line, 3);
    Result vnode = request(Action::CreateTairKVCacheVNode, "tok-" + std::to_string(i), 7);
    ledger.Record("vnode.json", &vnode);  // another action: another token
    EXPECT_TRUE(vnode.findings.empty()) << i;
  }
  Result second_long = request(Action::CreateInstances, long_token, 2);
  ledger.Record("b.json", &second_long);
  ASSERT_TRUE(clashes(second_long));
  EXPECT_NE(second_long.findings[0].detail.find(long_name), std::string::npos);
  Result prefix = request(Action::CreateInstances, long_token.substr(1), 2);
  ledger.Record("c.json", &prefix);
  EXPECT_TRUE(prefix.findings.empty());
}

// Reserve (what the CLI calls with the number of files) only makes room:
// tokens recorded before it are still found, and so are those recorded
// past what it reserved.
TEST(Idempotency, LedgerReserveKeepsWhatWasRecorded) {
  // Whether the request clashes, and with which earlier source.
  auto record = [](TokenLedger* ledger, const std::string& token, uint64_t fingerprint, const std::string& source,
                   std::string* earlier = nullptr) {
    Result r;
    r.action = Action::CreateInstances;
    r.token = token;
    r.fingerprint = fingerprint;
    r.token_parameter = "Token";
    ledger->Record(source, &r);
    if (earlier != nullptr && !r.findings.empty()) *earlier = r.findings[0].detail;
    return ErrorCodes(r) == std::vector<std::string>{"IdempotentParameterMismatch"};
  };
  TokenLedger ledger;
  ledger.Reserve(0);
  for (int i = 0; i < 100; ++i) {
    ASSERT_FALSE(record(&ledger, "tok-" + std::to_string(i), i, "a" + std::to_string(i) + ".json"));
  }
  ledger.Reserve(10000);  // a bigger table: the 100 tokens move into it
  for (int i = 0; i < 100; i += 33) {
    std::string earlier;
    EXPECT_TRUE(record(&ledger, "tok-" + std::to_string(i), i + 1, "other.json", &earlier)) << i;
    EXPECT_NE(earlier.find("a" + std::to_string(i) + ".json for"), std::string::npos) << earlier;
    EXPECT_FALSE(record(&ledger, "tok-" + std::to_string(i), i, "retry.json")) << i;
  }
  for (int i = 100; i < 25000; ++i) ASSERT_FALSE(record(&ledger, "tok-" + std::to_string(i), i, "b.json"));
  EXPECT_TRUE(record(&ledger, "tok-1", 5, "c.json"));
  EXPECT_TRUE(record(&ledger, "tok-24999", 5, "c.json"));
  EXPECT_FALSE(record(&ledger, "tok-25000", 5, "c.json"));
}

// ---- secrets never appear in any output

TEST(Secrets, NoPasswordOrCredentialInAnyOutput) {
  const std::vector<std::string> secrets = {"Xq7!Zp9#Lm2$", "Kw3%Rt", "Vb8^Nc4&Hd6*Jf1(Gs5)Tt", "LTAI5tQz8Rk",
                                            "sig+Q9xW/e=", "CAISrTkVb81"};
  std::vector<std::string> requests = {
      // valid, too short, bad characters, too long, two kinds only
      R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default","Password":"Xq7!Zp9#Lm2$"}]})",
      R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default","Password":"Kw3%Rt"}]})",
      R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default","Password":"Vb8^Nc4&Hd6*Jf1(Gs5)Tt"}],"Passwd":"Xq7!Zp9#Lm2$"})",
      R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default","Password":{"v":"Kw3%Rt"}}]})",
      "Action=CreateInstances&AccessKeyId=LTAI5tQz8Rk&Signature=sig%2BQ9xW%2Fe%3D&SecurityToken=CAISrTkVb81&Instances=" +
          Percent(R"([{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","Capacity":3,"Password":"Xq7!Zp9#Lm2$ "}])"),
      "Action: CreateInstances\nInstances:\n  - RegionId: cn-hangzhou\n    izNo: cn-hangzhou-h\n    Password: "
      "Kw3%Rt\n    Password: Xq7!Zp9#Lm2$\n",
  };
  // and broken documents whose parse errors point into a secret
  requests.push_back(R"({"Action":"CreateInstances","Instances":[{"Password":"Xq7!Zp9#Lm2$")");
  requests.push_back(R"({"Action":"CreateInstances","Instances":[{"Password":"Kw3%Rt"x}]})");
  requests.push_back("Action=CreateInstances&AccessKeyId=LTAI5tQz8Rk%ZZ");
  requests.push_back("Password: 'Xq7!Zp9#Lm2$\n");
  std::vector<FileReport> reports;
  for (const std::string& req : requests) reports.push_back({"x", Check(req)});
  ReportOptions colour;
  colour.color = true;
  std::string all = FormatJson(reports) + FormatText(reports) + FormatText(reports, colour) + FormatSarif(reports) +
                    FormatGithub(reports);
  for (const std::string& s : secrets) {
    for (size_t i = 0; i + 4 <= s.size(); ++i) {
      EXPECT_EQ(all.find(s.substr(i, 4)), std::string::npos) << "part of a secret in the output: " << s.substr(i, 4);
    }
  }
}

// ---- the parsed-JSON entry point and threads

TEST(Library, CheckJsonHasNoPositions) {
  nlohmann::json req = nlohmann::json::parse(R"({"Action":"CreateTairKVCacheVNode","RegionId":"cn-beijing",
    "ZoneId":"cn-beijing-f","InstanceClass":"kvcache.cu.g4b.2","ComputeUnitNum":2,"VkName":"tk-1","VSwitchId":"vsw-1"})");
  Result r = TheChecker().CheckJson(req);
  EXPECT_EQ(ErrorCodes(r), std::vector<std::string>{"InvalidParameter"});
  EXPECT_EQ(r.findings[0].line, 0);
  EXPECT_EQ(r.findings[0].pointer, "/ComputeUnitNum");
}

// Run under ThreadSanitizer by .ci/run: one Checker, 12 threads, valid and
// invalid requests of both actions in every form.
TEST(Library, ManyThreadsAgreeWithASerialRun) {
  std::vector<std::string> requests;
  for (int i = 0; i < 40; ++i) {
    J ci = BaseCreateInstances();
    ci["Token"] = "tok-" + std::to_string(i % 7);
    ci["Instances"][0]["quantity"] = i * 10;
    if (i % 4 == 1) ci["Instances"][0]["Password"] = i % 8 == 1 ? "Aa1!aaaa" : "short";
    J vn = BaseVNode();
    vn["ComputeUnitNum"] = i % 3;
    vn["Tag"] = J::array();
    for (int t = 0; t < i % 8; ++t) vn["Tag"].push_back({{"Key", "k" + std::to_string(t % 5)}, {"Value", "v"}});
    Form form = static_cast<Form>(i % 4);
    requests.push_back(Render(ci, form));
    requests.push_back(Render(vn, form == Form::JsonString ? Form::JsonInline : form));
  }
  requests.push_back("{ broken");
  requests.push_back("a: &a [*a]\n");
  std::vector<std::string> serial;
  for (const auto& r : requests) serial.push_back(Describe(Check(r)));
  std::vector<std::string> parallel(requests.size());
  // More threads than the model has slots (8, model.h), so that some load
  // their own models and some share one.
  constexpr int kThreads = 12;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); i < requests.size(); i += kThreads) {
        parallel[i] = Describe(Check(requests[i]));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(serial, parallel);
}

TEST(Library, BadCatalogFileIsAConfigurationError) {
  std::string path = ScratchPath("bad-catalog.json");
  std::ofstream(path) << R"({"capacities": ["big"]})";
  CheckerConfig config;
  config.catalog_files = {path};
  Checker checker(config);
  EXPECT_FALSE(checker.ok());
  EXPECT_NE(checker.error().find("capacities"), std::string::npos);
  EXPECT_EQ(checker.Check("{}").findings.at(0).rule, "checker-error");
  checker.Prepare();  // nothing to prepare; the checks still say why
  EXPECT_EQ(checker.Check("{}").findings.at(0).rule, "checker-error");
}

// A thread that prepared one action, or both, checks as any other thread.
TEST(Library, PreparedThreadsCheckAsOthers) {
  J ci = BaseCreateInstances();
  ci["Instances"][0]["Password"] = "short";
  J vn = BaseVNode();
  vn["ComputeUnitNum"] = 0;
  const std::vector<std::string> requests = {ci.dump(), vn.dump()};
  std::vector<std::string> expected;
  for (const auto& r : requests) expected.push_back(Describe(Check(r)));
  ASSERT_NE(expected[0], expected[1]);
  for (Action a : {Action::Unknown, Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    std::thread([&] {
      TheChecker().Prepare(a);
      for (size_t i = 0; i < requests.size(); ++i) EXPECT_EQ(Describe(Check(requests[i])), expected[i]);
    }).join();
  }
}

TEST(Library, CatalogFilesExtendTheKnownValues) {
  std::string path = ScratchPath("catalog.json");
  std::ofstream(path) << R"({"capacities": [3], "instance_classes": ["redis.custom.x"], "regions": ["xx-new-1"]})";
  CheckerConfig config;
  config.catalog_files = {path};
  Checker checker(config);
  ASSERT_TRUE(checker.ok()) << checker.error();
  Result r = checker.Check(R"({"Action":"CreateInstances","Instances":[{"RegionId":"xx-new-1","izNo":"xx-new-1a",
    "Capacity":3},{"RegionId":"xx-new-1","izNo":"xx-new-1a","instanceClass":"redis.custom.x"}]})");
  EXPECT_TRUE(r.findings.empty()) << Describe(r);
}

// ---- JSONTestSuite: y_ accepted, n_ a parse-error with a position, i_ no crash

TEST(JsonTestSuite, EveryFile) {
  std::string dir = std::string(TAIRLINT_SHARED_DIR) + "/data/JSONTestSuite/test_parsing";
  TAIRLINT_NEED_SHARED_DATA(dir);
  DIR* d = opendir(dir.c_str());
  ASSERT_NE(d, nullptr) << dir;
  int files = 0;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() < 6 || name.substr(name.size() - 5) != ".json") continue;
    ++files;
    std::string text = ReadFile(dir + "/" + name);
    Result r = Check(text, Action::Unknown, InputFormat::Json);
    bool parse_error = FindingFor(r, "parse-error") != nullptr;
    if (name[0] == 'y') {
      EXPECT_FALSE(parse_error) << name << "\n" << Describe(r);
    } else if (name[0] == 'n') {
      ASSERT_EQ(r.findings.size(), 1u) << name << "\n" << Describe(r);
      EXPECT_EQ(r.findings[0].rule, "parse-error") << name;
      EXPECT_GE(r.findings[0].line, 1) << name;
      EXPECT_GE(r.findings[0].column, 1) << name;
    }
  }
  closedir(d);
  EXPECT_GT(files, 300);
}

// ---- the schemas are valid draft-7 schemas

TEST(Schemas, ValidAgainstTheDraft7MetaSchema) {
  std::string meta_path = "/usr/lib/python3/dist-packages/jsonschema/schemas/draft7.json";
  std::string meta_text = ReadFile(meta_path);
  ASSERT_FALSE(meta_text.empty()) << "the draft-7 meta-schema comes with Debian's python3-jsonschema";
  nlohmann::json meta = nlohmann::json::parse(meta_text);
  valijson::Schema meta_schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter meta_adapter(meta);
  parser.populateSchema(meta_adapter, meta_schema);
  int checked = 0;
  for (const char* name : {"common.schema.json", "CreateInstances.request.schema.json",
                           "CreateInstances.instance.schema.json", "CreateTairKVCacheVNode.request.schema.json"}) {
    nlohmann::json schema = nlohmann::json::parse(ReadFile(std::string(TAIRLINT_SOURCE_DIR) + "/schemas/" + name));
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(schema);
    EXPECT_TRUE(validator.validate(meta_schema, adapter, &results)) << name;
    ++checked;
    // and a schema that is not valid draft-7 is caught
    schema["properties"]["Bad"] = {{"type", 5}};
    valijson::ValidationResults bad_results;
    valijson::adapters::NlohmannJsonAdapter bad(schema);
    EXPECT_FALSE(validator.validate(meta_schema, bad, &bad_results)) << name;
  }
  EXPECT_EQ(checked, 4);
}

TEST(Schemas, EveryRuleAndCodeNamedInTheSchemasIsCatalogued) {
  for (const char* name : {"common.schema.json", "CreateInstances.request.schema.json",
                           "CreateInstances.instance.schema.json", "CreateTairKVCacheVNode.request.schema.json"}) {
    std::string text = ReadFile(std::string(TAIRLINT_SOURCE_DIR) + "/schemas/" + name);
    nlohmann::json schema = nlohmann::json::parse(text);
    std::vector<const nlohmann::json*> stack{&schema};
    while (!stack.empty()) {
      const nlohmann::json* s = stack.back();
      stack.pop_back();
      if (s->is_object()) {
        if (s->contains("x-rule")) EXPECT_NE(FindRule((*s)["x-rule"].get<std::string>()), nullptr) << (*s)["x-rule"];
        if (s->contains("x-error-code")) {
          EXPECT_NE(FindCode((*s)["x-error-code"].get<std::string>()), nullptr) << (*s)["x-error-code"];
        }
        for (auto& [k, v] : s->items()) stack.push_back(&v);
      } else if (s->is_array()) {
        for (auto& v : *s) stack.push_back(&v);
      }
    }
  }
  for (const RuleInfo& r : Rules()) {
    for (const std::string& code : r.codes) EXPECT_NE(FindCode(code), nullptr) << r.id << " " << code;
  }
}

}  // namespace
}  // namespace tairlint::testing

#include "rules/rule.h"

namespace tairlint::testing {
namespace {

TEST(Schemas, EveryEngineRuleIsCatalogued) {
  for (const detail::Rule* rule : detail::EngineRules()) {
    const RuleInfo* info = FindRule(rule->id());
    ASSERT_NE(info, nullptr) << rule->id();
    EXPECT_FALSE(info->summary.empty()) << rule->id();
  }
}

}  // namespace
}  // namespace tairlint::testing

namespace tairlint::testing {
namespace {

TEST(Keys, RepeatedQueryTagIsADuplicate) {
  std::string q = "Action=CreateTairKVCacheVNode&RegionId=cn-beijing&ZoneId=cn-beijing-f&InstanceClass=kvcache.cu.g4b.2"
                  "&ComputeUnitNum=1&VkName=tk-1&VSwitchId=vsw-1&Tag.1.Key=a&Tag.1.Key=b";
  Result r = Check(q);
  EXPECT_EQ(ErrorCodes(r), std::vector<std::string>{"InvalidParameter"}) << Describe(r);
  const Finding* f = FindingFor(r, "duplicate-key");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->parameter, "Tag.1.Key");
}

TEST(Messages, ArrayItemsOfTheWrongTypeNameTheItemType) {
  Result r = Check(R"({"Action":"CreateInstances","Instances":["cn-hangzhou"]})");
  const Finding* f = FindingFor(r, "instances-format");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->pointer, "/Instances/0");
  EXPECT_NE(f->detail.find("must be an object"), std::string::npos) << f->detail;
}

TEST(Tags, AQueryTagBesideFlattenedPairsIsReportedAtItsOwnValue) {
  // The query's Tag=x stays beside the Tag array folded from Tag.N.Key: its
  // error is about its own value and position, not the folded array's.
  std::string q = "Action=CreateTairKVCacheVNode&RegionId=cn-beijing&ZoneId=cn-beijing-f&InstanceClass=kvcache.cu.g4b.2"
                  "&ComputeUnitNum=1&VkName=tk-1&VSwitchId=vsw-1&Tag=x&Tag.1.Key=a&Tag.1.Value=b";
  Result r = Check(q);
  const Finding* f = FindingFor(r, "tag-format");
  ASSERT_NE(f, nullptr) << Describe(r);
  EXPECT_EQ(f->pointer, "/Tag");
  EXPECT_EQ(f->parameter, "Tag");
  EXPECT_EQ(f->detail, "Tag must be an array; got \"x\"");
  ExpectAt(f, q, q.find("x&Tag.1"));
}

}  // namespace
}  // namespace tairlint::testing

namespace tairlint::testing {
namespace {

TEST(Tags, QueryNumbersOutOfRangeAndGaps) {
  std::string q = "Action=CreateTairKVCacheVNode&RegionId=cn-beijing&ZoneId=cn-beijing-f&InstanceClass=kvcache.cu.g4b.2"
                  "&ComputeUnitNum=1&VkName=tk-1&VSwitchId=vsw-1&Tag.1.Key=a&Tag.3.Key=c&Tag.3.Value=z&Tag.6.Key=f"
                  "&Tag.0.Key=zero&Tag.x.Key=x&Tag.6.Value=again";
  Result r = Check(q);
  // Tag.6, Tag.0 and Tag.x: one error each (Tag.6 once although it has two members)
  EXPECT_EQ(ErrorCodes(r), (std::vector<std::string>{"InvalidParameter", "InvalidParameter", "InvalidParameter"}))
      << Describe(r);
  std::vector<std::string> pointers;
  for (const Finding& f : r.findings) {
    if (f.rule == "tag-limit") pointers.push_back(f.pointer);
  }
  EXPECT_EQ(pointers, (std::vector<std::string>{"/Tag/5", "/Tag.0.Key", "/Tag.x.Key"}));
  const Finding* gap = FindingFor(r, "tag-gap");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->parameter, "Tag.2");
  EXPECT_EQ(gap->column, static_cast<int>(q.find("Tag.3.Key")) + 1);
}

TEST(Warnings, NoIgnoredWarningWhenTheConditionIsInvalid) {
  Result r = Check(R"({"Action":"CreateInstances","Instances":[{"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h",
    "instanceClass":"redis.master.small.default","ChargeType":"Prepaid","Period":1}]})");
  EXPECT_EQ(ErrorCodes(r), std::vector<std::string>{"InvalidInstances.Malformed"});
  EXPECT_EQ(FindingFor(r, "ignored-parameter"), nullptr) << Describe(r);
}

}  // namespace
}  // namespace tairlint::testing

namespace tairlint::testing {
namespace {

TEST(Positions, RepeatedKeyIsReportedOnceAtItsSecondOccurrence) {
  Result r = Check("Token: a\nToken: b\nToken: c\nInstances: []\n");
  std::vector<std::string> details;
  for (const Finding& f : r.findings) {
    if (f.rule == "duplicate-key") details.push_back(f.detail);
  }
  // one error per value: the second occurrence is reported, naming the first
  ASSERT_EQ(details.size(), 1u) << Describe(r);
  EXPECT_EQ(FindingFor(r, "duplicate-key")->line, 2);
  EXPECT_NE(details[0].find("first on line 1"), std::string::npos) << details[0];
}

TEST(Positions, CarriageReturnLineEnds) {
  std::string yaml = "Action: CreateTairKVCacheVNode\rRegionId: cn-beijing\rZoneId: cn-beijing-f\rInstanceClass: "
                     "kvcache.cu.g4b.2\rComputeUnitNum: 2\rVkName: tk-1\rVSwitchId: vsw-1\r";
  Result r = Check(yaml);
  const Finding* f = FindingFor(r, "compute-unit-num-value");
  ASSERT_NE(f, nullptr) << Describe(r);
  EXPECT_EQ(f->line, 5);
  EXPECT_EQ(f->column, 17);
}

}  // namespace
}  // namespace tairlint::testing
