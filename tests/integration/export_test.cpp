// The technical-file export over HTTP (issue 5, first part): a ZIP with manifest.json, the PDF and
// every document, that `craft export verify` accepts and that catches tampering; 403 without the
// scope, 404 for another organisation's version.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "craft_server.h"

namespace craft::testing {
namespace {

int Shell(const std::string& command) { return std::system(command.c_str()); }

TEST(Export, TechnicalFileZipVerifiesAndDetectsTampering) {
  CraftServer server;
  Api api(server, server.owner_key());
  const std::string product =
      api.Post("/api/v1/products", {{"name", "Zähler Gateway"}, {"slug", "zaehler"}}).json["id"];
  const std::string version =
      api.Post("/api/v1/products/" + product + "/versions", {{"version", "2.4.1"}}).json["id"];
  const std::string risk = "risk assessment content";
  ASSERT_EQ(api.Upload(version, "risk_assessment", "risk.pdf", risk).status, 201);
  ASSERT_EQ(api.Upload(version, "user_manual", "manual.pdf", "manual").status, 201);

  auto reply = api.Get("/api/v1/exports/versions/" + version + "/technical-file");
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 300);
  EXPECT_EQ(reply.content_type, "application/zip");
  const std::string disposition = reply.Header("Content-Disposition");
  EXPECT_NE(disposition.find("attachment; filename=\"zaehler-2.4.1-technical-file-"),
            std::string::npos)
      << disposition;
  const std::string dir = MakeTempDir();
  const std::string zip = dir + "/export.zip";
  std::ofstream(zip, std::ios::binary) << reply.body;
  EXPECT_EQ(Shell("unzip -tq " + zip + " >/dev/null"), 0);
  EXPECT_EQ(Shell("unzip -p " + zip +
                  " documents/risk_assessment/risk.pdf | grep -q 'risk assessment content'"),
            0);
  EXPECT_EQ(Shell("unzip -p " + zip + " manifest.json | grep -q 'craft Technical File v1.1'"), 0);
  EXPECT_EQ(Shell("unzip -p " + zip + " technical-file.pdf | head -c 5 | grep -q '%PDF-'"), 0);

  // The export is in the audit log with the SHA-256 of the very bytes we received.
  auto audit = api.Get("/api/v1/audit?limit=1");
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.json["items"][0]["action"], "export.technical_file");
  EXPECT_EQ(audit.json["items"][0]["after"]["sha256"], Sha256Hex(reply.body));
  EXPECT_EQ(audit.json["items"][0]["entity_id"], version);

  auto verified = RunCraft({"export", "verify", zip});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find("intact"), std::string::npos);

  // The manifest is signed with the organisation's key, downloadable as PEM.
  auto key = api.Get("/api/v1/organisation/signing-key");
  ASSERT_EQ(key.status, 200);
  ASSERT_NE(key.body.find("BEGIN PUBLIC KEY"), std::string::npos);
  const std::string pem = dir + "/key.pem";
  std::ofstream(pem) << key.body;
  auto signed_ok = RunCraft({"export", "verify", zip, "--public-key", pem});
  EXPECT_EQ(signed_ok.exit_code, 0) << signed_ok.output;
  EXPECT_NE(signed_ok.output.find("signature verified"), std::string::npos);
  EXPECT_EQ(api.Get("/api/v1/organisation/signing-key").body, key.body) << "one key, kept";

  // Replace one document inside the ZIP: verify names it.
  const std::string work = dir + "/unpacked";
  ASSERT_EQ(Shell("mkdir -p " + work + " && cd " + work + " && unzip -q " + zip), 0);
  std::ofstream(work + "/documents/risk_assessment/risk.pdf") << "forged";
  const std::string forged = dir + "/forged.zip";
  ASSERT_EQ(Shell("cd " + work + " && zip -qr " + forged + " ."), 0);
  auto tampered = RunCraft({"export", "verify", forged});
  EXPECT_EQ(tampered.exit_code, 4) << tampered.output;
  EXPECT_NE(tampered.output.find("documents/risk_assessment/risk.pdf"), std::string::npos)
      << tampered.output;
  // Another organisation's key does not verify the signature.
  auto other = RunCraft({"admin", "org", "create", "Other", "--data", server.data_dir()});
  const auto at = other.output.find("CRAFT_API_KEY=");
  ASSERT_NE(at, std::string::npos);
  Api theirs(server, other.output.substr(at + 14, other.output.find('\n', at) - at - 14));
  std::ofstream(dir + "/other.pem") << theirs.Get("/api/v1/organisation/signing-key").body;
  auto wrong_key = RunCraft({"export", "verify", zip, "--public-key", dir + "/other.pem"});
  EXPECT_EQ(wrong_key.exit_code, 4) << wrong_key.output;
  EXPECT_NE(wrong_key.output.find("signature"), std::string::npos) << wrong_key.output;
  // The same export offline from the data folder, signed with the same key.
  const std::string offline = dir + "/offline.zip";
  auto written = RunCraft({"export", "technical-file", "--version", version, "-o", offline,
                           "--data", server.data_dir()});
  ASSERT_EQ(written.exit_code, 0) << written.output;
  auto offline_ok = RunCraft({"export", "verify", offline, "--public-key", pem});
  EXPECT_EQ(offline_ok.exit_code, 0) << offline_ok.output;
  EXPECT_NE(RunCraft({"export", "technical-file", "--version", "nope", "-o", offline, "--data",
                      server.data_dir()})
                .exit_code,
            0);
  std::filesystem::remove_all(dir);
}

TEST(Export, ScopeAndTenancy) {
  CraftServer server;
  Api owner(server, server.owner_key());
  const std::string product = owner.Post("/api/v1/products", {{"name", "P"}}).json["id"];
  const std::string version =
      owner.Post("/api/v1/products/" + product + "/versions", {{"version", "1"}}).json["id"];
  auto key = owner.Post("/api/v1/api-keys", {{"name", "ro"}, {"scopes", {"product:read"}}});
  Api reader(server, key.json["secret"]);
  EXPECT_EQ(reader.Get("/api/v1/exports/versions/" + version + "/technical-file").status, 403);
  auto other = RunCraft({"admin", "org", "create", "Other", "--data", server.data_dir()});
  const auto at = other.output.find("CRAFT_API_KEY=");
  ASSERT_NE(at, std::string::npos);
  Api theirs(server, other.output.substr(at + 14, other.output.find('\n', at) - at - 14));
  EXPECT_EQ(theirs.Get("/api/v1/exports/versions/" + version + "/technical-file").status, 404);
  EXPECT_EQ(
      owner.Get("/api/v1/exports/versions/00000000-0000-7000-8000-000000000000/technical-file")
          .status,
      404);
  EXPECT_EQ(owner.Get("/api/v1/exports/versions/" + version + "/technical-file?include_sboms=maybe")
                .status,
            400);
}

}  // namespace
}  // namespace craft::testing

namespace craft::testing {
namespace {

// With an SBOM and findings stored, the export carries the SBOM as uploaded, the normalised
// component list, the vulnerability status at assessment and the VEX, and its verdict names the
// untriaged KEV vulnerability like the status endpoint does.
TEST(Export, SbomsComponentsFindingsAndVexAreInTheFile) {
  CraftServer server;
  Api api(server, server.owner_key());
  const std::string corpora = CRAFT_CORPORA;
  ASSERT_EQ(
      RunCraft({"vuln", "import", "osv", corpora + "/vuln/osv/records/github-advisory-database",
                "--data", server.data_dir()})
          .exit_code,
      0);
  ASSERT_EQ(
      RunCraft({"vuln", "import", "kev", corpora + "/vuln/kev/known_exploited_vulnerabilities.json",
                "--data", server.data_dir()})
          .exit_code,
      0);
  const std::string product = api.Post("/api/v1/products", {{"name", "Hub"}}).json["id"];
  const std::string version =
      api.Post("/api/v1/products/" + product + "/versions", {{"version", "3.0"}}).json["id"];
  const std::string sbom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
    "components":[{"type":"library","name":"log4j-core","group":"org.apache.logging.log4j",
    "version":"2.14.1","purl":"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
    "licenses":[{"license":{"id":"Apache-2.0"}}]}]})";
  const std::string form =
      "--b0\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename=\"hub.cdx.json\"\r\nContent-Type: application/json\r\n\r\n" +
      sbom + "\r\n--b0--\r\n";
  ASSERT_EQ(api.Raw("POST", "/api/v1/versions/" + version + "/sboms", form,
                    "multipart/form-data; boundary=b0")
                .status,
            201);
  auto reply = api.Get("/api/v1/exports/versions/" + version + "/technical-file");
  ASSERT_EQ(reply.status, 200);
  const std::string dir = MakeTempDir();
  const std::string zip = dir + "/export.zip";
  std::ofstream(zip, std::ios::binary) << reply.body;
  ASSERT_EQ(Shell("cd " + dir + " && unzip -q export.zip"), 0);
  EXPECT_EQ(ReadFile(dir + "/sboms/hub.cdx.json"), sbom) << "the SBOM as uploaded";
  const auto components = nlohmann::json::parse(ReadFile(dir + "/sboms/sbom-components.json"));
  ASSERT_FALSE(components.empty()) << components.dump();
  EXPECT_NE(components.dump().find("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"),
            std::string::npos);
  EXPECT_NE(ReadFile(dir + "/vex/vex.cdx.json").find("CVE-2021-44228"), std::string::npos);
  EXPECT_NE(ReadFile(dir + "/vex/csaf-vex.json").find("CVE-2021-44228"), std::string::npos);
  const auto manifest = nlohmann::json::parse(ReadFile(dir + "/manifest.json"));
  EXPECT_EQ(manifest["sboms"].size(), 1u);
  EXPECT_NE(manifest["cra_status"].dump().find("kev CVE-2021-44228"), std::string::npos)
      << manifest["cra_status"].dump();
  EXPECT_NE(manifest.dump().find("CVE-2021-44228"), std::string::npos);
  auto verified = RunCraft({"export", "verify", zip});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_EQ(Shell("pdftotext " + dir + "/technical-file.pdf " + dir + "/pdf.txt"), 0);
  const std::string text = ReadFile(dir + "/pdf.txt");
  EXPECT_NE(text.find("CVE-2021-44228"), std::string::npos);
  EXPECT_NE(text.find("hub.cdx.json"), std::string::npos);
}

}  // namespace
}  // namespace craft::testing
