// Every documented rule at its boundaries, for both actions, in every input
// form: each case is a patch on a valid request and the exact multiset of
// error codes the service would answer.
#include <gtest/gtest.h>

#include "test_util.h"

namespace tairlint::testing {
namespace {

using J = nlohmann::ordered_json;

struct Case {
  std::string name;
  Action action;
  std::string top;      // JSON patch on the request
  std::string element;  // JSON patch on the first Instances element (CreateInstances)
  std::vector<std::string> codes;
};

const char* const IIM = "InvalidInstances.Malformed";
const char* const IP = "InvalidParameter";
const char* const MP = "MissingParameter";

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string Q(const std::string& s) { return J(s).dump(); }

std::vector<Case> Cases() {
  const Action CI = Action::CreateInstances;
  const Action VN = Action::CreateTairKVCacheVNode;
  std::vector<Case> c = {
      {"ci_valid", CI, "{}", "{}", {}},
      {"vn_valid", VN, "{}", "", {}},
      // What the official SDKs send besides the pages' parameters (contract
      // section 3, amended 2026-12-07)
      {"vn_vnode_type_fixed", VN, R"({"VNodeType": "fixed"})", "", {}},
      {"vn_vnode_type_elastic", VN, R"({"VNodeType": "elastic", "ElasticTimeRange": "08:00-20:00"})", "", {}},
      {"vn_vnode_type_bad", VN, R"({"VNodeType": "Fixed"})", "", {IP}},
      {"ci_request_region", CI, R"({"RegionId": "cn-hangzhou"})", "{}", {}},
      {"ci_request_region_bad", CI, R"({"RegionId": "CN_Hangzhou"})", "{}", {"InvalidRegion.Format"}},
      {"ci_owner_id", CI, R"({"OwnerId": 1234567890123, "ResourceOwnerId": "42"})", "{}", {}},
      {"ci_owner_id_text", CI, R"({"OwnerId": "abc"})", "{}", {IP}},
      {"vn_resource_owner_id_fraction", VN, R"({"ResourceOwnerId": 1.5})", "", {IP}},
      {"vn_signature_type_and_bearer_token", VN, R"({"SignatureType": "BEARERTOKEN", "BearerToken": "bt-1"})", "", {}},
      // quantity: 1 to 300
      {"quantity_0", CI, "{}", R"({"quantity": 0})", {IIM}},
      {"quantity_1", CI, "{}", R"({"quantity": 1})", {}},
      {"quantity_300", CI, "{}", R"({"quantity": 300})", {}},
      {"quantity_301", CI, "{}", R"({"quantity": 301})", {IIM}},
      {"quantity_string_300", CI, "{}", R"({"quantity": "300"})", {}},
      {"quantity_string_decimal", CI, "{}", R"({"quantity": "1.0"})", {IIM}},
      {"quantity_number_zero_fraction", CI, "{}", R"({"quantity": 2.0})", {}},
      {"quantity_whole_exponent", CI, "{}", R"({"quantity": 1e2})", {}},
      {"quantity_fraction", CI, "{}", R"({"quantity": 1.5})", {IIM}},
      {"quantity_text", CI, "{}", R"({"quantity": "abc"})", {IIM}},
      {"quantity_bool", CI, "{}", R"({"quantity": true})", {IIM}},
      {"quantity_object", CI, "{}", R"({"quantity": {}})", {IIM}},
      // Period and ChargeType
      {"prepaid_without_period", CI, "{}", R"({"ChargeType": "PrePaid"})", {MP}},
      {"postpaid_with_period", CI, "{}", R"({"ChargeType": "PostPaid", "Period": 1})", {}},
      {"period_without_chargetype", CI, "{}", R"({"Period": 12})", {}},
      {"postpaid_with_bad_period", CI, "{}", R"({"ChargeType": "PostPaid", "Period": 10})", {IIM}},
      {"chargetype_lowercase", CI, "{}", R"({"ChargeType": "prepaid", "Period": 1})", {IIM}},
      {"chargetype_lowercase_no_period", CI, "{}", R"({"ChargeType": "prepaid"})", {IIM}},
      {"period_string", CI, "{}", R"({"ChargeType": "PrePaid", "Period": "1"})", {}},
      {"period_string_decimal", CI, "{}", R"({"ChargeType": "PrePaid", "Period": "12.0"})", {IIM}},
      {"period_number_decimal", CI, "{}", R"({"ChargeType": "PrePaid", "Period": 12.0})", {}},
      // instanceClass / Capacity
      {"capacity_instead_of_class", CI, "{}", R"({"instanceClass": "<delete>", "Capacity": 1024})", {}},
      {"capacity_string", CI, "{}", R"({"instanceClass": "<delete>", "Capacity": "16384"})", {}},
      {"capacity_unknown", CI, "{}", R"({"instanceClass": "<delete>", "Capacity": 3})", {"InvalidCapacity.NotFound"}},
      {"capacity_negative", CI, "{}", R"({"instanceClass": "<delete>", "Capacity": -1024})",
       {"InvalidCapacity.NotFound"}},
      {"capacity_text", CI, "{}", R"({"instanceClass": "<delete>", "Capacity": "abc"})", {IIM}},
      {"capacity_fraction", CI, "{}", R"({"instanceClass": "<delete>", "Capacity": 1024.5})", {IIM}},
      {"capacity_and_class", CI, "{}", R"({"Capacity": 1024})", {IIM}},
      {"neither_capacity_nor_class", CI, "{}", R"({"instanceClass": "<delete>"})", {MP}},
      // An element's keys match ignoring case (contract section 3, amended 2026-12-07).
      {"class_wrong_case_key", CI, "{}", R"({"instanceClass": "<delete>", "InstanceClass": "redis.master.small.default"})",
       {}},
      {"capacity_unknown_and_class", CI, "{}", R"({"Capacity": 3})", {"InvalidCapacity.NotFound"}},
      // instanceType and class family
      {"memcache_class", CI, "{}", R"({"instanceType": "Memcache", "instanceClass": "memcache.master.small.default"})",
       {}},
      {"memcache_with_redis_class", CI, "{}", R"({"instanceType": "Memcache"})", {"InstanceClass.NotMatch"}},
      {"redis_with_memcache_class", CI, "{}", R"({"instanceClass": "memcache.master.small.default"})",
       {"InstanceClass.NotMatch"}},
      {"redis_with_tair_class", CI, "{}", R"({"instanceClass": "tair.rdb.1g"})", {}},
      {"unknown_redis_class", CI, "{}", R"({"instanceClass": "redis.master.huge.default"})", {}},
      {"instancetype_lowercase", CI, "{}", R"({"instanceType": "redis"})", {IIM}},
      {"instancetype_invalid_skips_family", CI, "{}", R"({"instanceType": "Mongo", "instanceClass": "x.y"})", {IIM}},
      // EngineVersion
      {"engine_4", CI, R"({"EngineVersion": "4.0"})", R"({"EngineVersion": "4.0"})", {}},
      {"engine_number", CI, "{}", R"({"EngineVersion": 5.0})", {}},
      {"engine_6", CI, "{}", R"({"EngineVersion": "6.0"})", {"InvalidEngineVersion.Malformed"}},
      {"engine_integer", CI, "{}", R"({"EngineVersion": 5})", {"InvalidEngineVersion.Malformed"}},
      {"engine_top_bad", CI, R"({"EngineVersion": "2.8"})", "{}", {"InvalidEngineVersion.Malformed"}},
      {"engine_top_differs", CI, R"({"EngineVersion": "4.0"})", R"({"EngineVersion": "5.0"})", {}},
      {"engine_object", CI, "{}", R"({"EngineVersion": {}})", {IIM}},
      // RegionId and izNo
      {"region_empty", CI, "{}", R"({"RegionId": ""})", {"InvalidRegion.Format"}},
      {"region_underscore", CI, "{}", R"({"RegionId": "cn_hangzhou"})", {"InvalidRegion.Format"}},
      {"region_upper", CI, "{}", R"({"RegionId": "CN-HANGZHOU"})", {"InvalidRegion.Format"}},
      {"region_one_word", CI, "{}", R"({"RegionId": "hangzhou"})", {"InvalidRegion.Format"}},
      {"region_digit_first", CI, "{}", R"({"RegionId": "1cn-hangzhou"})", {"InvalidRegion.Format"}},
      {"region_with_digits", CI, "{}", R"({"RegionId": "ap-southeast-1", "izNo": "ap-southeast-1a"})", {}},
      {"region_unknown_wellformed", CI, "{}", R"({"RegionId": "xx-nowhere-9", "izNo": "xx-nowhere-9a"})", {}},
      {"region_number", CI, "{}", R"({"RegionId": 12})", {"InvalidRegion.Format"}},
      {"region_missing", CI, "{}", R"({"RegionId": "<delete>"})", {MP}},
      {"zone_missing", CI, "{}", R"({"izNo": "<delete>"})", {MP}},
      {"zone_other_region", CI, "{}", R"({"izNo": "cn-beijing-h"})", {}},
      {"zone_wrong_case_key", CI, "{}", R"({"izNo": "<delete>", "IzNo": "cn-hangzhou-h"})", {}},
      {"zone_wrong_case_key_invalid", CI, "{}", R"({"izNo": "<delete>", "IzNo": ""})", {IIM}},
      {"zone_twice_in_two_cases", CI, "{}", R"({"IZNO": "cn-hangzhou-h"})", {IIM}},
      // InstanceName
      {"name_1", CI, "{}", R"({"InstanceName": "a"})", {"InvalidInstanceName.Malformed"}},
      {"name_2", CI, "{}", R"({"InstanceName": "ab"})", {}},
      {"name_80", CI, "{}", "{\"InstanceName\": " + Q("a" + Repeat("b", 79)) + "}", {}},
      {"name_81", CI, "{}", "{\"InstanceName\": " + Q("a" + Repeat("b", 80)) + "}", {"InvalidInstanceName.Malformed"}},
      {"name_han_1", CI, "{}", "{\"InstanceName\": " + Q("实") + "}", {"InvalidInstanceName.Malformed"}},
      {"name_han_2", CI, "{}", "{\"InstanceName\": " + Q("实例") + "}", {}},
      {"name_han_80", CI, "{}", "{\"InstanceName\": " + Q(Repeat("实", 80)) + "}", {}},
      {"name_han_81", CI, "{}", "{\"InstanceName\": " + Q(Repeat("实", 81)) + "}", {"InvalidInstanceName.Malformed"}},
      {"name_digit_first", CI, "{}", R"({"InstanceName": "1abc"})", {"InvalidInstanceName.Malformed"}},
      {"name_underscore_first", CI, "{}", R"({"InstanceName": "_abc"})", {"InvalidInstanceName.Malformed"}},
      {"name_space", CI, "{}", R"({"InstanceName": "ab c"})", {"InvalidInstanceName.Malformed"}},
      {"name_tab", CI, "{}", R"({"InstanceName": "ab\tc"})", {"InvalidInstanceName.Malformed"}},
      {"name_ideographic_space", CI, "{}", "{\"InstanceName\": " + Q("ab\u3000c") + "}",
       {"InvalidInstanceName.Malformed"}},
      {"name_quote_ci", CI, "{}", R"({"InstanceName": "ab\"c"})", {}},
      {"name_right_quote_ci", CI, "{}", "{\"InstanceName\": " + Q("ab\u201Dc") + "}", {}},
      {"name_left_quote_ci", CI, "{}", "{\"InstanceName\": " + Q("ab\u201Cc") + "}", {}},
      {"name_other_symbols", CI, "{}", R"({"InstanceName": "a-b_c.d,e!f"})", {}},
      {"name_number", CI, "{}", R"({"InstanceName": 123})", {"InvalidInstanceName.Malformed"}},
      {"name_object", CI, "{}", R"({"InstanceName": {}})", {IIM}},
      {"vn_name_quote", VN, R"({"InstanceName": "ab\"c"})", "", {"InvalidInstanceName.Malformed"}},
      {"vn_name_right_quote", VN, "{\"InstanceName\": " + Q("ab\u201Dc") + "}", "", {"InvalidInstanceName.Malformed"}},
      {"vn_name_left_quote", VN, "{\"InstanceName\": " + Q("ab\u201Cc") + "}", "", {}},
      {"vn_name_1", VN, R"({"InstanceName": "v"})", "", {"InvalidInstanceName.Malformed"}},
      {"vn_name_han_80", VN, "{\"InstanceName\": " + Q(Repeat("节", 80)) + "}", "", {}},
      {"vn_name_han_81", VN, "{\"InstanceName\": " + Q(Repeat("节", 81)) + "}", "", {"InvalidInstanceName.Malformed"}},
      // Password: 8 to 32, allowed characters, three kinds of four
      {"password_7", CI, "{}", R"({"Password": "Aa1!aaa"})", {"InvalidPassword.Malformed"}},
      {"password_8", CI, "{}", R"({"Password": "Aa1!aaaa"})", {}},
      {"password_32", CI, "{}", "{\"Password\": " + Q("Aa1!" + Repeat("a", 28)) + "}", {}},
      {"password_33", CI, "{}", "{\"Password\": " + Q("Aa1!" + Repeat("a", 29)) + "}", {"InvalidPassword.Malformed"}},
      {"password_two_kinds", CI, "{}", R"({"Password": "aaaaaaa1"})", {"InvalidPassword.Malformed"}},
      {"password_three_kinds_no_special", CI, "{}", R"({"Password": "Aaaaaaa1"})", {}},
      {"password_three_kinds_no_digit", CI, "{}", R"({"Password": "Aaaaaaa="})", {}},
      {"password_every_special", CI, "{}", R"({"Password": "a1!@#$%^&*()_+-="})", {}},
      {"password_space", CI, "{}", R"({"Password": "Aa1 aaaa"})", {"InvalidPassword.Malformed"}},
      {"password_tilde", CI, "{}", R"({"Password": "Aa1~aaaa"})", {"InvalidPassword.Malformed"}},
      {"password_han", CI, "{}", "{\"Password\": " + Q("Aa1!aaaa密") + "}", {"InvalidPassword.Malformed"}},
      {"password_short_and_bad_chars", CI, "{}", R"({"Password": "a b"})", {"InvalidPassword.Malformed"}},
      {"password_number", CI, "{}", R"({"Password": 12345678})", {"InvalidPassword.Malformed"}},
      // Token / ClientToken: 1 to 64 visible ASCII
      {"token_empty", CI, R"({"Token": ""})", "{}", {"InvalidToken.Malformed"}},
      {"token_1", CI, R"({"Token": "a"})", "{}", {}},
      {"token_64", CI, "{\"Token\": " + Q(Repeat("t", 64)) + "}", "{}", {}},
      {"token_65", CI, "{\"Token\": " + Q(Repeat("t", 65)) + "}", "{}", {"InvalidToken.Malformed"}},
      {"token_space", CI, R"({"Token": "a b"})", "{}", {"InvalidToken.Malformed"}},
      {"token_non_ascii", CI, "{\"Token\": " + Q("é") + "}", "{}", {"InvalidToken.Malformed"}},
      {"token_number", CI, R"({"Token": 123})", "{}", {}},
      {"vn_clienttoken_empty", VN, R"({"ClientToken": ""})", "", {"InvalidToken.Malformed"}},
      {"vn_clienttoken_64", VN, "{\"ClientToken\": " + Q(Repeat("c", 64)) + "}", "", {}},
      {"vn_clienttoken_65", VN, "{\"ClientToken\": " + Q(Repeat("c", 65)) + "}", "", {"InvalidToken.Malformed"}},
      // networkType, NodeType, AutoRenew
      {"network_vpc", CI, "{}", R"({"networkType": "VPC"})", {}},
      {"network_classic", CI, "{}", R"({"networkType": "Classic"})", {IIM}},
      {"nodetype_single", CI, "{}", R"({"NodeType": "STAND_ALONE"})", {}},
      {"nodetype_bad", CI, "{}", R"({"NodeType": "SINGLE"})", {IIM}},
      {"autorenew_prepaid", CI, "{}", R"({"ChargeType": "PrePaid", "Period": 1, "AutoRenew": "true"})", {}},
      {"autorenew_bad", CI, "{}", R"({"AutoRenew": "yes"})", {IIM}},
      // backups and rebuild
      {"backup_without_source", CI, "{}", R"({"BackupId": "111111111"})", {MP}},
      {"backup_with_source", CI, "{}", R"({"BackupId": "111111111", "SrcDBInstanceId": "r-bp1zxszhcgatnx0001"})", {}},
      {"rebuild_without_source", CI, "{}", R"({"RebuildInstance": true})", {MP}},
      {"rebuild_string_without_source", CI, "{}", R"({"RebuildInstance": "true"})", {MP}},
      {"rebuild_false_without_source", CI, "{}", R"({"RebuildInstance": false})", {}},
      // top-level booleans and strings
      {"autopay_true", CI, R"({"AutoPay": true})", "{}", {}},
      {"autopay_upper", CI, R"({"AutoPay": "TRUE"})", "{}", {}},
      {"autopay_maybe", CI, R"({"AutoPay": "maybe"})", "{}", {IP}},
      {"autopay_number", CI, R"({"AutoPay": 1})", "{}", {IP}},
      {"top_rebuild_ignored", CI, R"({"RebuildInstance": "true"})", "{}", {}},
      {"couponno_number", CI, R"({"CouponNo": 12})", "{}", {}},
      // a query string can only carry text: there this is the valid string {"a":1}
      {"businessinfo_object_notquery", CI, R"({"BusinessInfo": {"a": 1}})", "{}", {IP}},
      {"resourcegroup", CI, R"({"ResourceGroupId": "rg-acfmyiu4ekp0001"})", "{}", {}},
      {"unknown_keys_warn_only", CI, R"({"Tokn": "x"})", R"({"Peroid": 1})", {}},
      // several errors in one element: one per value
      {"many_errors", CI, "{}",
       R"({"quantity": 0, "Password": "x", "InstanceName": "1", "ChargeType": "PrePaid", "Period": 0})",
       {IIM, IIM, "InvalidInstanceName.Malformed", "InvalidPassword.Malformed"}},
      // ---- CreateTairKVCacheVNode
      {"vn_missing_region", VN, R"({"RegionId": "<delete>"})", "", {MP}},
      {"vn_missing_zone", VN, R"({"ZoneId": "<delete>"})", "", {MP}},
      {"vn_missing_class", VN, R"({"InstanceClass": "<delete>"})", "", {MP}},
      {"vn_missing_units", VN, R"({"ComputeUnitNum": "<delete>"})", "", {MP}},
      {"vn_missing_vkname", VN, R"({"VkName": "<delete>"})", "", {MP}},
      {"vn_missing_vswitch", VN, R"({"VSwitchId": "<delete>"})", "", {MP}},
      {"vn_missing_all", VN,
       R"({"RegionId": "<delete>", "ZoneId": "<delete>", "InstanceClass": "<delete>", "VSwitchId": "<delete>"})", "",
       {MP, MP, MP, MP}},
      {"vn_units_0", VN, R"({"ComputeUnitNum": 0})", "", {IP}},
      {"vn_units_2", VN, R"({"ComputeUnitNum": 2})", "", {IP}},
      {"vn_units_string", VN, R"({"ComputeUnitNum": "1"})", "", {}},
      // a number with a zero fraction is an integer; the string "1.0" (all a query string can say) is not
      {"vn_units_decimal_notquery", VN, R"({"ComputeUnitNum": 1.0})", "", {}},
      {"vn_units_decimal_string", VN, R"({"ComputeUnitNum": "1.0"})", "", {IP}},
      {"vn_class_redis", VN, R"({"InstanceClass": "redis.master.small.default"})", "", {"InstanceClass.NotMatch"}},
      {"vn_class_unknown_kvcache", VN, R"({"InstanceClass": "kvcache.cu.g9z.8"})", "", {}},
      {"vn_region_bad", VN, R"({"RegionId": "Beijing"})", "", {"InvalidRegion.Format"}},
      {"vn_zone_empty", VN, R"({"ZoneId": ""})", "", {IP}},
      {"vn_postpaid", VN, R"({"ChargeType": "PostPaid"})", "", {IP}},
      {"vn_prepaid_no_period", VN, R"({"ChargeType": "PrePaid"})", "", {MP}},
      {"vn_prepaid_36", VN, R"({"ChargeType": "PrePaid", "Period": 36})", "", {}},
      {"vn_prepaid_60", VN, R"({"ChargeType": "PrePaid", "Period": 60})", "", {IP}},
      {"vn_period_without_chargetype", VN, R"({"Period": 1})", "", {}},
      {"vn_period_bad_without_chargetype", VN, R"({"Period": 13})", "", {IP}},
      {"vn_autorenew_no_period", VN, R"({"AutoRenew": true})", "", {MP}},
      {"vn_autorenew_string_no_period", VN, R"({"AutoRenew": "true"})", "", {MP}},
      {"vn_autorenew_12", VN, R"({"AutoRenew": true, "AutoRenewPeriod": "12"})", "", {}},
      {"vn_autorenew_4", VN, R"({"AutoRenew": true, "AutoRenewPeriod": 4})", "", {IP}},
      {"vn_autorenewperiod_alone", VN, R"({"AutoRenewPeriod": 6})", "", {}},
      {"vn_autorenew_false", VN, R"({"AutoRenew": false})", "", {}},
      {"vn_autopay_false", VN, R"({"AutoPay": false})", "", {}},
      {"vn_autousecoupon_bad", VN, R"({"AutoUseCoupon": "sometimes"})", "", {IP}},
      {"vn_dryrun", VN, R"({"DryRun": true})", "", {}},
      {"vn_dryrun_bad", VN, R"({"DryRun": "nope"})", "", {IP}},
      {"vn_tags_5", VN,
       R"({"Tag": [{"Key": "a", "Value": "1"}, {"Key": "b"}, {"Key": "c"}, {"Key": "d"}, {"Key": "e", "Value": ""}]})",
       "", {}},
      {"vn_tags_6", VN,
       R"({"Tag": [{"Key": "a"}, {"Key": "b"}, {"Key": "c"}, {"Key": "d"}, {"Key": "e"}, {"Key": "f"}]})", "", {IP}},
      {"vn_tags_7", VN,
       R"({"Tag": [{"Key": "a"}, {"Key": "b"}, {"Key": "c"}, {"Key": "d"}, {"Key": "e"}, {"Key": "f"}, {"Key": "g"}]})",
       "", {IP, IP}},
      {"vn_tag_empty_key", VN, R"({"Tag": [{"Key": "", "Value": "v"}]})", "", {IP}},
      {"vn_tag_missing_key", VN, R"({"Tag": [{"Value": "v"}]})", "", {IP}},
      {"vn_tag_duplicate_key", VN, R"({"Tag": [{"Key": "env", "Value": "a"}, {"Key": "env", "Value": "b"}]})", "", {IP}},
      {"vn_tag_duplicate_and_extra", VN,
       R"({"Tag": [{"Key": "a"}, {"Key": "a"}, {"Key": "c"}, {"Key": "d"}, {"Key": "e"}, {"Key": ""}]})", "", {IP, IP}},
  };
  // Every Period and its neighbours, for both actions.
  for (int p : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 23, 24, 25, 35, 36, 37, 59, 60, 61, -1}) {
    bool ci_ok = (p >= 1 && p <= 9) || p == 12 || p == 24 || p == 36 || p == 60;
    bool vn_ok = ci_ok && p != 60;
    c.push_back({"ci_period_" + std::to_string(p), CI, "{}",
                 R"({"ChargeType": "PrePaid", "Period": )" + std::to_string(p) + "}",
                 ci_ok ? std::vector<std::string>{} : std::vector<std::string>{IIM}});
    c.push_back({"vn_period_" + std::to_string(p), VN,
                 R"({"ChargeType": "PrePaid", "Period": )" + std::to_string(p) + "}", "",
                 vn_ok ? std::vector<std::string>{} : std::vector<std::string>{IP}});
  }
  for (int p : {0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 24}) {
    bool ok = p == 1 || p == 2 || p == 3 || p == 6 || p == 12;
    c.push_back({"vn_autorenewperiod_" + std::to_string(p), VN,
                 R"({"AutoRenew": true, "AutoRenewPeriod": )" + std::to_string(p) + "}", "",
                 ok ? std::vector<std::string>{} : std::vector<std::string>{IP}});
  }
  // Each forbidden character of an instance name.
  for (std::string ch : {"@", "/", ":", "=", "<", ">", "{", "[", "]", "}"}) {
    c.push_back({"name_forbidden_" + ch, CI, "{}", "{\"InstanceName\": " + Q("ab" + ch + "c") + "}",
                 {"InvalidInstanceName.Malformed"}});
    c.push_back({"vn_name_forbidden_" + ch, VN, "{\"InstanceName\": " + Q("ab" + ch + "c") + "}", "",
                 {"InvalidInstanceName.Malformed"}});
  }
  return c;
}

struct Param {
  Case c;
  Form form;
};

void PrintTo(const Param& p, std::ostream* os) { *os << p.c.name << " (" << FormName(p.form) << ")"; }

class RuleCase : public ::testing::TestWithParam<Param> {};

TEST_P(RuleCase, ErrorCodesMatch) {
  const Case& c = GetParam().c;
  Form form = GetParam().form;
  J request = c.action == Action::CreateInstances ? BaseCreateInstances() : BaseVNode();
  Patch(&request, J::parse(c.top));
  if (!c.element.empty()) Patch(&request["Instances"][0], J::parse(c.element));
  std::string text = Render(request, form);
  Result r = Check(text, Action::Unknown, FormatOf(form));
  std::vector<std::string> want = c.codes;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(ErrorCodes(r), want) << "form " << FormName(form) << "\n" << text << "\n" << Describe(r);
  EXPECT_EQ(r.action, c.action);
}

std::vector<Param> AllParams() {
  std::vector<Param> out;
  for (const Case& c : Cases()) {
    for (Form f : {Form::JsonInline, Form::JsonString, Form::Yaml, Form::Query}) {
      if (c.action == Action::CreateTairKVCacheVNode && f == Form::JsonString) continue;  // no Instances
      if (f == Form::Query && c.name.find("notquery") != std::string::npos) continue;
      out.push_back({c, f});
    }
  }
  return out;
}

std::string ParamName(const ::testing::TestParamInfo<Param>& info) {
  std::string n = info.param.c.name + "_" + FormName(info.param.form);
  for (char& ch : n) {
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(AllForms, RuleCase, ::testing::ValuesIn(AllParams()), ParamName);

}  // namespace
}  // namespace tairlint::testing
