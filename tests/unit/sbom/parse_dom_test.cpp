// The JSON readers run over simdjson's DOM first and On-Demand when the DOM refuses the input or a
// diagnostic must quote the text as written (src/sbom/parse/json_reader.h). Whichever reads it,
// an SBOM reads the same: same document, same diagnostics.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "corpus.h"
#include "sbom/parse.h"
#include "sbom/parse/json_reader.h"
#include "sbom/write/write.h"

namespace craft::sbom {
namespace {

using testing::Corpus;

// What a reading says, as text: the diagnostics, then the document written as CycloneDX and as
// SPDX (which between them carry every field craft reads), and the nesting of components.
std::string Reading(const Parsed<Document>& parsed) {
  std::ostringstream out;
  for (const Diagnostic& d : parsed.diagnostics) {
    out << (d.severity == Diagnostic::Severity::kError ? "error " : "warning ") << d.location
        << ": " << d.message << "\n";
  }
  if (!parsed.value) return out.str() + "no document\n";
  const Document& doc = *parsed.value;
  out << WriteCycloneDxJson(doc) << "\n" << WriteSpdxJson(doc) << "\n";
  for (const Component& c : doc.components) {
    out << (c.parent ? std::to_string(*c.parent) : "-") << " " << c.swid_tag_id << " "
        << c.file_name << " " << c.scope << "\n";
  }
  out << doc.document_version << " " << doc.name << " " << doc.relationships.size() << "\n";
  return out.str();
}

void ExpectSameReading(const std::string& bytes, const std::string& what) {
  Parsed<Document> on_demand;
  parse::json::ReadJsonOnDemand(bytes, Limits{}, on_demand);
  EXPECT_EQ(Reading(Parse(bytes)), Reading(on_demand)) << what;
}

TEST(ParseDom, ReadsEveryJsonCorpusFileAsOnDemandDoes) {
  std::size_t files = 0;
  for (const char* folder : {"cyclonedx-bom-examples", "sbom-scorecard", "spdx-examples",
                             "spdx-spec", "cyclonedx-spec/tools/src/test/resources", "sbomqs"}) {
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(Corpus(folder), ec)) {
      if (!e.is_regular_file() || e.path().extension() != ".json") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      const std::string bytes = s.str();
      if (bytes.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      ExpectSameReading(bytes, e.path().string());
      ++files;
    }
  }
  EXPECT_GT(files, 500u);
}

// Fields of the wrong type (quoted as written, so read On-Demand), numbers where strings are
// expected, integers written as doubles, duplicate keys, escapes.
TEST(ParseDom, ReadsTroubleAsOnDemandDoes) {
  const std::string head = R"({"bomFormat":"CycloneDX","specVersion":"1.6",)";
  for (const std::string body : {
           R"("components":[{"type":"library","name":"a","version":2}]})",
           R"("components":[{"type":"library","name":"a","version":1.50}]})",
           R"("components":[{"type":"library","name":true,"version":null}]})",
           R"("components":[{"type":"library","name":["x"],"hashes":{"a":1}}]})",
           R"("version":-0,"components":[]})",
           R"("version":1.0,"components":[]})",
           R"("version":1e2,"components":[]})",
           R"("version":18446744073709551615,"components":[]})",
           R"("components":[{"name":"a","name":"b\u00e9\n\"","bom-ref":"x/y~z"}]})",
           R"("components":"none"})",
           R"("metadata":{"tools":[{"name":"t"}]},"x":[[[[]]]]})",
           R"("components":[{"name":"a","components":[{"name":"b","components":[{}]}]}]})",
       }) {
    ExpectSameReading(head + body, body);
  }
  ExpectSameReading(R"({"bomFormat":1,"specVersion":"1.6"})", "bomFormat number");
  ExpectSameReading(R"({"spdxVersion":"SPDX-2.3","packages":[{"name":7}]})", "spdx");
  ExpectSameReading(R"({"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld",)"
                    R"("@graph":[{"type":"software_Package","spdxId":"p","name":1}]})",
                    "spdx3");
  ExpectSameReading(R"([1,2])", "array");
  ExpectSameReading(R"({"openvex":1,"@context":"https://openvex.dev/ns"})", "openvex");
}

}  // namespace
}  // namespace craft::sbom
