// Reading OSV records: every shared OSV sample is accepted, or rejected with the diagnostic the
// OSV schema (validation/schema.json) or the OSV linter (tools/osv-linter) gives for it.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "vuln/import/osv.h"

namespace craft::vuln::import {
namespace {

namespace fs = std::filesystem;
using advisory::ImportDiagnostic;

std::string ReadCorpus(const std::string& relative) {
  std::ifstream in(fs::path(CRAFT_CORPORA) / relative, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "corpus file missing: " << relative;
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const ImportDiagnostic* FindError(const OsvRecordResult& r, std::string_view location,
                                  std::string_view text) {
  for (const auto& d : r.diagnostics) {
    if (d.severity == ImportDiagnostic::Severity::kError && d.location == location &&
        d.message.find(text) != std::string::npos) {
      return &d;
    }
  }
  return nullptr;
}

struct Sample {
  std::string path;  // under vuln/osv/
  bool accepted;
  std::string pointer = {};  // for a rejected sample: where the deciding error points
  std::string message = {};  // and what it says
};

constexpr const char* kLinter = "osv-schema/tools/osv-linter/testdata/";
constexpr const char* kDt = "records/dependency-track/vuln-data-source/osv/src/test/resources/";
constexpr const char* kSite = "osv.dev/gcp/website/testdata/osv/";

// Each shared OSV JSON record with the outcome the OSV schema and linter give it (checked with the
// schema's own validator run over the files: the linter rejects RHSA-2022_0216 and
// SUSE-FU-2022_0444-1 (REC:001, record_test.go), nointroduced-* (R0001, ranges_test.go) and
// nondistinct-* (R0002, osv-linter README); the schema rejects what is missing `modified`, has an
// id prefix or ecosystem outside its lists, or a severity entry without type and score).
// nopackage-GHSA-9v2f and MAL-2024-10238 fail only the linter's registry checks (P0001, P0002),
// which need the network: craft cannot judge them offline and accepts them.
std::vector<Sample> Samples() {
  auto at = [](std::string_view folder, std::string_view file) {
    return std::string(folder) + std::string(file);
  };
  std::vector<Sample> s = {
      {at(kLinter, "CVE-2018-5407.json"), true},
      {at(kLinter, "CVE-2023-41045.json"), true},
      {at(kLinter, "GHSA-9v2f-6vcg-3hgv.json"), true},
      {at(kLinter, "GO-2020-0001.json"), true},
      {at(kLinter, "GO-2024-2963.json"), true},
      {at(kLinter, "MAL-2024-10238.json"), true},
      {at(kLinter, "PYSEC-2023-74.json"), true},
      {at(kLinter, "nopackage-GHSA-9v2f-6vcg-3hgv.json"), true},
      {at(kLinter, "RHSA-2022_0216.json"), false, "/affected", "REC:001"},
      {at(kLinter, "SUSE-FU-2022_0444-1.json"), false, "/affected", "REC:001"},
      {at(kLinter, "nointroduced-CVE-2023-41045.json"), false, "/affected/0/ranges/0/events",
       "introduced"},
      {at(kLinter, "nondistinct-CVE-2018-5407.json"), false, "/affected/6/ranges/1/events",
       "R0002"},
      {"osv-schema/tools/redhat/testdata/OSV/RHSA-2024_4546.json", true},
      {"osv-schema/tools/redhat/testdata/OSV/RHSA-2024_6220.json", true},
      {"osv.dev/gcp/functions/pypi/testdata/test_vuln.json", true},
      {"osv.dev/gcp/functions/pypi/testdata/test_vuln_withdrawn.json", true},
      {"osv.dev/gcp/workers/oss_fuzz_worker/testdata/CVE-2022-27449.json", true},
      {"osv.dev/gcp/workers/oss_fuzz_worker/testdata/DSA-3029-1.json", true},
      {"osv.dev/gcp/workers/oss_fuzz_worker/testdata/GHSA-838r-hvwh-24h8.json", true},
      {"osv.dev/gcp/workers/oss_fuzz_worker/testdata/UBUNTU-CVE-2025-38094.json", true},
      {at(kSite, "ALIAS-CVE-1.json"), false, "/id", "database prefix"},
      {at(kSite, "ALIAS.json"), false, "/id", "database prefix"},
      {at(kSite, "CYCLE-ROOT-1.json"), false, "/id", "database prefix"},
      {at(kSite, "CYCLE-ROOT-2.json"), false, "/id", "database prefix"},
      {at(kSite, "CYCLE-ROOT-3.json"), false, "/id", "database prefix"},
      {at(kSite, "MULTI-ECO-FIX-DEMO.json"), false, "/id", "database prefix"},
      {at(kSite, "CVE-2.json"), false, "/affected/0/package/ecosystem", "\"Ecosystem1\""},
      {at(kSite, "CVE-5.json"), false, "/affected/3/package/ecosystem", "Oracle Linux"},
      {at(kDt, "osv-DSA-5474-1.json"), true},
      {at(kDt, "osv-GHSA-77rv-6vfw-x4gc.json"), true},
      {at(kDt, "osv-git-commit-hash-ranges.json"), true},
      {at(kDt, "osv-vulnerability-with-ranges.json"), true},
      {at(kDt, "osv-git-conflict-upper-bound-range.json"), false, "", "\"modified\" is missing"},
      {at(kDt, "osv-git-no-upper-bound-range.json"), false, "", "\"modified\" is missing"},
      {at(kDt, "osv-git-upper-bound-range.json"), false, "", "\"modified\" is missing"},
      {at(kDt, "osv-vulnerability-exact-version.json"), false, "", "\"modified\" is missing"},
      {at(kDt, "osv-vulnerability-invalid-cvss.json"), false, "/severity/0", "type and score"},
      {at(kDt, "osv-vulnerability-no-range.json"), false, "/affected/0/package/ecosystem",
       "\"JavaScript\""},
  };
  // osv.dev's website fixtures without affected data: REC:001.
  for (const char* id :
       {"CVE-1", "CVE-3", "CVE-4", "CVE-2021-44228", "CVE-2023-21400", "DLA-3623-1",
        "SUSE-SU-2023_3313-1", "UBUNTU-CVE-2023-21400", "UBUNTU-CVE-2023-4004",
        "UBUNTU-CVE-2023-4015", "USN-6315-1", "USN-6325-1", "USN-6330-1", "USN-6332-1",
        "USN-6348-1", "USN-7234-1", "USN-7234-2", "USN-7234-3"}) {
    s.push_back({at(kSite, std::string(id) + ".json"), false, "/affected", "REC:001"});
  }
  for (const char* folder :
       {"records/github-advisory-database/", "records/go-vulndb/", "records/pypa/"}) {
    for (const auto& e : fs::directory_iterator(fs::path(CRAFT_CORPORA) / "vuln/osv" / folder)) {
      if (e.path().extension() == ".json") {
        s.push_back({at(folder, e.path().filename().string()), true});
      }
    }
  }
  for (const char* name :
       {"equals_no_patch", "equals_with_patch", "full_ranges", "greater_than_equals_no_patch",
        "less_than_equals_no_patch", "less_than_equals_with_patch", "maven_greater_than",
        "multiple_ranges_in_package", "npm_greater_than", "pypi_normalize", "withdrawn"}) {
    std::string base = std::string("osv-schema/tools/ghsa/testdata/") + name;
    // The converter's OSV output is valid; its GitHub-format input is not an OSV record.
    s.push_back({base + ".osv.json", true});
    s.push_back({base + ".json", false, "", "\"id\" is missing"});
  }
  return s;
}

// Every OSV JSON record of the shared corpus (outside osv-scalibr, and the schema files) is
// accepted or rejected as the schema and linter say, with the deciding diagnostic at its JSON
// pointer.
TEST(OsvImport, EverySharedSampleIsAcceptedOrRejectedAsTheSchemaSays) {
  auto samples = Samples();
  std::set<std::string> listed;
  int accepted = 0;
  for (const auto& sample : samples) {
    listed.insert(sample.path);
    auto result = ParseOsvRecord(ReadCorpus("vuln/osv/" + sample.path));
    EXPECT_EQ(result.advisory.has_value(), sample.accepted) << sample.path;
    accepted += result.advisory.has_value();
    if (!sample.accepted) {
      EXPECT_NE(FindError(result, sample.pointer, sample.message), nullptr)
          << sample.path << ": expected an error at \"" << sample.pointer << "\" saying "
          << sample.message;
    } else {
      for (const auto& d : result.diagnostics) {
        EXPECT_NE(d.severity, ImportDiagnostic::Severity::kError) << sample.path << d.message;
      }
    }
  }
  EXPECT_EQ(accepted, 54);
  // No sample of the corpus goes unjudged: a new fixture must be added to the table above.
  fs::path root = fs::path(CRAFT_CORPORA) / "vuln/osv";
  for (auto it = fs::recursive_directory_iterator(root); it != fs::end(it); ++it) {
    auto relative = fs::relative(it->path(), root).string();
    auto name = it->path().filename().string();
    if (it->path().extension() != ".json" || relative.starts_with("osv-scalibr/") ||
        name == "schema.json" || name == "schema_generated.json" || name == "ecosystems.json") {
      continue;
    }
    EXPECT_EQ(listed.count(relative), 1u) << "no expectation for " << relative;
  }
}

// Lenient conformance keeps what the schema rejects but matching can use: Dependency-Track's
// records without `modified`, its invalid-CVSS record (the severity entry without type and score
// is dropped, the syntactically valid vectors kept), and an unknown ecosystem; each with warnings.
TEST(OsvImport, LenientConformanceKeepsUsableRecordsWithWarnings) {
  OsvParseOptions lenient;
  lenient.conformance = OsvParseOptions::Conformance::kLenient;
  auto exact = ParseOsvRecord(
      ReadCorpus(std::string("vuln/osv/") + kDt + "osv-vulnerability-exact-version.json"), lenient);
  ASSERT_TRUE(exact.advisory);
  EXPECT_EQ(exact.advisory->id, "MAL-2023-995");
  EXPECT_EQ(exact.diagnostics.front().severity, ImportDiagnostic::Severity::kWarning);
  auto cvss = ParseOsvRecord(
      ReadCorpus(std::string("vuln/osv/") + kDt + "osv-vulnerability-invalid-cvss.json"), lenient);
  ASSERT_TRUE(cvss.advisory);
  EXPECT_EQ(cvss.advisory->severity.size(), 4u);  // {} dropped; the other four are schema-valid
  EXPECT_EQ(cvss.advisory->severity[0].score, "CVSS:3.1/AV:N/AC:L");
  // A record whose ranges cannot be evaluated stays rejected even when lenient.
  auto no_introduced = ParseOsvRecord(
      ReadCorpus(std::string("vuln/osv/") + kLinter + "nointroduced-CVE-2023-41045.json"), lenient);
  EXPECT_FALSE(no_introduced.advisory);
}

// What a record carries into the model, from GHSA-jfh8-c2jp-5v3q (log4shell, GitHub's database):
// aliases, CWE ids and the severity word GitHub keeps in database_specific, the CVSS vector,
// references, timestamps; package names normalised per ecosystem (PyPI: PEP 503).
TEST(OsvImport, RecordFieldsReachTheModel) {
  auto r = ParseOsvRecord(
      ReadCorpus("vuln/osv/records/github-advisory-database/GHSA-jfh8-c2jp-5v3q.json"));
  ASSERT_TRUE(r.advisory);
  const auto& a = *r.advisory;
  EXPECT_EQ(a.source, advisory::Source::kOsv);
  EXPECT_EQ(a.aliases, std::vector<std::string>{"CVE-2021-44228"});
  EXPECT_EQ(a.cwe_ids, (std::vector<std::string>{"CWE-20", "CWE-400", "CWE-502", "CWE-917"}));
  EXPECT_EQ(a.database_specific_severity, "CRITICAL");
  ASSERT_EQ(a.severity.size(), 1u);
  EXPECT_EQ(a.severity[0].type, advisory::SeverityType::kCvssV3);
  EXPECT_EQ(a.severity[0].score, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
  EXPECT_EQ(a.references.size(), 3u);
  EXPECT_EQ(a.modified, "2022-03-25T20:56:18Z");
  EXPECT_EQ(a.published, "2021-12-10T00:40:56Z");
  ASSERT_EQ(a.affected.size(), 3u);
  EXPECT_EQ(a.affected[0].package.normalized_name, "org.apache.logging.log4j:log4j-core");

  auto gradio =
      ParseOsvRecord(ReadCorpus(std::string("vuln/osv/") + kLinter + "GHSA-9v2f-6vcg-3hgv.json"));
  ASSERT_TRUE(gradio.advisory);
  EXPECT_EQ(gradio.advisory->affected[0].package.name, "Gradio");
  EXPECT_EQ(gradio.advisory->affected[0].package.normalized_name, "gradio");
}

// `withdrawn` is kept, not rejected: the importer must retract the record (PYSEC-2020-221 from
// PyPA, GO-2022-0617 from the Go database, GitHub's converter output withdrawn.osv.json).
TEST(OsvImport, WithdrawnRecordsAreReturnedMarkedWithdrawn) {
  auto pysec = ParseOsvRecord(ReadCorpus("vuln/osv/records/pypa/PYSEC-2020-221.json"));
  ASSERT_TRUE(pysec.advisory);
  EXPECT_EQ(pysec.advisory->withdrawn, "2023-05-30T03:49:00Z");
  EXPECT_TRUE(pysec.advisory->IsWithdrawn());
  auto go = ParseOsvRecord(ReadCorpus("vuln/osv/records/go-vulndb/GO-2022-0617.json"));
  ASSERT_TRUE(go.advisory);
  EXPECT_TRUE(go.advisory->IsWithdrawn());
  auto ghsa =
      ParseOsvRecord(ReadCorpus("vuln/osv/osv-schema/tools/ghsa/testdata/withdrawn.osv.json"));
  ASSERT_TRUE(ghsa.advisory);
  EXPECT_EQ(ghsa.advisory->withdrawn, "2018-10-11T17:29:49Z");
  auto live = ParseOsvRecord(ReadCorpus("vuln/osv/records/go-vulndb/GO-2020-0036.json"));
  ASSERT_TRUE(live.advisory);
  EXPECT_FALSE(live.advisory->IsWithdrawn());
}

OsvRecordResult Parse(std::string_view json) { return ParseOsvRecord(json); }

constexpr const char* kHead = R"("id": "GHSA-aaaa-bbbb-cccc", "modified": "2024-01-01T00:00:00Z")";

std::string Record(std::string_view affected) {
  return std::string("{") + kHead + R"(, "affected": [)" + std::string(affected) + "]}";
}

// Hostile and malformed input is refused with a located diagnostic, never a crash: not JSON, not
// an object, nesting over the limit, input over the size limit, a duplicated field, an event with
// two kinds, fixed mixed with last_affected (the schema's allOf), a range type outside the enum,
// versions that are not strings, a GIT range with short hashes.
TEST(OsvImport, MalformedInputIsRejectedWithALocation) {
  EXPECT_FALSE(Parse("{\"id\": ").advisory);
  EXPECT_FALSE(Parse("[]").advisory);
  EXPECT_FALSE(Parse(std::string(100, '[') + std::string(100, ']')).advisory);
  OsvParseOptions tiny;
  tiny.limits.max_record_bytes = 10;
  EXPECT_FALSE(ParseOsvRecord(Record(""), tiny).advisory);
  auto duplicate = Parse(std::string("{") + kHead + R"(, "id": "GHSA-x"})");
  EXPECT_NE(FindError(duplicate, "/id", "duplicate"), nullptr);
  const char* pkg = R"("package": {"ecosystem": "npm", "name": "x"})";
  auto two_kinds = Parse(Record(std::string("{") + pkg +
                                R"(, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0",
                                   "fixed": "1.0.0"}]}]})"));
  EXPECT_NE(FindError(two_kinds, "/affected/0/ranges/0/events/0", "exactly one"), nullptr);
  auto mixed = Parse(Record(std::string("{") + pkg +
                            R"(, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"},
                               {"fixed": "1.0.0"}, {"last_affected": "2.0.0"}]}]})"));
  EXPECT_NE(FindError(mixed, "/affected/0/ranges/0/events", "mutually exclusive"), nullptr);
  auto bad_type =
      Parse(Record(std::string("{") + pkg +
                   R"(, "ranges": [{"type": "RANGE", "events": [{"introduced": "0"}]}]})"));
  EXPECT_NE(FindError(bad_type, "/affected/0/ranges/0/type", "SEMVER"), nullptr);
  auto numbers = Parse(Record(std::string("{") + pkg + R"(, "versions": ["1.0", 2]})"));
  EXPECT_NE(FindError(numbers, "/affected/0/versions/1", "string"), nullptr);
  EXPECT_FALSE(numbers.advisory);
  auto short_hash = Parse(Record(R"({"ranges": [{"type": "GIT", "repo": "https://x",
      "events": [{"introduced": "0"}, {"fixed": "abc123"}]}]})"));
  EXPECT_NE(FindError(short_hash, "/affected/0/ranges/0/events/1/fixed", "full-length"), nullptr);
}

// A field outside the schema is ignored with a warning (the specification tells clients to ignore
// unknown fields of newer schema versions), and the record is kept.
TEST(OsvImport, UnknownFieldsAreIgnoredWithAWarning) {
  auto r = Parse(std::string("{") + kHead +
                 R"(, "future_field": 1, "affected": [{"package": {"ecosystem": "npm",
                 "name": "x"}, "versions": ["1.0.0"]}]})");
  ASSERT_TRUE(r.advisory);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].location, "/future_field");
  EXPECT_EQ(r.diagnostics[0].severity, ImportDiagnostic::Severity::kWarning);
}

}  // namespace
}  // namespace craft::vuln::import

namespace craft::vuln::import {
namespace {

// Robustness: 3,000 deterministic byte mutations (flips, deletions, truncations) of a real record
// (PYSEC-2023-74, the linter's fixture) never crash the reader, and every outcome is either a
// record or an error diagnostic (run under the sanitizers in CI builds, this is the fuzz smoke
// test).
TEST(OsvImport, MutatedRecordsNeverCrash) {
  const std::string original =
      ReadCorpus("vuln/osv/osv-schema/tools/osv-linter/testdata/PYSEC-2023-74.json");
  ASSERT_FALSE(original.empty());
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  const std::string alphabet = "{}[]\":,0123456789abcdefnul \\/";
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string mutated = original;
    for (int edits = 1 + next() % 4; edits > 0; --edits) {
      std::size_t at = next() % mutated.size();
      switch (next() % 3) {
        case 0:
          mutated[at] = alphabet[next() % alphabet.size()];
          break;
        case 1:
          mutated.erase(at, 1 + next() % 8);
          break;
        default:
          mutated.resize(at);
      }
      if (mutated.empty()) mutated = "{";
    }
    auto result = ParseOsvRecord(mutated);
    if (result.advisory) {
      ++accepted;
    } else {
      EXPECT_TRUE(std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                              [](const ImportDiagnostic& d) {
                                return d.severity == ImportDiagnostic::Severity::kError;
                              }))
          << "rejected without an error, mutation " << i;
    }
  }
  EXPECT_GT(accepted, 0);  // some mutations only touch text and stay valid
}

}  // namespace
}  // namespace craft::vuln::import
