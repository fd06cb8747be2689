// The field mappings of the writers on built documents (issue 3, "Writing"): hashes, licences,
// identifiers, parties, the graph, the primary component, ids and timestamps. The names come from
// the CycloneDX 1.6 schema (hash-alg, licenseChoice, organizationalEntity) and SPDX 2.3 (clauses
// 7.x: checksums, externalRefs, supplier, licenseDeclared; 11: relationships).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sbom/parse.h"
#include "sbom/write/mapping.h"
#include "sbom/write/write.h"

namespace craft::sbom::testing {

std::vector<std::string> SchemaErrors(const std::string& json, bool cyclonedx);

namespace {

using nlohmann::json;

Document Sample() {
  Document doc;
  doc.format = Format::kSpdxJson;
  doc.serial_number = "https://example.com/spdx/sample-1";
  doc.name = "sample";
  doc.timestamp = "2024-05-06T09:10:11.123+02:00";
  doc.authors.push_back({"Jane Doe", {}, {"jane@example.com"}});
  doc.tools.push_back({"", "syft", "1.0"});
  Component app;
  app.ref = "SPDXRef-app";
  app.type = "application";
  app.name = "app";
  app.version = "1.0";
  doc.components.push_back(app);
  Component lib;
  lib.ref = "my lib#1";  // not an SPDX id
  lib.name = "lib";
  lib.version = "2.0";
  lib.purl = "pkg:npm/lib@2.0";
  lib.cpe = "cpe:2.3:a:acme:lib:2.0:*:*:*:*:*:*:*";
  lib.supplier = Party{"Acme", {}, {"oss@acme.example"}};
  lib.hashes = {{"SHA256", std::string(64, 'a')}, {"ADLER32", "0a1b2c3d"}, {"sha-1", "nothex"}};
  lib.declared_licenses = {{"", "", "MIT OR Apache-2.0", "", ""}};
  lib.concluded_licenses = {{"", "", "(MIT AND BSD-3-Clause)", "", ""}};
  lib.file_name = "lib-2.0.tgz";
  lib.properties = {{"bsi:component:executable", "false"}};
  doc.components.push_back(lib);
  Component other = lib;
  other.ref = "my lib#2";  // the same characters once made valid
  other.name = "other";
  other.declared_licenses = {{"", "Acme Proprietary Licence", "", "", ""}};
  other.concluded_licenses.clear();
  doc.components.push_back(other);
  doc.primary_component = 0;
  doc.dependencies = {{"SPDXRef-app", {"my lib#1", "my lib#2"}}, {"my lib#1", {"files-only"}}};
  return doc;
}

// Hashes are renamed for the target; what the target cannot hold is dropped with a warning.
TEST(WriteMapping, HashesAreRenamedOrDroppedWithAWarning) {
  std::vector<Diagnostic> warnings;
  const json cdx = json::parse(WriteCycloneDxJson(Sample(), &warnings));
  const json& lib = cdx["components"][0];
  ASSERT_EQ(lib["hashes"].size(), 1u);
  EXPECT_EQ(lib["hashes"][0]["alg"], "SHA-256");
  std::vector<std::string> dropped;
  for (const auto& w : warnings) {
    if (w.location.find("/hashes/") != std::string::npos) dropped.push_back(w.location);
  }
  // ADLER32 and the non-hex SHA-1, on lib and other.
  EXPECT_EQ(dropped,
            (std::vector<std::string>{"/components/1/hashes/1", "/components/1/hashes/2",
                                      "/components/2/hashes/1", "/components/2/hashes/2"}));
  const json spdx = json::parse(WriteSpdxJson(Sample()));
  const json& checksums = spdx["packages"][1]["checksums"];
  ASSERT_EQ(checksums.size(), 3u);  // SPDX 2.3 has ADLER32 and takes any SHA1 value
  EXPECT_EQ(checksums[0]["algorithm"], "SHA256");
  EXPECT_EQ(checksums[2]["algorithm"], "SHA1");
}

// CycloneDX: an expression stands alone, so two statements become licence names with their
// acknowledgement; SPDX: each kind one expression, a free-text name a LicenseRef- with its text.
TEST(WriteMapping, Licences) {
  const json cdx = json::parse(WriteCycloneDxJson(Sample()));
  EXPECT_EQ(cdx["components"][0]["licenses"],
            json::parse(R"j([{"license": {"name": "MIT OR Apache-2.0"}},
                            {"license": {"name": "(MIT AND BSD-3-Clause)",
                                         "acknowledgement": "concluded"
}
}])j"));
  const json spdx = json::parse(WriteSpdxJson(Sample()));
  EXPECT_EQ(spdx["packages"][1]["licenseDeclared"], "MIT OR Apache-2.0");
  EXPECT_EQ(spdx["packages"][1]["licenseConcluded"], "(MIT AND BSD-3-Clause)");
  EXPECT_EQ(spdx["packages"][2]["licenseDeclared"], "LicenseRef-Acme-Proprietary-Licence");
  EXPECT_EQ(spdx["packages"][2]["licenseConcluded"], "NOASSERTION");
  EXPECT_EQ(spdx["hasExtractedLicensingInfos"][0]["extractedText"], "Acme Proprietary Licence");
}

// purl -> PACKAGE-MANAGER purl, cpe -> SECURITY cpe23Type, supplier -> "Organization: X (e-mail)",
// file name -> packageFileName; SPDXIDs made valid and unique, deterministically.
TEST(WriteMapping, SpdxIdentifiersAndParties) {
  const json spdx = json::parse(WriteSpdxJson(Sample()));
  const json& lib = spdx["packages"][1];
  EXPECT_EQ(lib["SPDXID"], "SPDXRef-my-lib-1");
  EXPECT_EQ(spdx["packages"][2]["SPDXID"], "SPDXRef-my-lib-2");
  EXPECT_EQ(spdx["packages"][0]["SPDXID"], "SPDXRef-app");
  EXPECT_EQ(lib["supplier"], "Organization: Acme (oss@acme.example)");
  EXPECT_EQ(lib["packageFileName"], "lib-2.0.tgz");
  EXPECT_EQ(lib["externalRefs"][0],
            json::parse(R"j({"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                            "referenceLocator": "pkg:npm/lib@2.0"})j"));
  EXPECT_EQ(lib["externalRefs"][1]["referenceType"], "cpe23Type");
  EXPECT_EQ(spdx["documentNamespace"], "https://example.com/spdx/sample-1");
  EXPECT_EQ(spdx["creationInfo"]["created"], "2024-05-06T07:10:11Z");
  EXPECT_EQ(spdx["creationInfo"]["creators"],
            json::parse(R"j(["Person: Jane Doe (jane@example.com)", "Tool: syft-1.0"])j"));
  write::SpdxIds ids;
  EXPECT_EQ(ids.Allocate("SPDXRef-DOCUMENT", ""), "SPDXRef-DOCUMENT-2");
  EXPECT_EQ(ids.Allocate("", "zlib 1.3"), "SPDXRef-zlib-1.3");
  EXPECT_EQ(ids.Allocate("", "zlib 1.3"), "SPDXRef-zlib-1.3-2");
}

// Dependencies become DEPENDS_ON, the primary component is DESCRIBED by the document; an edge
// to something that is not a package is dropped with a warning.
TEST(WriteMapping, SpdxRelationships) {
  std::vector<Diagnostic> warnings;
  const json spdx = json::parse(WriteSpdxJson(Sample(), &warnings));
  EXPECT_EQ(spdx["relationships"], json::parse(R"j([
    {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
     "relatedSpdxElement": "SPDXRef-app"},
    {"spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON",
     "relatedSpdxElement": "SPDXRef-my-lib-1"},
    {"spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON",
     "relatedSpdxElement": "SPDXRef-my-lib-2"}])j"));
  EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(),
                          [](const Diagnostic& d) { return d.location == "/dependencies"; }));
}

// The SPDX primary package becomes metadata.component; bom-refs, the graph, the SPDX identity
// (namespace and name as craft:spdx:* properties) and a content-derived serial number.
TEST(WriteMapping, CycloneDxPrimaryGraphAndIdentity) {
  const std::string out = WriteCycloneDxJson(Sample());
  const json cdx = json::parse(out);
  EXPECT_EQ(cdx["metadata"]["component"]["bom-ref"], "SPDXRef-app");
  EXPECT_EQ(cdx["components"].size(), 2u);
  EXPECT_EQ(cdx["components"][0]["bom-ref"], "my lib#1");
  EXPECT_EQ(cdx["dependencies"][0]["dependsOn"], json::parse(R"j(["my lib#1", "my lib#2"])j"));
  EXPECT_EQ(cdx["metadata"]["timestamp"], "2024-05-06T09:10:11.123+02:00");
  EXPECT_EQ(cdx["metadata"]["properties"][0]["value"], "https://example.com/spdx/sample-1");
  EXPECT_EQ(cdx["components"][0]["properties"][1],
            json::parse(R"j({"name": "bsi:component:filename", "value": "lib-2.0.tgz"})j"));
  const std::string serial = cdx["serialNumber"];
  EXPECT_TRUE(serial.starts_with("urn:uuid:")) << serial;
  Document changed = Sample();
  changed.components[1].version = "2.0.1";
  EXPECT_NE(json::parse(WriteCycloneDxJson(changed))["serialNumber"], serial);
  EXPECT_EQ(WriteCycloneDxJson(Sample()), out);
  for (const auto& e : SchemaErrors(out, true)) ADD_FAILURE() << e;
  for (const auto& e : SchemaErrors(WriteSpdxJson(Sample()), false)) ADD_FAILURE() << e;
  // Through SPDX and back, the namespace is the SPDX document's again.
  const auto back = Parse(WriteSpdxJson(*Parse(out).value));
  ASSERT_TRUE(back.value);
  EXPECT_EQ(back.value->serial_number, "https://example.com/spdx/sample-1");
  EXPECT_EQ(back.value->name, "sample");
}

// An empty document is still a valid document of either format.
TEST(WriteMapping, EmptyDocumentIsValid) {
  std::vector<Diagnostic> warnings;
  for (const auto& e : SchemaErrors(WriteCycloneDxJson(Document{}), true)) ADD_FAILURE() << e;
  for (const auto& e : SchemaErrors(WriteSpdxJson(Document{}, &warnings), false))
    ADD_FAILURE() << e;
  ASSERT_EQ(warnings.size(), 1u);  // no timestamp: the epoch is written
  EXPECT_EQ(write::ToSpdxTimestamp("2024-12-31T23:30:00-01:00"), "2025-01-01T00:30:00Z");
  EXPECT_FALSE(write::ToSpdxTimestamp("yesterday"));
}

}  // namespace
}  // namespace craft::sbom::testing
