// The simdjson reader of stored advisory records against the nlohmann one it replaced on the hot
// path (AdvisoryFromJson, the reference): the same Advisory for every record, the same verdict on
// every damaged or mistyped text.
#include "store/advisory_json_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/advisory_json.h"
#include "store/advisory_record.h"
#include "vuln/import/nvd.h"
#include "vuln/import/osv.h"

namespace craft::store {
namespace {

using namespace vuln::advisory;
namespace fs = std::filesystem;

// What a decoder made of a text, comparable: AdvisoryToJson writes every field of the model.
std::optional<std::string> Old(std::string_view text) {
  auto a = AdvisoryFromJson(text);
  return a ? std::optional<std::string>(AdvisoryToJson(*a)) : std::nullopt;
}

std::optional<std::string> New(std::string_view text) {
  auto a = ReadAdvisoryJson(text);
  return a ? std::optional<std::string>(AdvisoryToJson(*a)) : std::nullopt;
}

std::string Describe(const std::optional<std::string>& decoded) {
  return decoded ? *decoded : "(refused)";
}

#define EXPECT_SAME_DECODING(text, context)                                       \
  do {                                                                            \
    const std::optional<std::string> old_ = Old(text), new_ = New(text);          \
    EXPECT_EQ(old_.has_value(), new_.has_value()) << (context) << "\n" << (text); \
    EXPECT_EQ(Describe(old_), Describe(new_)) << (context);                       \
  } while (false)

// Every range type, every event kind, withdrawn, aliases, NVD configurations.
Advisory AllKinds() {
  Advisory a;
  a.source = Source::kNvd;
  a.id = "CVE-2099-0009";
  a.aliases = {"GHSA-aaaa-bbbb-cccc", "PYSEC-2099-9"};
  a.related = {"CVE-2099-0010"};
  a.upstream = {"CVE-2099-0011"};
  a.withdrawn = "2024-05-01T00:00:00Z";
  a.summary = "nul";
  a.summary += std::string(1, '\0') + " \"quoted\" \\ Zürich \xF0\x9F\x94\x92";
  a.severity.push_back({SeverityType::kCvssV2, "AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, "nvd", true});
  a.severity.push_back({SeverityType::kUbuntu, "medium", std::nullopt, "", false});
  a.references.push_back({"", "https://nvd.example/2", {"Patch"}});
  Affected affected;
  affected.package = {"npm", "Left_Pad", "left_pad", "pkg:npm/left_pad"};
  affected.ranges.push_back({AffectedRange::Type::kSemver,
                             "",
                             {{RangeEvent::Kind::kIntroduced, "0"},
                              {RangeEvent::Kind::kFixed, "1.2.3"},
                              {RangeEvent::Kind::kIntroduced, "2.0.0"},
                              {RangeEvent::Kind::kLastAffected, "2.1.0"}}});
  affected.ranges.push_back(
      {AffectedRange::Type::kEcosystem, "", {{RangeEvent::Kind::kIntroduced, "1"}}});
  affected.ranges.push_back(
      {AffectedRange::Type::kGit,
       "https://example.org/r.git",
       {{RangeEvent::Kind::kIntroduced, "abc"}, {RangeEvent::Kind::kLimit, "*"}}});
  affected.versions = {"1.0.0", "1.1.0"};
  affected.severity.push_back({SeverityType::kCvssV4, "CVSS:4.0/AV:N", 10.0, "", false});
  a.affected.push_back(affected);
  a.configurations.push_back(
      {CpeOperator::kAnd,
       false,
       {{CpeOperator::kOr,
         true,
         {{"cpe:2.3:a:acme:pad:*:*:*:*:*:*:*:*", true, "1", "", "", "2", ""}}},
        {CpeOperator::kOr,
         false,
         {{"cpe:2.3:o:acme:os:-:*:*:*:*:*:*:*", false, "", "", "", "", ""}}}}});
  a.nvd_vuln_status = "Rejected";
  return a;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The advisories the importers make of the shared corpora's OSV records and NVD pages.
std::vector<Advisory> CorpusAdvisories() {
  std::vector<Advisory> out;
  for (const char* folder : {"/vuln/osv", "/vuln/nvd"}) {
    const bool nvd = std::string_view(folder) == "/vuln/nvd";
    for (const auto& entry :
         fs::recursive_directory_iterator(std::string(CRAFT_CORPORA) + folder)) {
      if (entry.path().extension() != ".json") continue;
      const std::string text = ReadFile(entry.path());
      if (nvd) {
        auto page = vuln::import::ParseNvdPage(text);
        if (page.page) {
          for (auto& a : page.page->vulnerabilities) out.push_back(std::move(a));
        }
      } else {
        vuln::import::OsvParseOptions lenient;
        lenient.conformance = vuln::import::OsvParseOptions::Conformance::kLenient;
        auto record = vuln::import::ParseOsvRecord(text, lenient);
        if (record.advisory) out.push_back(std::move(*record.advisory));
      }
    }
  }
  return out;
}

TEST(AdvisoryJsonReader, ReadsEveryCorpusRecordAsTheReferenceDoes) {
  std::vector<Advisory> advisories = CorpusAdvisories();
  std::size_t withdrawn = 0, configured = 0;
  for (const Advisory& a : advisories) {
    withdrawn += a.IsWithdrawn();
    configured += !a.configurations.empty();
  }
  // The corpora hold OSV and NVD records, withdrawn ones and CPE configurations among them.
  ASSERT_GT(advisories.size(), 100u);
  EXPECT_GT(withdrawn, 0u);
  EXPECT_GT(configured, 10u);
  advisories.push_back(AllKinds());
  advisories.push_back(Advisory{});
  for (const Advisory& a : advisories) {
    const std::string text = AdvisoryToJson(a);
    const auto read = ReadAdvisoryJson(text);
    ASSERT_TRUE(read) << text;
    EXPECT_EQ(AdvisoryToJson(*read), text);
    EXPECT_SAME_DECODING(text, a.id);
    // Stored (compressed) and read back through the store's decoder.
    const auto stored = DecodeAdvisoryRecord(EncodeAdvisoryRecord(a));
    ASSERT_TRUE(stored);
    EXPECT_EQ(AdvisoryToJson(*stored), text);
  }
}

TEST(AdvisoryJsonReader, FieldsComeBackExactly) {
  const Advisory a = AllKinds();
  const auto back = ReadAdvisoryJson(AdvisoryToJson(a));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->summary, a.summary);
  EXPECT_EQ(back->summary.size(), a.summary.size()) << "the NULs are kept";
  EXPECT_EQ(back->withdrawn, a.withdrawn);
  EXPECT_EQ(back->aliases, a.aliases);
  ASSERT_EQ(back->affected.size(), 1u);
  ASSERT_EQ(back->affected[0].ranges.size(), 3u);
  EXPECT_EQ(back->affected[0].ranges[0].type, AffectedRange::Type::kSemver);
  EXPECT_EQ(back->affected[0].ranges[1].type, AffectedRange::Type::kEcosystem);
  EXPECT_EQ(back->affected[0].ranges[2].type, AffectedRange::Type::kGit);
  EXPECT_EQ(back->affected[0].ranges[2].repo, "https://example.org/r.git");
  EXPECT_EQ(back->affected[0].ranges[0].events[3].kind, RangeEvent::Kind::kLastAffected);
  EXPECT_EQ(back->affected[0].ranges[2].events[1].kind, RangeEvent::Kind::kLimit);
  EXPECT_EQ(*back->severity[0].stated_base_score, 7.5);
  EXPECT_FALSE(back->severity[1].stated_base_score);
  EXPECT_TRUE(back->severity[0].primary);
  EXPECT_EQ(back->configurations[0].op, CpeOperator::kAnd);
  EXPECT_TRUE(back->configurations[0].nodes[0].negate);
  EXPECT_EQ(back->configurations[0].nodes[0].cpe_match[0].version_end_excluding, "2");
  EXPECT_EQ(back->source, Source::kNvd);
}

// The raw corpus files are not records of the store's format, yet both readers must take or
// refuse each one alike and make the same of it.
TEST(AdvisoryJsonReader, AgreesWithTheReferenceOnForeignJson) {
  std::size_t files = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(std::string(CRAFT_CORPORA) + "/vuln/osv")) {
    if (entry.path().extension() != ".json") continue;
    const std::string text = ReadFile(entry.path());
    EXPECT_SAME_DECODING(text, entry.path().string());
    ++files;
  }
  EXPECT_GT(files, 50u);
}

// Every value of a record replaced by a value of each JSON type: both readers accept or refuse the
// result alike (a type nlohmann's get<> refuses is refused), and agree on what they accept.
void MutateEverywhere(const nlohmann::json& root, const nlohmann::json& at,
                      const nlohmann::json::json_pointer& pointer, std::size_t& cases) {
  static const nlohmann::json kValues[] = {nullptr,
                                           true,
                                           1,
                                           2.5,
                                           "x",
                                           nlohmann::json::array(),
                                           nlohmann::json::object(),
                                           nlohmann::json::array({"x"}),
                                           nlohmann::json::array({nlohmann::json::object()})};
  for (const nlohmann::json& value : kValues) {
    nlohmann::json mutated = root;
    mutated[pointer] = value;
    const std::string text = mutated.dump();
    EXPECT_SAME_DECODING(text, pointer.to_string() + " = " + value.dump());
    ++cases;
  }
  if (at.is_object()) {
    for (const auto& [key, child] : at.items()) MutateEverywhere(root, child, pointer / key, cases);
    for (const auto& [key, child] : at.items()) {  // and each field left out
      nlohmann::json removed = root;
      removed[pointer].erase(key);
      EXPECT_SAME_DECODING(removed.dump(), "without " + (pointer / key).to_string());
    }
  } else if (at.is_array()) {
    for (std::size_t i = 0; i < at.size(); ++i) MutateEverywhere(root, at[i], pointer / i, cases);
  }
}

TEST(AdvisoryJsonReader, AgreesWithTheReferenceOnEveryMistypedField) {
  const nlohmann::json root = nlohmann::json::parse(AdvisoryToJson(AllKinds()));
  std::size_t cases = 0;
  for (const auto& [key, child] : root.items()) {
    MutateEverywhere(root, child, nlohmann::json::json_pointer("/" + key), cases);
  }
  EXPECT_GT(cases, 500u);
}

TEST(AdvisoryJsonReader, DamagedTextIsRefusedAsTheReferenceRefusesIt) {
  const std::string text = AdvisoryToJson(AllKinds());
  for (std::size_t size = 0; size < text.size(); ++size) {
    EXPECT_FALSE(ReadAdvisoryJson(text.substr(0, size))) << size;
  }
  for (const std::string bad :
       {"", "[]", "\"x\"", "{}", "{\"id\": 1}", "{\"id\": \"A\"} trailing", "{\"id\": \"\xFF\"}",
        "{\"id\": \"A\", \"affected\": [{\"package\": {}}]}",
        "{\"id\": \"A\", \"affected\": [{\"ranges\": []}]}"}) {
    EXPECT_FALSE(ReadAdvisoryJson(bad)) << bad;
    EXPECT_FALSE(AdvisoryFromJson(bad)) << bad;
  }
  EXPECT_TRUE(ReadAdvisoryJson("{\"id\": \"A\"}"));
  EXPECT_SAME_DECODING(std::string("{\"id\": \"A\"}"), "the least record");
}

}  // namespace
}  // namespace craft::store
