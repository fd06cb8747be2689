// `craft vuln import osv` of an all.zip larger than one write batch: every record counted once,
// a re-import changes nothing, a truncated archive exits 3 keeping the records before the damage,
// and an import killed midway leaves whole batches only.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "craft_server.h"

namespace craft::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kRecords = 12'000;  // more than one of the importer's write batches

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

// all.zip of `count` records and one that is not a record; built with zip(1).
std::string MakeArchive(const std::string& dir, int count = kRecords) {
  const fs::path records = fs::path(dir) / "records";
  fs::create_directories(records);
  for (int n = 1; n <= count; ++n) {
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

// The number after `label` in `craft vuln db stats`, -1 when missing.
long StatsFigure(const std::string& dir, const std::string& label) {
  const std::string out = RunCraft({"vuln", "db", "stats", "--data", dir}).output;
  const auto at = out.find(label);
  if (at == std::string::npos) return -1;
  return std::stol(out.substr(at + label.size()));
}

TEST(VulnImport, ImportKilledMidwayLeavesWholeBatchesAndResumes) {
  constexpr int kMany = 60'000;
  const std::string dir = MakeTempDir();
  const std::string zip = MakeArchive(dir, kMany);
  const std::string log = dir + "/import.log";
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(out, 2);
    const std::string binary = CRAFT_BINARY;
    execl(binary.c_str(), binary.c_str(), "vuln", "import", "osv", zip.c_str(), "--data",
          dir.c_str(), "--no-rescan", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once the first batch is in (or when it is done on a fast machine). The `stats` runs
  // open the database while the import does: that race once made the import fail at once with
  // "database is locked".
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int status = 0;
  bool exited = false;
  while (StatsFigure(dir, "OSV advisories:") <= 0 && std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  const auto import_log = [&] {
    std::ifstream in(log);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  if (exited) {
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "the import ended by itself, with status " << status << ":\n"
        << import_log();
  }

  const long stored = StatsFigure(dir, "OSV advisories:");
  const long withdrawn = StatsFigure(dir, "withdrawn:");
  ASSERT_GT(stored, 0) << import_log();
  EXPECT_EQ(StatsFigure(dir, "package keys:"), stored) << "every stored record has its keys";
  EXPECT_EQ((stored + withdrawn) % 10'000, kMany % 10'000) << "whole batches of 10,000 only";
  auto resumed = RunCraft({"vuln", "import", "osv", zip, "--data", dir, "--no-rescan"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_NE(resumed.output.find(std::to_string(stored + withdrawn) + " unchanged"),
            std::string::npos)
      << resumed.output;
  EXPECT_EQ(StatsFigure(dir, "OSV advisories:"), kMany - kMany / 100);
  EXPECT_EQ(StatsFigure(dir, "package keys:"), kMany - kMany / 100);
}

// FIRST publishes EPSS as epss_scores-current.csv.gz and NVD its feeds as .json.gz: craft reads
// them as they come (by content, not name), and refuses damaged or oversized gzip with the file's
// name and the reason, importing nothing from it.
TEST(VulnImport, GzipCompressedDataFilesAreReadAndDamagedOnesRefused) {
  const std::string dir = MakeTempDir();
  const std::string corpora = std::string(CRAFT_CORPORA) + "/vuln";
  const std::string nvd_pages = dir + "/nvd";
  fs::create_directories(nvd_pages);
  const std::string setup =
      "gzip -c '" + corpora + "/kev/known_exploited_vulnerabilities.json' > '" + dir +
      "/kev.json.gz' && gzip -c '" + corpora + "/epss/epss_scores-current.head.csv' > '" + dir +
      "/epss.csv' && gzip -c '" + corpora +
      "/nvd/dependency-track/vuln-data-source/nvd/src/test/resources/cve.json' > '" + nvd_pages +
      "/cve.json.gz' && head -c 20000 '" + dir + "/kev.json.gz' > '" + dir + "/cut.json.gz'";
  ASSERT_EQ(std::system(setup.c_str()), 0) << setup;

  auto kev =
      RunCraft({"vuln", "import", "kev", dir + "/kev.json.gz", "--data", dir, "--no-rescan"});
  EXPECT_EQ(kev.exit_code, 0) << kev.output;
  EXPECT_NE(kev.output.find("1404 entries"), std::string::npos) << kev.output;
  auto epss = RunCraft({"vuln", "import", "epss", dir + "/epss.csv", "--data", dir, "--no-rescan"});
  EXPECT_EQ(epss.exit_code, 0) << epss.output;
  EXPECT_NE(epss.output.find("24 scores"), std::string::npos) << epss.output;
  auto nvd = RunCraft({"vuln", "import", "nvd", nvd_pages, "--data", dir, "--no-rescan"});
  EXPECT_EQ(nvd.exit_code, 0) << nvd.output;
  EXPECT_GT(StatsFigure(dir, "NVD CVEs:"), 0) << nvd.output;
  EXPECT_EQ(StatsFigure(dir, "KEV entries:"), 1404);
  EXPECT_EQ(StatsFigure(dir, "EPSS scores:"), 24);

  auto cut = RunCraft({"vuln", "import", "kev", dir + "/cut.json.gz", "--data", dir});
  EXPECT_EQ(cut.exit_code, 2) << cut.output;
  EXPECT_NE(cut.errors.find("cut.json.gz: the gzip data ends early"), std::string::npos)
      << cut.errors;
  EXPECT_EQ(StatsFigure(dir, "KEV entries:"), 1404) << "the catalogue before is kept";

  // 17 gzip members of 64 MiB of zeros: 1.06 GiB of text from a 1 MB file.
  const std::string bomb = dir + "/bomb.json.gz";
  const std::string make_bomb = "head -c 67108864 /dev/zero | gzip -1 > '" + dir +
                                "/m.gz' && for i in $(seq 17); do cat '" + dir +
                                "/m.gz'; done > '" + bomb + "'";
  ASSERT_EQ(std::system(make_bomb.c_str()), 0) << make_bomb;
  auto big = RunCraft({"vuln", "import", "nvd", bomb, "--data", dir, "--no-rescan"});
  EXPECT_EQ(big.exit_code, 3) << big.output;
  EXPECT_NE(big.errors.find("bomb.json.gz: inflates to more than the limit of 1024 MiB"),
            std::string::npos)
      << big.errors;
}

}  // namespace
}  // namespace craft::testing
