// The SBOM endpoints against a real `craft serve`: validate without storing, upload (raw and
// multipart), list, read with reports, original bytes, components; bad input and tenancy.
#include <gtest/gtest.h>

#include "craft_server.h"

namespace craft::testing {
namespace {

using nlohmann::json;

const std::string kCorpora = CRAFT_CORPORA;

std::string VersionOf(Api& api, const std::string& name) {
  auto product = api.Post("/api/v1/products", {{"name", name}, {"category", "default"}});
  EXPECT_EQ(product.status, 201) << product.body;
  auto version = api.Post("/api/v1/products/" + product.json["id"].get<std::string>() + "/versions",
                          {{"version", "1.0.0"}});
  EXPECT_EQ(version.status, 201) << version.body;
  return version.json["id"];
}

TEST(SbomApi, ValidateAnswersTheCheckWithoutStoring) {
  CraftServer server;
  Api api(server, server.owner_key());
  const std::string bytes =
      ReadFile(kCorpora + "/sbomqs/testdata/bsi/cdx/validFullyCompliantBsiV21.cdx16.json");
  auto r = api.Raw("POST", "/api/v1/sboms/validate", bytes, "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  for (const char* key : {"valid", "format", "spec_version", "component_count", "purl_coverage_pct",
                          "versionless_count", "quality_score", "warnings", "errors"}) {
    EXPECT_TRUE(r.json.contains(key)) << key;
  }
  EXPECT_EQ(r.json["valid"], true);
  EXPECT_EQ(r.json["format"], "CycloneDX JSON");
  EXPECT_EQ(r.json["component_count"], 2);
  EXPECT_EQ(r.json["report"]["profile"], "bsi-v2.1");
  // The CLI says the same about the same bytes.
  const auto cli =
      RunCraft({"sbom", "check", "--format", "json",
                kCorpora + "/sbomqs/testdata/bsi/cdx/validFullyCompliantBsiV21.cdx16.json"});
  const json local = json::parse(cli.output.substr(cli.output.find('{')));
  for (const char* key : {"valid", "component_count", "quality_score", "purl_coverage_pct"}) {
    EXPECT_EQ(local[key], r.json[key]) << key;
  }
  auto ntia = api.Raw("POST", "/api/v1/sboms/validate?profile=ntia", bytes, "application/json");
  EXPECT_EQ(ntia.json["report"]["profile"], "ntia");
  auto bad_profile = api.Raw("POST", "/api/v1/sboms/validate?profile=x", bytes, "application/json");
  EXPECT_EQ(bad_profile.status, 400);

  auto html =
      api.Raw("POST", "/api/v1/sboms/validate", "<!DOCTYPE html><html></html>", "application/json");
  ASSERT_EQ(html.status, 200) << html.body;
  EXPECT_EQ(html.json["valid"], false);
  ASSERT_FALSE(html.json["errors"].empty());
  EXPECT_FALSE(html.json["errors"][0]["location"].get<std::string>().empty());
  EXPECT_EQ(api.Raw("POST", "/api/v1/sboms/validate", "", "application/json").status, 422);
}

TEST(SbomApi, UploadListReadContentAndComponents) {
  CraftServer server;
  Api api(server, server.owner_key());
  const std::string version_id = VersionOf(api, "Gateway");
  const std::string path =
      kCorpora + "/cyclonedx-spec/tools/src/test/resources/1.6/valid-bom-1.6.json";
  const std::string bytes = ReadFile(path);
  auto raw = api.Raw("POST", "/api/v1/versions/" + version_id + "/sboms", bytes,
                     "application/vnd.cyclonedx+json");
  ASSERT_EQ(raw.status, 201) << raw.body;
  const std::string sbom_id = raw.json["id"];
  EXPECT_EQ(raw.json["sha256"], Sha256Hex(bytes));
  EXPECT_EQ(raw.json["spec_version"], "1.6");
  EXPECT_EQ(raw.Header("Location"), "/api/v1/sboms/" + sbom_id);

  // Multipart, the way browsers and curl -F send it.
  const std::string spdx = ReadFile(kCorpora + "/sbomqs/testdata/fixtures/spdx-perfect-score.json");
  const std::string boundary = "craftboundary7";
  const std::string form =
      "--" + boundary +
      "\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename=\"app.spdx.json\"\r\nContent-Type: application/spdx+json\r\n\r\n" +
      spdx + "\r\n--" + boundary + "--\r\n";
  auto multipart = api.Raw("POST", "/api/v1/versions/" + version_id + "/sboms", form,
                           "multipart/form-data; boundary=" + boundary);
  ASSERT_EQ(multipart.status, 201) << multipart.body;
  EXPECT_EQ(multipart.json["file_name"], "app.spdx.json");
  EXPECT_EQ(multipart.json["format"], "SPDX JSON");

  auto list = api.Get("/api/v1/versions/" + version_id + "/sboms");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json["items"].size(), 2u);
  EXPECT_EQ(list.json["items"][0]["id"], sbom_id);

  auto one = api.Get("/api/v1/sboms/" + sbom_id);
  ASSERT_EQ(one.status, 200);
  for (const char* profile : {"bsi-v2.1", "bsi-v2.0", "ntia"}) {
    EXPECT_TRUE(one.json["reports"].contains(profile)) << profile;
  }
  auto content = api.Get("/api/v1/sboms/" + sbom_id + "/content");
  ASSERT_EQ(content.status, 200);
  EXPECT_EQ(content.body, bytes) << "the original bytes, unchanged";

  auto all = api.Get("/api/v1/versions/" + version_id + "/components?limit=500");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json["items"].size(), raw.json["component_count"].get<std::size_t>() +
                                          multipart.json["component_count"].get<std::size_t>());
  auto page = api.Get("/api/v1/versions/" + version_id + "/components?limit=1");
  EXPECT_EQ(page.json["items"].size(), 1u);
  ASSERT_TRUE(page.json["next_cursor"].is_string());
  auto next = api.Get("/api/v1/versions/" + version_id +
                      "/components?limit=1&cursor=" + page.json["next_cursor"].get<std::string>());
  EXPECT_NE(next.json["items"][0]["id"], page.json["items"][0]["id"]);
  auto found = api.Get("/api/v1/versions/" + version_id + "/components?q=AWESOME");
  ASSERT_EQ(found.json["items"].size(), 1u) << found.body;
  EXPECT_EQ(found.json["items"][0]["name"], "awesome-library");
  auto typed = api.Get("/api/v1/versions/" + version_id + "/components?type=nothing-like-this");
  EXPECT_TRUE(typed.json["items"].empty());
}

TEST(SbomApi, BadUploadsAreRefusedAndNothingIsStored) {
  CraftServer server;
  Api api(server, server.owner_key());
  const std::string version_id = VersionOf(api, "Sensor");
  const std::string url = "/api/v1/versions/" + version_id + "/sboms";
  auto html = api.Raw("POST", url, "<html><body>not an SBOM</body></html>", "text/html");
  EXPECT_EQ(html.status, 422) << html.body;
  EXPECT_FALSE(html.json["errors"].empty()) << html.body;
  auto truncated =
      api.Raw("POST", url,
              ReadFile(kCorpora + "/sbomqs/testdata/bsi/cdx/validFullyCompliantBsiV21.cdx16.json")
                  .substr(0, 200),
              "application/json");
  EXPECT_EQ(truncated.status, 422) << truncated.body;
  EXPECT_NE(truncated.body.find(':'), std::string::npos);
  auto licences =
      api.Raw("POST", url, R"({"licenseListVersion":"3.21","licenses":[]})", "application/json");
  EXPECT_EQ(licences.status, 422) << licences.body;
  EXPECT_EQ(api.Raw("POST", url, "", "application/json").status, 422);
  EXPECT_TRUE(api.Get(url).json["items"].empty());
  EXPECT_EQ(api.Raw("POST", "/api/v1/versions/00000000-0000-7000-8000-000000000000/sboms", "{}",
                    "application/json")
                .status,
            404);
}

TEST(SbomApi, AnotherOrganisationSeesNothing) {
  CraftServer server;
  Api api(server, server.owner_key());
  const std::string version_id = VersionOf(api, "Camera");
  auto up =
      api.Raw("POST", "/api/v1/versions/" + version_id + "/sboms",
              ReadFile(kCorpora + "/sbomqs/testdata/bsi/cdx/validFullyCompliantBsiV21.cdx16.json"),
              "application/json");
  ASSERT_EQ(up.status, 201);
  const auto other =
      RunCraft({"admin", "org", "create", "Other GmbH", "--data", server.data_dir()});
  ASSERT_EQ(other.exit_code, 0) << other.output;
  const auto at = other.output.find("CRAFT_API_KEY=");
  ASSERT_NE(at, std::string::npos);
  Api stranger(server, other.output.substr(at + 14, other.output.find('\n', at) - at - 14));
  const std::string id = up.json["id"];
  EXPECT_EQ(stranger.Get("/api/v1/sboms/" + id).status, 404);
  EXPECT_EQ(stranger.Get("/api/v1/sboms/" + id + "/content").status, 404);
  EXPECT_EQ(stranger.Get("/api/v1/versions/" + version_id + "/sboms").status, 404);
  EXPECT_EQ(stranger.Get("/api/v1/versions/" + version_id + "/components").status, 404);
  EXPECT_EQ(
      stranger
          .Raw("POST", "/api/v1/versions/" + version_id + "/sboms",
               ReadFile(kCorpora + "/sbomqs/testdata/bsi/cdx/validFullyCompliantBsiV21.cdx16.json"),
               "application/json")
          .status,
      404);
}

}  // namespace
}  // namespace craft::testing
