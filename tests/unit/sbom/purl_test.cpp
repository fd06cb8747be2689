#include "sbom/purl.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "corpus.h"
#include "sbom/purl_types.h"

namespace craft::sbom {
namespace {

using nlohmann::json;
using testing::Corpus;
using testing::CorpusFiles;
using testing::ReadCorpus;
using testing::ReadFile;

std::string Str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string{};
}

std::optional<std::string> OptStr(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<std::string>();
}

PurlComponents ComponentsOf(const json& j) {
  PurlComponents c{OptStr(j, "type"),    OptStr(j, "namespace"), OptStr(j, "name"),
                   OptStr(j, "version"), std::nullopt,           OptStr(j, "subpath")};
  if (j.contains("qualifiers") && j["qualifiers"].is_object()) {
    c.qualifiers.emplace();
    for (const auto& [k, v] : j["qualifiers"].items()) (*c.qualifiers)[k] = v.get<std::string>();
  }
  return c;
}

// Checks one purl-spec test vector; returns the number of vectors run (1).
int RunVector(const json& t, const std::string& where) {
  const std::string type = t["test_type"];
  const bool failure = t.value("expected_failure", false);
  const std::string context = where + ": " + Str(t, "description") + " / " + t["input"].dump();
  if (type == "parse") {
    auto r = ParsePurl(t["input"].get<std::string>());
    EXPECT_EQ(!r, failure) << context << " error=" << r.error;
    if (!r || failure) return 1;
    const json& want = t["expected_output"];
    EXPECT_EQ(r.purl->type, Str(want, "type")) << context;
    EXPECT_EQ(r.purl->namespace_, Str(want, "namespace")) << context;
    EXPECT_EQ(r.purl->name, Str(want, "name")) << context;
    EXPECT_EQ(r.purl->version, Str(want, "version")) << context;
    EXPECT_EQ(r.purl->subpath, Str(want, "subpath")) << context;
    std::map<std::string, std::string> q;
    if (want["qualifiers"].is_object()) {
      for (const auto& [k, v] : want["qualifiers"].items()) q[k] = v.get<std::string>();
    }
    EXPECT_EQ(r.purl->qualifiers, q) << context;
  } else if (type == "build") {
    auto r = BuildPurl(ComponentsOf(t["input"]));
    EXPECT_EQ(!r, failure) << context << " error=" << r.error;
    if (r && !failure) {
      EXPECT_EQ(r.purl->ToString(), t["expected_output"].get<std::string>()) << context;
    }
  } else if (type == "validate") {
    auto canonical = CanonicalPurl(t["input"].get<std::string>());
    EXPECT_EQ(!canonical, failure) << context;
    if (canonical && !failure) {
      const std::string want = t["expected_output"];
      EXPECT_EQ(*canonical, want) << context;
      // Round trip: the canonical form reads back to itself.
      auto again = ParsePurl(want);
      EXPECT_TRUE(again && again.purl->ToString() == want) << context << " error=" << again.error;
    }
  } else {
    ADD_FAILURE() << context << ": unknown test_type " << type;
  }
  return 1;
}

int RunFile(const std::filesystem::path& path) {
  json doc = json::parse(ReadFile(path), nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << path;
  if (doc.is_discarded()) return 0;
  int n = 0;
  for (const auto& t : doc["tests"]) n += RunVector(t, path.filename().string());
  return n;
}

// Every vector of the official purl-spec test suite (tests/spec/specification-test.json):
// parse, build, validate (canonical form and round trip) and expected failures.
TEST(PackageUrl, PassesSpecificationTestVectors) {
  ASSERT_FALSE(ReadCorpus("purl-spec/tests/spec/specification-test.json").empty());
  int n = RunFile(Corpus("purl-spec/tests/spec/specification-test.json"));
  EXPECT_GT(n, 0);
  std::cout << "[purl] specification-test.json: " << n << " vectors\n";
}

// Every vector of the per-type suites purl-spec/tests/types/<type>-test.json.
TEST(PackageUrl, PassesEveryTypeTestVector) {
  int n = 0;
  auto files = CorpusFiles("purl-spec/tests/types", "", "-test.json");
  for (const auto& f : files) n += RunFile(f);
  EXPECT_GT(n, 0);
  std::cout << "[purl] tests/types: " << files.size() << " files, " << n << " vectors\n";
}

// The rule table transcribes purl-spec types/<type>-definition.json: one rule per definition, same
// namespace requirement, case sensitivity and qualifier keys.
TEST(PackageUrl, TypeRulesMatchTheTypeDefinitions) {
  auto files = CorpusFiles("purl-spec/types", "", "-definition.json");
  EXPECT_EQ(files.size(), PurlTypeRules().size());
  for (const auto& f : files) {
    json d = json::parse(ReadFile(f));
    const std::string type = d["type"];
    const PurlTypeRule* rule = FindPurlTypeRule(type);
    ASSERT_NE(rule, nullptr) << type;
    auto requirement = d["namespace_definition"].value("requirement", "optional");
    auto want = requirement == "required"     ? PurlRequirement::kRequired
                : requirement == "prohibited" ? PurlRequirement::kProhibited
                                              : PurlRequirement::kOptional;
    EXPECT_EQ(rule->namespace_requirement, want) << type;
    auto insensitive = [&d](const char* key) {
      return d.contains(key) && d[key].value("case_sensitive", true) == false;
    };
    EXPECT_EQ(rule->namespace_case_insensitive, insensitive("namespace_definition")) << type;
    EXPECT_EQ(rule->name_case_insensitive, insensitive("name_definition")) << type;
    EXPECT_EQ(rule->version_case_insensitive, insensitive("version_definition")) << type;
    std::string keys, required;
    for (const auto& q : d.value("qualifiers_definition", json::array())) {
      keys += (keys.empty() ? "" : " ") + q["key"].get<std::string>();
      if (q.value("requirement", "") == "required") {
        required += (required.empty() ? "" : " ") + q["key"].get<std::string>();
      }
    }
    EXPECT_EQ(rule->qualifier_keys, keys) << type;
    EXPECT_EQ(rule->required_qualifier_keys, required) << type;
  }
}

// A failure names the place: the invalid key of specification-test.json's "checks for invalid
// qualifier keys" vector starts at byte 26.
TEST(PackageUrl, ErrorsSayWhereAndWhy) {
  auto r = ParsePurl("pkg:npm/myartifact@1.0.0?in%20production=true");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.position, std::string("pkg:npm/myartifact@1.0.0?").size());
  EXPECT_NE(r.error.find("in%20production"), std::string::npos) << r.error;
  auto bad_escape = ParsePurl("pkg:npm/foo@1.0%G1");
  ASSERT_FALSE(bad_escape);
  EXPECT_EQ(bad_escape.position, std::string("pkg:npm/foo@1.0").size());
  auto no_scheme = ParsePurl("npm/foo@1.0");
  ASSERT_FALSE(no_scheme);
  EXPECT_NE(no_scheme.error.find("pkg:"), std::string::npos);
}

}  // namespace
}  // namespace craft::sbom
