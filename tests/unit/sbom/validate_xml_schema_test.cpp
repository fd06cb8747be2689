#include <gtest/gtest.h>

#include "corpus.h"
#include "sbom/validate/cyclonedx_xml_schema.h"

namespace craft::sbom {
namespace {

using testing::CorpusFiles;
using testing::ReadFile;

// The CycloneDX specification's XML test suite, 1.4 to 1.7, against the XSDs craft embeds (from
// npm @cyclonedx/cyclonedx-library): every valid-*.xml passes, every invalid-*.xml is rejected
// with at least one located error. (The suite's informal-invalid-* files break rules that no XSD
// states; they are a matter for craft's own checks.)
TEST(ValidateCycloneDxXml, ClassifiesTheSpecSuite) {
  int valid = 0, invalid = 0;
  for (std::string v : {"1.4", "1.5", "1.6", "1.7"}) {
    const std::string folder = "cyclonedx-spec/tools/src/test/resources/" + v;
    for (const auto& path : CorpusFiles(folder, "valid-", ".xml")) {
      auto errors = ValidateCycloneDxXml(ReadFile(path), v);
      EXPECT_TRUE(errors.empty()) << path << ": " << (errors.empty() ? "" : errors[0].message);
      ++valid;
    }
    for (const auto& path : CorpusFiles(folder, "invalid-", ".xml")) {
      auto errors = ValidateCycloneDxXml(ReadFile(path), v);
      ASSERT_FALSE(errors.empty()) << path;
      EXPECT_NE(errors[0].location.find(':'), std::string::npos) << path;
      EXPECT_FALSE(errors[0].message.empty()) << path;
      ++invalid;
    }
  }
  std::cout << "[validate] XSD: " << valid << " valid-*.xml accepted, " << invalid
            << " invalid-*.xml rejected\n";
}

// A spec version without a schema, and a DOCTYPE, are errors of their own.
TEST(ValidateCycloneDxXml, RefusesUnknownVersionsAndDoctypes) {
  const std::string bom = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\"/>";
  EXPECT_TRUE(ValidateCycloneDxXml(bom, "1.6").empty());
  EXPECT_FALSE(ValidateCycloneDxXml(bom, "9.9").empty());
  auto doctype = ValidateCycloneDxXml("<!DOCTYPE bom [<!ENTITY x \"y\">]>" + bom, "1.6");
  ASSERT_EQ(doctype.size(), 1u);
  EXPECT_EQ(doctype[0].location, "1:1");
}

}  // namespace
}  // namespace craft::sbom
