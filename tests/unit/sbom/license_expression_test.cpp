#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "corpus.h"
#include "sbom/license/expression.h"
#include "sbom/license/license_list.h"

namespace craft::sbom {
namespace {

using nlohmann::json;
using testing::ReadCorpus;
using testing::ReadFile;

std::size_t Count(const LicenseExpression& e, LicenseIssue::Severity s) {
  std::size_t n = 0;
  for (const auto& i : e.issues) n += i.severity == s ? 1 : 0;
  return n;
}

std::string Issues(const LicenseExpression& e) {
  std::string out;
  for (const auto& i : e.issues) out += std::to_string(i.position) + ": " + i.message + "\n";
  return out;
}

// Collects the string values of `keys` anywhere in a JSON document.
void Collect(const json& j, const std::vector<std::string>& keys, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (std::find(keys.begin(), keys.end(), k) != keys.end() && v.is_string()) {
        out.push_back(v.get<std::string>());
      }
      Collect(v, keys, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) Collect(v, keys, out);
  }
}

// The generated table holds every id of the npm packages it was built from, deprecated ones
// flagged (third_party/npm/node_modules/spdx-license-ids/{index,deprecated}.json).
TEST(SpdxLicenseList, HoldsEveryIdOfTheNpmPackages) {
  const std::string modules = CRAFT_NPM_MODULES;
  auto ids = json::parse(ReadFile(modules + "/spdx-license-ids/index.json"));
  auto deprecated = json::parse(ReadFile(modules + "/spdx-license-ids/deprecated.json"));
  auto exceptions = json::parse(ReadFile(modules + "/spdx-exceptions/index.json"));
  ASSERT_GT(ids.size(), 500u);
  for (const auto& id : ids) {
    const SpdxListEntry* e = FindSpdxLicense(id.get<std::string>());
    ASSERT_NE(e, nullptr) << id;
    EXPECT_FALSE(e->deprecated) << id;
  }
  for (const auto& id : deprecated) {
    const SpdxListEntry* e = FindSpdxLicense(id.get<std::string>());
    ASSERT_NE(e, nullptr) << id;
    EXPECT_TRUE(e->deprecated) << id;
  }
  for (const auto& id : exceptions) EXPECT_NE(FindSpdxException(id.get<std::string>()), nullptr);
  EXPECT_EQ(license_data::kLicenseCount, ids.size() + deprecated.size());
  // SPDX 2.3 D.2: ids match case-insensitively; the canonical spelling is returned.
  ASSERT_NE(FindSpdxLicense("apache-2.0"), nullptr);
  EXPECT_EQ(FindSpdxLicense("apache-2.0")->id, "Apache-2.0");
  EXPECT_EQ(FindSpdxLicense("Not-A-Licence-1.0"), nullptr);
}

// Every expression of the CycloneDX specification's valid-license-expression-1.{4,5,6,7}.json is a
// valid SPDX expression; their GPL-2.0 is deprecated on the SPDX list and flagged as such.
TEST(LicenseExpression, AcceptsTheCycloneDxSpecExpressions) {
  int deprecated_seen = 0;
  for (std::string v : {"1.4", "1.5", "1.6", "1.7"}) {
    auto doc = json::parse(ReadCorpus("cyclonedx-spec/tools/src/test/resources/" + v +
                                      "/valid-license-expression-" + v + ".json"));
    std::vector<std::string> expressions;
    Collect(doc, {"expression"}, expressions);
    ASSERT_FALSE(expressions.empty()) << v;
    for (const auto& text : expressions) {
      auto e = ParseLicenseExpression(text);
      EXPECT_TRUE(e.Valid()) << text << "\n" << Issues(e);
      for (const auto& t : e.terms) deprecated_seen += t.deprecated ? 1 : 0;
      // Normalising is idempotent.
      EXPECT_EQ(ParseLicenseExpression(e.normalized).normalized, e.normalized) << text;
    }
  }
  EXPECT_GT(deprecated_seen, 0);
}

// The official SPDX 2.3 example's licenseConcluded / licenseDeclared / licenseInfoInFiles values
// (spdx-spec support-2.3.1 SPDXJSONExample-v2.3.spdx.json) are valid, NONE/NOASSERTION aside.
TEST(LicenseExpression, AcceptsTheSpdx23ExampleLicences) {
  auto doc =
      json::parse(ReadCorpus("spdx-spec/support-2.3.1/examples/SPDXJSONExample-v2.3.spdx.json"));
  std::vector<std::string> values;
  Collect(doc, {"licenseConcluded", "licenseDeclared"}, values);
  ASSERT_FALSE(values.empty());
  int checked = 0;
  for (const auto& text : values) {
    if (text == "NOASSERTION" || text == "NONE") continue;
    auto e = ParseLicenseExpression(text);
    EXPECT_TRUE(e.Valid()) << text << "\n" << Issues(e);
    EXPECT_EQ(Count(e, LicenseIssue::Severity::kWarning), 0u) << text;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

// sbomqs's spdx-invalid-licenses.json fixture: "MyCustomLicense" is not an SPDX id (an error at
// its offset), "GPL-1.0" and "AGPL-3.0" are deprecated ids (warnings, still valid).
TEST(LicenseExpression, FlagsUnknownAndDeprecatedIdsOfSbomqsFixture) {
  auto doc = json::parse(ReadCorpus("sbomqs/testdata/fixtures/spdx-invalid-licenses.json"));
  ASSERT_EQ(doc["packages"].size(), 3u);
  auto unknown = ParseLicenseExpression(doc["packages"][0]["licenseConcluded"].get<std::string>());
  EXPECT_FALSE(unknown.Valid());
  ASSERT_EQ(Count(unknown, LicenseIssue::Severity::kError), 1u);
  EXPECT_EQ(unknown.issues[0].position, 0u);
  EXPECT_NE(unknown.issues[0].message.find("MyCustomLicense"), std::string::npos);
  for (int i : {1, 2}) {
    auto e = ParseLicenseExpression(doc["packages"][i]["licenseConcluded"].get<std::string>());
    EXPECT_TRUE(e.Valid()) << Issues(e);
    ASSERT_EQ(e.terms.size(), 1u);
    EXPECT_TRUE(e.terms[0].deprecated);
    EXPECT_EQ(Count(e, LicenseIssue::Severity::kWarning), 1u);
  }
}

// SPDX 2.3 Annex D: '+' binds tightest, then WITH, then AND, then OR; parentheses group.
TEST(LicenseExpression, FollowsTheAnnexDPrecedence) {
  auto e =
      ParseLicenseExpression("MIT OR Apache-2.0 AND GPL-2.0-or-later WITH Classpath-exception-2.0");
  ASSERT_TRUE(e.Valid()) << Issues(e);
  ASSERT_EQ(e.root->kind, LicenseNode::Kind::kOr);
  ASSERT_EQ(e.root->children.size(), 2u);
  EXPECT_EQ(e.root->children[1]->kind, LicenseNode::Kind::kAnd);
  EXPECT_EQ(e.terms[2].exception, "Classpath-exception-2.0");
  auto grouped = ParseLicenseExpression("(MIT OR Apache-2.0) AND LicenseRef-Custom-1.0");
  ASSERT_TRUE(grouped.Valid()) << Issues(grouped);
  EXPECT_EQ(grouped.root->kind, LicenseNode::Kind::kAnd);
  EXPECT_EQ(grouped.normalized, "(MIT OR Apache-2.0) AND LicenseRef-Custom-1.0");
  auto later =
      ParseLicenseExpression("LGPL-2.1+ AND DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2");
  ASSERT_TRUE(later.Valid()) << Issues(later);
  EXPECT_TRUE(later.terms[0].or_later);
  EXPECT_TRUE(later.terms[1].is_reference);
}

// SPDX 2.3 D.2: operators are all uppercase or all lowercase; ids match case-insensitively.
TEST(LicenseExpression, OperatorCaseAndIdCase) {
  auto lower =
      ParseLicenseExpression("mit or apache-2.0 and gpl-2.0-only with classpath-exception-2.0");
  ASSERT_TRUE(lower.Valid()) << Issues(lower);
  EXPECT_EQ(lower.normalized, "MIT OR Apache-2.0 AND GPL-2.0-only WITH Classpath-exception-2.0");
  auto mixed = ParseLicenseExpression("MIT And Apache-2.0");
  EXPECT_FALSE(mixed.Valid());
  ASSERT_FALSE(mixed.issues.empty());
  EXPECT_EQ(mixed.issues[0].position, 4u);
}

// Errors name the offending offset: unbalanced parentheses, a dangling operator, a character
// outside the grammar, an exception used as a licence, a licence used as an exception.
TEST(LicenseExpression, ErrorsCarryPositions) {
  struct Case {
    const char* text;
    std::size_t position;
  };
  for (const Case& c :
       {Case{"(MIT OR Apache-2.0", 18}, Case{"MIT OR", 6}, Case{"MIT / Apache-2.0", 4},
        Case{"Classpath-exception-2.0", 0}, Case{"MIT WITH Apache-2.0", 9}, Case{"MIT)", 3},
        Case{"", 0}, Case{"LicenseRef-a+", 0}}) {
    auto e = ParseLicenseExpression(c.text);
    EXPECT_FALSE(e.Valid()) << c.text;
    ASSERT_FALSE(e.issues.empty()) << c.text;
    EXPECT_EQ(e.issues[0].position, c.position) << c.text << ": " << e.issues[0].message;
  }
}

// Untrusted input: parentheses nested past the limit are refused, not recursed into.
TEST(LicenseExpression, RefusesNestingBeyondTheLimit) {
  std::string deep(100000, '(');
  deep += "MIT";
  deep += std::string(100000, ')');
  auto e = ParseLicenseExpression(deep);
  EXPECT_FALSE(e.Valid());
  ASSERT_FALSE(e.issues.empty());
  EXPECT_EQ(e.issues[0].position, 64u);
}

}  // namespace
}  // namespace craft::sbom
