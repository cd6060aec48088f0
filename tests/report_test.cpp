// Report::HasErrorAt, which rules ask for many members once a request has an
// error: the same answer as HasError of the built pointer, with few errors
// (compared in place) and with many (the hash set).
#include <gtest/gtest.h>

#include <string>

#include "report/report.h"

namespace tairlint::detail {
namespace {

void AddError(Report* r, const std::string& pointer) {
  Draft d;
  d.rule = "string-value";
  d.code = "InvalidParameter";
  d.pointer = pointer;
  r->Add(d);
}

void ExpectSameAsHasError(const Report& r) {
  for (const char* base : {"", "/Instances/0", "/Instances/1", "/Tag/0"}) {
    for (const char* key : {"Period", "Perio", "Periods", "ChargeType", "a/b", "a~b", ""}) {
      EXPECT_EQ(r.HasErrorAt(base, key), r.HasError(PointerAppend(base, key))) << base << " " << key;
    }
  }
}

TEST(Report, HasErrorAtMatchesTheBuiltPointer) {
  CheckOptions options;
  Report r(Action::CreateInstances, options);
  EXPECT_FALSE(r.HasErrorAt("/Instances/0", "Period"));
  AddError(&r, "/Instances/0/Period");
  AddError(&r, "/Instances/0/a~1b");
  AddError(&r, "/Token");
  EXPECT_TRUE(r.HasErrorAt("/Instances/0", "Period"));
  EXPECT_FALSE(r.HasErrorAt("/Instances/1", "Period"));
  EXPECT_FALSE(r.HasErrorAt("/Instances/0", "Perio"));
  EXPECT_TRUE(r.HasErrorAt("/Instances/0", "a/b"));
  EXPECT_TRUE(r.HasErrorAt("", "Token"));
  ExpectSameAsHasError(r);
  for (int i = 2; i < 20; ++i) AddError(&r, "/Instances/" + std::to_string(i) + "/Period");  // past the in-place scan
  EXPECT_TRUE(r.HasErrorAt("/Instances/7", "Period"));
  EXPECT_FALSE(r.HasErrorAt("/Instances/1", "Period"));
  ExpectSameAsHasError(r);
}

}  // namespace
}  // namespace tairlint::detail
