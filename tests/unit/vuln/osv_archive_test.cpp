// Reading OSV all.zip archives as a stream: shared OSV records packed into a ZIP by the test are
// read back whole; truncated archives, non-ZIP input, oversized and bad entries are reported and
// skipped without losing the good records.

#include "vuln/import/osv_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace craft::vuln::import {
namespace {

std::string ReadCorpus(const std::string& relative) {
  std::ifstream in(std::filesystem::path(CRAFT_CORPORA) / relative, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "corpus file missing: " << relative;
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

la_ssize_t Append(struct archive*, void* out, const void* buffer, size_t length) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

// A deflated ZIP of (name, content) entries, as osv.dev's all.zip is.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_set_bytes_in_last_block(a, 1);
  archive_write_open(a, &out, nullptr, Append, nullptr);
  for (const auto& [name, content] : entries) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

const std::vector<std::string> kRecords = {
    "vuln/osv/records/go-vulndb/GO-2020-0036.json",
    "vuln/osv/records/pypa/PYSEC-2021-76.json",
    "vuln/osv/records/pypa/PYSEC-2020-221.json",                                       // withdrawn
    "vuln/osv/osv-schema/tools/osv-linter/testdata/nointroduced-CVE-2023-41045.json",  // rejected
    "vuln/osv/records/github-advisory-database/GHSA-jfh8-c2jp-5v3q.json",
};

std::string SampleArchive() {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& path : kRecords) {
    entries.emplace_back(std::filesystem::path(path).filename().string(), ReadCorpus(path));
  }
  entries.emplace_back("README.txt", "not a record");  // skipped: not *.json
  return Zip(entries);
}

bool Mentions(const OsvArchiveSummary& s, std::string_view text) {
  for (const auto& d : s.diagnostics) {
    if (d.message.find(text) != std::string::npos) return true;
  }
  return false;
}

// The whole archive: four records handed on in archive order (one of them withdrawn), the
// linter's nointroduced record rejected with its diagnostic, the README skipped; complete.
TEST(OsvArchive, ReadsEveryRecordOfAnArchive) {
  std::vector<std::string> ids;
  auto summary =
      ReadOsvArchive(SampleArchive(), [&](advisory::Advisory&& a) { ids.push_back(a.id); });
  EXPECT_TRUE(summary.complete);
  EXPECT_EQ(summary.entries, 5u);
  EXPECT_EQ(summary.records, 4u);
  EXPECT_EQ(summary.withdrawn, 1u);
  EXPECT_EQ(summary.rejected, 1u);
  EXPECT_EQ(ids, (std::vector<std::string>{"GO-2020-0036", "PYSEC-2021-76", "PYSEC-2020-221",
                                           "GHSA-jfh8-c2jp-5v3q"}));
  EXPECT_TRUE(Mentions(summary, "R0001"));
}

// Fed in small chunks (as from a file read piece by piece), the result is the same.
TEST(OsvArchive, StreamsFromChunks) {
  std::string zip = SampleArchive();
  std::size_t at = 0;
  ByteSource source = [&]() -> std::string_view {
    std::size_t n = std::min<std::size_t>(997, zip.size() - at);
    std::string_view chunk(zip.data() + at, n);
    at += n;
    return chunk;
  };
  std::size_t records = 0;
  auto summary = ReadOsvArchive(source, [&](advisory::Advisory&&) { ++records; });
  EXPECT_TRUE(summary.complete);
  EXPECT_EQ(records, 4u);
}

// A truncated archive, cut anywhere (inside an entry, at the central directory, inside the end
// record), is reported as truncated or damaged and never complete; records read before the cut are
// whole. Input that is not a ZIP at all says so.
TEST(OsvArchive, TruncatedArchivesAreReported) {
  std::string zip = SampleArchive();
  for (std::size_t cut : {std::size_t{100}, zip.size() / 3, zip.size() / 2, zip.size() - 200,
                          zip.size() - 30, zip.size() - 5}) {
    SCOPED_TRACE(cut);
    std::size_t records = 0;
    auto summary = ReadOsvArchive(std::string_view(zip).substr(0, cut),
                                  [&](advisory::Advisory&&) { ++records; });
    EXPECT_FALSE(summary.complete);
    EXPECT_TRUE(Mentions(summary, "truncated") || Mentions(summary, "damaged") ||
                Mentions(summary, "inflate"))
        << (summary.diagnostics.empty() ? "" : summary.diagnostics.back().message);
    EXPECT_LE(records, 4u);
  }
  auto json = ReadOsvArchive(ReadCorpus(kRecords[0]), [](advisory::Advisory&&) {});
  EXPECT_FALSE(json.complete);
  EXPECT_TRUE(Mentions(json, "not a ZIP archive"));
  auto empty = ReadOsvArchive(std::string_view(), [](advisory::Advisory&&) {});
  EXPECT_FALSE(empty.complete);
}

// An entry larger than the record limit is rejected without being inflated further (a ZIP bomb
// costs nothing); the records around it are read. An entry that is not JSON is reported by name.
TEST(OsvArchive, OversizedAndBadEntriesAreSkipped) {
  std::string bomb(2 * 1024 * 1024, ' ');
  std::string zip = Zip({{"a.json", ReadCorpus(kRecords[0])},
                         {"bomb.json", bomb},
                         {"broken.json", "{\"id\": "},
                         {"b.json", ReadCorpus(kRecords[1])}});
  OsvParseOptions options;
  options.limits.max_record_bytes = 1024 * 1024;
  std::size_t records = 0;
  auto summary = ReadOsvArchive(
      zip, [&](advisory::Advisory&&) { ++records; }, options);
  EXPECT_TRUE(summary.complete);
  EXPECT_EQ(records, 2u);
  EXPECT_EQ(summary.rejected, 2u);
  ASSERT_GE(summary.diagnostics.size(), 2u);
  EXPECT_EQ(summary.diagnostics[0].record, "bomb.json");
  EXPECT_NE(summary.diagnostics[0].message.find("limit"), std::string::npos);
  EXPECT_EQ(summary.diagnostics[1].record, "broken.json");
}

}  // namespace
}  // namespace craft::vuln::import
