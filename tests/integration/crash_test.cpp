// Crash safety (issue 2): upload documents in a loop, kill -9 the server mid-stream, restart.
// Every upload answered 201 must be present with content that verifies; nothing half-written is
// listed; the audit chain still verifies.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "craft_server.h"

namespace craft::testing {
namespace {

std::string RandomBytes(std::mt19937_64& rng, std::size_t size) {
  std::string s(size, '\0');
  for (auto& c : s) c = static_cast<char>(rng());
  return s;
}

// Uploads until told to stop; records every upload answered 201.
void UploadLoop(const CraftServer& server, const std::string& key, const std::string& version,
                unsigned seed, std::atomic<bool>& stop, std::mutex& mutex,
                std::map<std::string, std::string>& answered) {
  std::mt19937_64 rng(seed);
  Api api(server, key);
  for (int i = 0; !stop; ++i) {
    const std::string content = RandomBytes(rng, 256 * 1024 + rng() % (3 * 1024 * 1024));
    auto reply =
        api.Upload(version, "test_report", "report-" + std::to_string(i) + ".bin", content);
    if (reply.status != 201) return;  // the server went away mid-request
    std::lock_guard lock(mutex);
    answered[reply.json["id"]] = Sha256Hex(content);
  }
}

TEST(Crash, KillDuringUploadsLosesNothingAnswered) {
  const std::string dir = MakeTempDir();
  std::string key, version;
  std::map<std::string, std::string> answered;  // id -> sha256 of what we sent
  std::mutex mutex;
  for (int round = 0; round < 3; ++round) {
    CraftServer server(dir, {});
    if (round == 0) {
      key = server.owner_key();
      Api api(server, key);
      const std::string product = api.Post("/api/v1/products", {{"name", "Crash"}}).json["id"];
      version =
          api.Post("/api/v1/products/" + product + "/versions", {{"version", "1"}}).json["id"];
    }
    std::atomic<bool> stop{false};
    std::vector<std::thread> uploaders;
    for (unsigned t = 0; t < 3; ++t) {
      uploaders.emplace_back(UploadLoop, std::cref(server), key, version, round * 10 + t,
                             std::ref(stop), std::ref(mutex), std::ref(answered));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(700 + 300 * round));
    server.Kill();  // kill -9 while uploads are mid-stream
    stop = true;
    for (auto& t : uploaders) t.join();
  }

  CraftServer server(dir, {});
  EXPECT_TRUE(server.owner_key().empty());
  Api api(server, key);
  std::map<std::string, std::string> listed;
  std::string cursor;
  do {
    auto page = api.Get("/api/v1/versions/" + version + "/documents?limit=500" +
                        (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(page.status, 200) << page.body;
    for (const auto& d : page.json["items"]) listed[d["id"]] = d["sha256"];
    cursor = page.json["next_cursor"].is_null() ? "" : page.json["next_cursor"].get<std::string>();
  } while (!cursor.empty());

  std::cerr << "crash test: " << answered.size() << " uploads answered 201, " << listed.size()
            << " listed after 3 kills\n";
  ASSERT_GT(answered.size(), 3u) << "the loop must have completed some uploads";
  for (const auto& [id, sha] : answered) {
    ASSERT_TRUE(listed.count(id)) << "upload " << id << " was answered 201 but is gone";
    EXPECT_EQ(listed[id], sha);
  }
  // Everything listed (answered or not) has its whole content, verified on read.
  for (const auto& [id, sha] : listed) {
    auto content = api.Get("/api/v1/documents/" + id + "/content");
    ASSERT_EQ(content.status, 200) << id;
    EXPECT_EQ(Sha256Hex(content.body), sha) << "half-written document listed: " << id;
  }
  // No temporary files survive a restart.
  std::size_t leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/tmp")) {
    (void)entry;
    ++leftovers;
  }
  EXPECT_EQ(leftovers, 0u);
  server.Stop();
  auto verify = RunCraft({"admin", "audit", "verify", "--data", dir});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace craft::testing
