// The streaming ZIP writer, checked by Info-ZIP's own tools (unzip -t, unzip -p, zipinfo).
#include "export/zip_writer.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <ctime>

#include "test_support.h"

namespace craft::exporting {
namespace {

using fixture::Quote;
using fixture::RunCommand;
using fixture::TempDir;

constexpr std::int64_t kExportedAt = 1780000000;  // 2026-05-28T20:26:40Z

struct Entry {
  std::string path;
  std::string bytes;
  ZipMethod method;
};

std::vector<Entry> SampleEntries() {
  std::string repetitive;
  for (int i = 0; i < 5000; ++i) repetitive += "line " + std::to_string(i % 10) + "\n";
  std::string binary;
  for (int i = 0; i < 70000; ++i) binary.push_back(static_cast<char>((i * 7919) % 251));
  return {
      {"manifest.json", "{\"export_format\":\"craft Technical File v1.1\"}", ZipMethod::kDeflated},
      {"documents/user_manual/Bedienungsanleitung für Geräte.txt", repetitive,
       ZipMethod::kDeflated},
      {"documents/other/binary.bin", binary, ZipMethod::kStored},
      {"documents/other/empty.txt", "", ZipMethod::kStored},
      {"sboms/日本語.json", "{}", ZipMethod::kStored}};
}

std::string WriteZip(const std::vector<Entry>& entries, ZipWriterOptions options = {},
                     std::int64_t modified_at = kExportedAt) {
  std::string out;
  ZipWriter zip([&out](std::string_view b) { out.append(b); }, modified_at, options);
  for (const auto& e : entries) zip.AddEntry(e.path, e.bytes, e.method);
  zip.Finish();
  EXPECT_EQ(zip.bytes_written(), out.size());
  return out;
}

void ExpectUnzipReadsBack(const std::string& archive, const std::vector<Entry>& entries) {
  TempDir dir;
  fixture::WriteFile(dir / "a.zip", archive);
  const auto tested = RunCommand("unzip -t " + Quote(dir / "a.zip"));
  EXPECT_EQ(tested.exit_code, 0) << tested.output;
  EXPECT_NE(tested.output.find("No errors detected"), std::string::npos) << tested.output;
  for (const auto& e : entries) {
    const auto extracted = RunCommand("unzip -p " + Quote(dir / "a.zip") + " " + Quote(e.path));
    EXPECT_EQ(extracted.exit_code, 0) << e.path;
    EXPECT_EQ(extracted.output, e.bytes) << e.path;
  }
}

TEST(ZipWriter, UnzipTestsAndExtractsEveryEntryStoredOrDeflated) {
  const auto entries = SampleEntries();
  const std::string archive = WriteZip(entries);
  ExpectUnzipReadsBack(archive, entries);
}

TEST(ZipWriter, DeflatedEntriesAreSmallerAndStoredOnesAreNot) {
  std::string out;
  ZipWriter zip([&out](std::string_view b) { out.append(b); }, kExportedAt);
  const std::string text(100000, 'a');
  const auto deflated = zip.AddEntry("a.txt", text, ZipMethod::kDeflated);
  const auto stored = zip.AddEntry("b.txt", text, ZipMethod::kStored);
  zip.Finish();
  EXPECT_LT(deflated.compressed_size, 1000u);
  EXPECT_EQ(stored.compressed_size, text.size());
  const auto crc =
      crc32(0, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size()));
  EXPECT_EQ(deflated.crc32, crc);
  EXPECT_EQ(stored.crc32, crc);
}

TEST(ZipWriter, ForcedZip64IsReadByUnzipAndShownByZipinfo) {
  const auto entries = SampleEntries();
  const std::string archive = WriteZip(entries, {.force_zip64 = true});
  ExpectUnzipReadsBack(archive, entries);
  TempDir dir;
  fixture::WriteFile(dir / "a.zip", archive);
  const auto info = RunCommand("zipinfo -v " + Quote(dir / "a.zip"));
  EXPECT_NE(info.output.find("ID 0x0001 (PKWARE 64-bit sizes)"), std::string::npos) << info.output;
  // The 32-bit end record says 0xFFFF entries: the count zipinfo shows comes from the ZIP64 one.
  EXPECT_NE(info.output.find("central directory contains 5 entries"), std::string::npos)
      << info.output;
  EXPECT_NE(archive.find(std::string("PK\x06\x06", 4)), std::string::npos);
  EXPECT_NE(archive.find(std::string("PK\x06\x07", 4)), std::string::npos);
}

TEST(ZipWriter, SmallArchiveWithoutForceHasNoZip64Records) {
  TempDir dir;
  fixture::WriteFile(dir / "a.zip", WriteZip(SampleEntries()));
  const auto info = RunCommand("zipinfo -v " + Quote(dir / "a.zip"));
  EXPECT_EQ(info.output.find("ID 0x0001"), std::string::npos) << info.output;
}

TEST(ZipWriter, EntryOfUnknownSizeIsWrittenWithZip64Sizes) {
  std::string out;
  ZipWriter zip([&out](std::string_view b) { out.append(b); }, kExportedAt);
  const std::string bytes = "streamed without a declared size";
  const auto& info = zip.AddEntry("x.txt", StreamOf(bytes), {ZipMethod::kStored, std::nullopt});
  EXPECT_TRUE(info.zip64);
  zip.Finish();
  ExpectUnzipReadsBack(out, {{"x.txt", bytes, ZipMethod::kStored}});
}

TEST(ZipWriter, SameEntriesAndTimeGiveTheSameBytes) {
  const auto entries = SampleEntries();
  EXPECT_EQ(WriteZip(entries), WriteZip(entries));
  EXPECT_NE(WriteZip(entries), WriteZip(entries, {}, kExportedAt + 2));
}

TEST(ZipWriter, BytesDoNotDependOnTheTimeZone) {
  const auto entries = SampleEntries();
  const std::string utc = WriteZip(entries);
  const char* old = std::getenv("TZ");
  const std::string saved = old ? old : "";
  ::setenv("TZ", "America/New_York", 1);
  ::tzset();
  const std::string new_york = WriteZip(entries);
  if (old) {
    ::setenv("TZ", saved.c_str(), 1);
  } else {
    ::unsetenv("TZ");
  }
  ::tzset();
  EXPECT_EQ(utc, new_york);
  TempDir dir;
  fixture::WriteFile(dir / "a.zip", utc);
  // MS-DOS time holds even seconds: 20:26:40 UTC.
  const auto listing = RunCommand("TZ=UTC zipinfo -T " + Quote(dir / "a.zip"));
  EXPECT_NE(listing.output.find("20260528.202640"), std::string::npos) << listing.output;
}

TEST(ZipWriter, RefusesUnsafeAndDuplicatePaths) {
  std::string out;
  ZipWriter zip([&out](std::string_view b) { out.append(b); }, kExportedAt);
  for (const char* bad :
       {"", "/etc/passwd", "a/../b", "..", "a\\b", "a//b", "dir/", "./a", "a\nb"}) {
    EXPECT_THROW(zip.AddEntry(bad, "x"), ZipError) << bad;
  }
  zip.AddEntry("a.txt", "x");
  EXPECT_THROW(zip.AddEntry("a.txt", "y"), ZipError);
  zip.Finish();
  ExpectUnzipReadsBack(out, {{"a.txt", "x", ZipMethod::kStored}});
}

TEST(ZipWriter, StreamedSizeDifferentFromDeclaredThrowsAndBreaksTheArchive) {
  std::string out;
  ZipWriter zip([&out](std::string_view b) { out.append(b); }, kExportedAt);
  EXPECT_THROW(zip.AddEntry("a.txt", StreamOf("four"), {ZipMethod::kStored, 5}), ZipError);
  EXPECT_THROW(zip.AddEntry("b.txt", "x"), ZipError);
  EXPECT_THROW(zip.Finish(), ZipError);
}

TEST(ZipWriter, StreamerFailurePassesThroughAndNothingMoreIsAdded) {
  std::string out;
  ZipWriter zip([&out](std::string_view b) { out.append(b); }, kExportedAt);
  auto failing = [](const ByteSink& sink) {
    sink("partial");
    throw std::runtime_error("blob read failed");
  };
  EXPECT_THROW(zip.AddEntry("a.txt", failing, {}), std::runtime_error);
  EXPECT_THROW(zip.AddEntry("b.txt", "x"), ZipError);
}

TEST(ZipWriter, ManyEntriesPast65535UseTheZip64EndRecord) {
  std::vector<Entry> entries;
  for (int i = 0; i < 65600; ++i)
    entries.push_back({"e/" + std::to_string(i), "", ZipMethod::kStored});
  const std::string archive = WriteZip(entries);
  TempDir dir;
  fixture::WriteFile(dir / "a.zip", archive);
  const auto tested = RunCommand("unzip -tq " + Quote(dir / "a.zip"));
  EXPECT_EQ(tested.exit_code, 0) << tested.output.substr(0, 2000);
  const auto count = RunCommand("unzip -Z1 " + Quote(dir / "a.zip") + " | wc -l");
  EXPECT_EQ(std::stoi(count.output), 65600);
}

// A 300 MB entry streamed in 1 MiB chunks must not grow the peak RSS by more than 50 MB.
TEST(ZipWriter, MemoryStaysBoundedWhileStreamingA300MbEntry) {
  for (ZipMethod method : {ZipMethod::kStored, ZipMethod::kDeflated}) {
    constexpr std::uint64_t kSize = 300ull * 1000 * 1000;
    std::string chunk(1 << 20, '\0');
    for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<char>(i * 31 % 253);
    fixture::ResetPeakRss();
    const std::int64_t before = fixture::CurrentRssKb();
    ASSERT_LT(fixture::PeakRssKb() - before, 4 * 1024) << "the peak RSS was not reset";
    std::uint64_t received = 0;
    ZipWriter zip([&](std::string_view b) { received += b.size(); }, kExportedAt);
    auto streamer = [&](const ByteSink& sink) {
      for (std::uint64_t sent = 0; sent < kSize; sent += chunk.size()) {
        sink(
            std::string_view(chunk).substr(0, std::min<std::uint64_t>(chunk.size(), kSize - sent)));
      }
    };
    const auto& info = zip.AddEntry("big.bin", streamer, {method, kSize});
    EXPECT_EQ(info.size, kSize);
    zip.Finish();
    EXPECT_EQ(received, zip.bytes_written());
    const std::int64_t growth_kb = fixture::PeakRssKb() - before;
    EXPECT_LT(growth_kb, 50 * 1024) << "peak RSS grew by " << growth_kb << " kB";
  }
}

}  // namespace
}  // namespace craft::exporting
