// `craft vuln import osv` of an all.zip larger than one write batch: every record counted once,
// a re-import changes nothing, a truncated archive exits 3 keeping the records before the damage.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "craft_server.h"

namespace craft::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kRecords = 12'000;  // more than two of the importer's write batches

// An OSV record for package pkg-<n>; every 100th one is withdrawn.
std::string Record(int n) {
  const std::string i = std::to_string(n);
  std::string record =
      R"({"schema_version":"1.6.0","id":"GHSA-test-)" + i +
      R"(","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2099-)" + i +
      R"("],"summary":"test \"record\" )" + i +
      R"(","affected":[{"package":{"ecosystem":"npm","name":"pkg-)" + i +
      R"("},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.0.)" + i +
      R"("}]}]}])";
  if (n % 100 == 0) record += R"(,"withdrawn":"2024-01-02T00:00:00Z")";
  return record + "}";
}

// all.zip of kRecords records and one that is not a record; built with zip(1).
std::string MakeArchive(const std::string& dir) {
  const fs::path records = fs::path(dir) / "records";
  fs::create_directories(records);
  for (int n = 1; n <= kRecords; ++n) {
    std::ofstream(records / ("GHSA-test-" + std::to_string(n) + ".json")) << Record(n);
  }
  std::ofstream(records / "broken.json") << R"({"id": 5})";
  const std::string zip = dir + "/all.zip";
  const std::string command = "cd '" + records.string() + "' && zip -q -r '" + zip + "' .";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  return zip;
}

TEST(VulnImport, ArchiveOfManyBatchesIsCountedOnceAndReimportedUnchanged) {
  const std::string dir = MakeTempDir();
  const std::string zip = MakeArchive(dir);
  auto first = RunCraft({"vuln", "import", "osv", zip, "--data", dir, "--no-rescan"});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("11880 added, 0 updated, 0 unchanged, 120 withdrawn, 1 rejected"),
            std::string::npos)
      << first.output;
  auto stats = RunCraft({"vuln", "db", "stats", "--data", dir});
  EXPECT_NE(stats.output.find("OSV advisories:  11880"), std::string::npos) << stats.output;
  EXPECT_NE(stats.output.find("withdrawn:       120"), std::string::npos) << stats.output;
  EXPECT_NE(stats.output.find("package keys:    11880"), std::string::npos) << stats.output;

  auto again = RunCraft({"vuln", "import", "osv", zip, "--data", dir});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("0 added, 0 updated, 12000 unchanged, 0 withdrawn, 1 rejected"),
            std::string::npos)
      << again.output;
  EXPECT_EQ(again.output.find("rescan job"), std::string::npos) << "nothing changed";
}

TEST(VulnImport, TruncatedArchiveExits3AndKeepsTheRecordsBeforeTheDamage) {
  const std::string dir = MakeTempDir();
  const std::string zip = MakeArchive(dir);
  std::string bytes;
  {
    std::ifstream in(zip, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string cut = dir + "/cut.zip";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  auto truncated = RunCraft({"vuln", "import", "osv", cut, "--data", dir, "--no-rescan"});
  EXPECT_EQ(truncated.exit_code, 3) << truncated.output;
  const auto added_at = truncated.output.find(" added");
  ASSERT_NE(added_at, std::string::npos) << truncated.output;
  const auto number_at = truncated.output.rfind(' ', added_at - 1) + 1;
  const int added = std::stoi(truncated.output.substr(number_at, added_at - number_at));
  EXPECT_GT(added, kRecords / 3) << truncated.output;
  EXPECT_LT(added, kRecords * 2 / 3) << truncated.output;

  auto whole = RunCraft({"vuln", "import", "osv", zip, "--data", dir, "--no-rescan"});
  ASSERT_EQ(whole.exit_code, 0) << whole.output;
  auto stats = RunCraft({"vuln", "db", "stats", "--data", dir});
  EXPECT_NE(stats.output.find("OSV advisories:  11880"), std::string::npos) << stats.output;
}

}  // namespace
}  // namespace craft::testing
