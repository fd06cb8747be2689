// A real Dependency-Track client against a real `craft serve` (issue 3): cdxgen (npm
// @cyclonedx/cdxgen, installed by scripts/fetch-cdxgen.sh) generates the SBOM of a small npm
// project from its lock file and submits it with --server-url/--api-key/--project-name/
// --project-version, exactly as a CI pipeline written for Dependency-Track does.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "craft_server.h"

namespace craft::testing {
namespace {

using nlohmann::json;

const std::string kNode = CRAFT_NODE;
const std::string kCdxgen = CRAFT_CDXGEN;

// A project with two direct dependencies and one transitive one, as npm 9+ writes its lock file.
const char* kPackageJson = R"({
  "name": "demo",
  "version": "1.0.0",
  "dependencies": {"debug": "4.3.4", "is-number": "7.0.0"}
}
)";

const char* kPackageLock = R"({
  "name": "demo",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "demo",
      "version": "1.0.0",
      "dependencies": {"debug": "4.3.4", "is-number": "7.0.0"}
    },
    "node_modules/debug": {
      "version": "4.3.4",
      "resolved": "https://registry.npmjs.org/debug/-/debug-4.3.4.tgz",
      "integrity": "sha512-PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgX+7G/vCNNhehwxfkQ==",
      "dependencies": {"ms": "2.1.2"}
    },
    "node_modules/is-number": {
      "version": "7.0.0",
      "resolved": "https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz",
      "integrity": "sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng=="
    },
    "node_modules/ms": {
      "version": "2.1.2",
      "resolved": "https://registry.npmjs.org/ms/-/ms-2.1.2.tgz",
      "integrity": "sha512-sGkPx+VjMtmA6MX27oA4FBFELFCZZ4S4XqeGOXCv68tT+jb3vk/RyaKWP0PTKyWtmLSM0b+adUTEvbs1PEaH2w=="
    }
  }
}
)";

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  ASSERT_TRUE(out.good()) << path;
}

std::string Quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command; returns its exit code and combined output.
CommandResult Shell(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// pkg:npm/name@version of every package the lock file installs.
std::set<std::string> LockedPurls(const std::string& lock_text) {
  std::set<std::string> purls;
  const json lock = json::parse(lock_text);
  for (const auto& [path, entry] : lock["packages"].items()) {
    if (path.empty()) continue;
    const std::string name = path.substr(path.rfind("node_modules/") + 13);
    purls.insert("pkg:npm/" + name + "@" + entry["version"].get<std::string>());
  }
  return purls;
}

TEST(CdxgenUpload, RealClientUploadsAnSbom) {
  ASSERT_TRUE(std::filesystem::exists(kCdxgen))
      << kCdxgen << " is missing: run scripts/fetch-cdxgen.sh";
  ASSERT_TRUE(std::filesystem::exists(kNode)) << "node is missing: " << kNode;
  CraftServer server;
  Api api(server, server.owner_key());
  const std::filesystem::path dir = MakeTempDir();
  const std::filesystem::path project = dir / "demo";
  std::filesystem::create_directories(project);
  WriteText(project / "package.json", kPackageJson);
  WriteText(project / "package-lock.json", kPackageLock);

  // Offline: no licence lookups, no npm install, and no host but craft's reachable.
  const std::string command =
      "cd " + Quoted(dir.string()) + " && env HOME=" + Quoted(dir.string()) +
      " FETCH_LICENSE=false CDXGEN_ALLOWED_HOSTS=127.0.0.1 " + Quoted(kNode) + " " +
      Quoted(kCdxgen) + " -t js -o " + Quoted((dir / "bom.json").string()) +
      " --no-install-deps --no-recurse --server-url http://127.0.0.1:" +
      std::to_string(server.port()) + " --api-key " + Quoted(server.owner_key()) +
      " --project-name demo --project-version 1.0 " + Quoted(project.string());
  const CommandResult run = Shell(command);
  ASSERT_EQ(run.exit_code, 0) << run.output;

  auto products = api.Get("/api/v1/products");
  ASSERT_EQ(products.json["items"].size(), 1u) << products.body;
  EXPECT_EQ(products.json["items"][0]["name"], "demo");
  const std::string product_id = products.json["items"][0]["id"];
  auto versions = api.Get("/api/v1/products/" + product_id + "/versions");
  ASSERT_EQ(versions.json["items"].size(), 1u) << versions.body;
  EXPECT_EQ(versions.json["items"][0]["version"], "1.0");
  const std::string version_id = versions.json["items"][0]["id"];

  auto sboms = api.Get("/api/v1/versions/" + version_id + "/sboms");
  ASSERT_EQ(sboms.json["items"].size(), 1u) << sboms.body;
  const json& sbom = sboms.json["items"][0];
  EXPECT_EQ(sbom["format"], "CycloneDX JSON");
  EXPECT_EQ(sbom["valid"], true) << sbom.dump();
  // What arrived is the SBOM cdxgen wrote beside it.
  auto content = api.Get("/api/v1/sboms/" + sbom["id"].get<std::string>() + "/content");
  EXPECT_EQ(json::parse(content.body), json::parse(ReadFile((dir / "bom.json").string())));

  const Reply components = api.Get("/api/v1/versions/" + version_id + "/components?limit=500");
  std::set<std::string> purls;
  for (const auto& c : components.json["items"]) purls.insert(c["purl"].get<std::string>());
  EXPECT_EQ(purls, LockedPurls(kPackageLock)) << components.body;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace craft::testing
