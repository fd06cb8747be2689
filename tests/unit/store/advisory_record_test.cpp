// How the advisory database keeps a record: AdvisoryToJson's text (written directly, the same
// bytes nlohmann's dump of the record gives), compressed with zstd; rows of the earlier format
// (the plain text) are still read.
#include "store/advisory_record.h"

#include <nlohmann/json.hpp>

#include "store/advisory_json.h"
#include "store_test_support.h"

namespace craft::store::testing {
namespace {

using namespace vuln::advisory;

// Every field set, strings that need every kind of escape, non-ASCII text and a CPE tree.
Advisory EveryField() {
  Advisory a;
  a.source = Source::kNvd;
  a.id = "CVE-2099-0001";
  a.schema_version = "1.7.5";
  a.aliases = {"GHSA-xxxx-yyyy-zzzz", "PYSEC-2099-1"};
  a.related = {"CVE-2099-0002"};
  a.upstream = {"CVE-2099-0003"};
  a.modified = "2024-02-01T00:00:00Z";
  a.published = "2024-01-01T00:00:00Z";
  a.summary = "quote \" backslash \\ slash / tab \t newline \n cr \r bs \b ff \f nul";
  a.summary += std::string(1, '\0') + "\x01\x1f\x7f end";
  a.details = "Zürich – 東京 – emoji \xF0\x9F\x94\x92 – replaced: \xC3\x28 \xFF";
  a.severity.push_back(
      {SeverityType::kCvssV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "nvd", true});
  a.severity.push_back({SeverityType::kUbuntu, "medium", std::nullopt, "", false});
  a.cwe_ids = {"CWE-79"};
  a.database_specific_severity = "HIGH";
  a.references.push_back({"WEB", "https://example.org/a", {}});
  a.references.push_back({"", "https://nvd.example/2", {"Patch", "Vendor Advisory"}});
  Affected affected;
  affected.package = {"PyPI", "Left_Pad", "left-pad", "pkg:pypi/left-pad"};
  affected.ranges.push_back({AffectedRange::Type::kGit,
                             "https://example.org/repo.git",
                             {{RangeEvent::Kind::kIntroduced, "0"},
                              {RangeEvent::Kind::kFixed, "abc"},
                              {RangeEvent::Kind::kLastAffected, "def"},
                              {RangeEvent::Kind::kLimit, "*"}}});
  affected.versions = {"1.0", "1.1"};
  affected.severity.push_back({SeverityType::kCvssV4, "CVSS:4.0/AV:N", 10.0, "", false});
  affected.database_specific_severity = "LOW";
  affected.ecosystem_specific_severity = "MEDIUM";
  a.affected.push_back(affected);
  a.affected.push_back({});
  a.configurations.push_back(
      {CpeOperator::kAnd,
       true,
       {{CpeOperator::kOr,
         false,
         {{"cpe:2.3:a:acme:pad:*:*:*:*:*:*:*:*", true, "1.0", "", "", "2.0", "id-1"},
          {"cpe:2.3:o:acme:os:-:*:*:*:*:*:*:*", false, "", "1", "2", "", ""}}}}});
  a.nvd_vuln_status = "Analyzed";
  return a;
}

TEST(AdvisoryRecord, TextIsWhatNlohmannWritesForTheSameRecord) {
  for (const Advisory& a : {EveryField(), Advisory{}}) {
    const std::string text = AdvisoryToJson(a);
    // nlohmann's own output is canonical: sorted keys, no spaces, its escapes.
    EXPECT_EQ(nlohmann::json::parse(text).dump(-1, ' ', false), text);
  }
  const std::string text = AdvisoryToJson(EveryField());
  EXPECT_NE(text.find("\"summary\":\"quote \\\" backslash \\\\ slash / tab \\t newline \\n cr "
                      "\\r bs \\b ff \\f nul\\u0000\\u0001\\u001f\x7f end\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Zürich – 東京 – emoji \xF0\x9F\x94\x92 – replaced: \xEF\xBF\xBD("),
            std::string::npos)
      << "invalid UTF-8 replaced by U+FFFD, as before: " << text;
  EXPECT_NE(text.find("\"stated_base_score\":9.8"), std::string::npos);
  EXPECT_NE(text.find("\"stated_base_score\":10.0"), std::string::npos);
}

TEST(AdvisoryRecord, EscapesAreFoundAtEveryOffset) {
  // Strings are scanned eight bytes at a time: put each kind of byte at each offset of a word.
  for (const std::string special : {"\"", "\\", "\n", "\x1f", "\xC3\xA9", "\xFF"}) {
    for (std::size_t at = 0; at < 20; ++at) {
      Advisory a;
      a.summary = std::string(at, 'a') + special + std::string(19 - at, 'b');
      const std::string text = AdvisoryToJson(a);
      EXPECT_EQ(nlohmann::json::parse(text).dump(-1, ' ', false), text) << at;
      const std::string expected =
          nlohmann::json(a.summary).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      EXPECT_NE(text.find("\"summary\":" + expected + ","), std::string::npos) << at << text;
      if (special != "\xFF") {
        EXPECT_EQ(nlohmann::json::parse(text)["summary"], a.summary) << at;
      }
    }
  }
}

TEST(AdvisoryRecord, RoundTripsExactly) {
  const Advisory a = EveryField();
  const std::string stored = EncodeAdvisoryRecord(a);
  EXPECT_NE(stored.front(), '{');
  EXPECT_LT(stored.size(), AdvisoryToJson(a).size());
  const auto back = DecodeAdvisoryRecord(stored);
  ASSERT_TRUE(back);
  EXPECT_EQ(AdvisoryToJson(*back), AdvisoryToJson(a));
  EXPECT_EQ(back->summary, a.summary);
  EXPECT_EQ(back->configurations[0].nodes[0].cpe_match[1].version_start_excluding, "1");
  EXPECT_EQ(back->affected[0].ranges[0].events[3].kind, RangeEvent::Kind::kLimit);
  EXPECT_EQ(*back->affected[0].severity[0].stated_base_score, 10.0);
  // The earlier format, plain text, reads the same.
  const auto old = DecodeAdvisoryRecord(AdvisoryToJson(a));
  ASSERT_TRUE(old);
  EXPECT_EQ(AdvisoryToJson(*old), AdvisoryToJson(a));
}

TEST(AdvisoryRecord, DamagedBytesAreRefusedNotThrown) {
  std::string stored = EncodeAdvisoryRecord(EveryField());
  EXPECT_FALSE(DecodeAdvisoryRecord(stored.substr(0, stored.size() / 2)));
  EXPECT_FALSE(DecodeAdvisoryRecord("\x28\xB5\x2F\xFD garbage"));
  EXPECT_FALSE(DecodeAdvisoryRecord("not a record"));
  EXPECT_FALSE(DecodeAdvisoryRecord("{\"not\": \"a record\"}"));
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string hex;
  for (const char c : bytes) {
    hex += kDigits[static_cast<unsigned char>(c) >> 4];
    hex += kDigits[static_cast<unsigned char>(c) & 15];
  }
  return hex;
}

// A database whose rows were written before records were compressed: read as they are, and
// replaced by a later import in the new format.
TEST_F(StoreTest, AdvisoryRowsOfTheEarlierPlainTextFormatAreStillRead) {
  Advisory a = EveryField();
  a.source = Source::kOsv;
  a.id = "GHSA-old";
  {
    RawDb raw(db_path());
    ASSERT_EQ(raw.Exec("INSERT INTO advisories (source, id, modified, record, imported_at) "
                       "VALUES ('osv', 'GHSA-old', '2024-02-01T00:00:00Z', CAST(X'" +
                       Hex(AdvisoryToJson(a)) +
                       "' AS TEXT), 0); INSERT INTO advisory_packages VALUES ('PyPI', "
                       "'left-pad', 'osv', 'GHSA-old')"),
              "");
    EXPECT_EQ(raw.Scalar("SELECT typeof(record) FROM advisories"), "text");
  }
  auto found = store_->CandidateAdvisories({{"PyPI", "left-pad"}}, {});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(AdvisoryToJson(found[0]), AdvisoryToJson(a));
  ASSERT_EQ(store_->AdvisoriesNamed("PYSEC-2099-1").size(), 0u) << "no alias rows were written";
  ASSERT_EQ(store_->AdvisoriesNamed("GHSA-old").size(), 1u);

  a.modified = "2024-03-01T00:00:00Z";
  EXPECT_EQ(store_->UpsertAdvisories({a}), std::vector<AdvisoryChange>{AdvisoryChange::kUpdated});
  RawDb raw(db_path());
  EXPECT_EQ(raw.Scalar("SELECT typeof(record) FROM advisories"), "blob");
  found = store_->CandidateAdvisories({{"PyPI", "left-pad"}}, {});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(AdvisoryToJson(found[0]), AdvisoryToJson(a));
  EXPECT_EQ(store_->AdvisoriesNamed("PYSEC-2099-1").size(), 1u);
}

}  // namespace
}  // namespace craft::store::testing
