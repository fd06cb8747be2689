// CheckResultJsonText writes what CheckResultJson(...).dump(2) would, byte for byte: on every SBOM
// of the corpora, with each profile and without one, and on strings that need escaping.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "corpus.h"
#include "sbom/check.h"

namespace craft::sbom {
namespace {

using testing::Corpus;
using testing::ReadCorpus;

void ExpectSameText(const std::string& bytes, const std::string& what) {
  const CheckResult result = CheckSbom(bytes);
  for (std::optional<Profile> profile :
       {std::optional<Profile>(), std::optional<Profile>(Profile::kBsiV2_1),
        std::optional<Profile>(Profile::kBsiV2_0), std::optional<Profile>(Profile::kNtia)}) {
    EXPECT_EQ(CheckResultJsonText(result, profile), CheckResultJson(result, profile).dump(2))
        << what << " profile " << (profile ? ProfileName(*profile) : "none");
  }
}

TEST(CheckResultJsonText, SameAsTheJsonTreeOnTheCorpora) {
  std::size_t files = 0;
  for (const char* folder : {"cyclonedx-bom-examples/SBOM", "sbom-scorecard/examples",
                             "spdx-examples/software", "cyclonedx-spec/tools/src/test/resources"}) {
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(Corpus(folder), ec)) {
      if (!e.is_regular_file() || e.file_size() > 1'000'000) continue;
      const std::string name = e.path().filename().string();
      if (!name.ends_with(".json") && !name.ends_with(".xml") && !name.ends_with(".spdx")) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      ExpectSameText(s.str(), e.path().string());
      ++files;
    }
  }
  EXPECT_GT(files, 100u);
}

// Control characters, quotes, backslashes, DEL and non-ASCII text in names and diagnostics; an
// SBOM with errors; bytes that are not an SBOM (no document).
TEST(CheckResultJsonText, SameAsTheJsonTreeOnStringsThatNeedEscaping) {
  ExpectSameText(R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[)"
                 R"({"type":"library","name":"a\"b\\c\u0001\u001f\t\n\r\b\f","version":"1"},)"
                 R"({"type":"library","name":"é ü 漢字 😀 \u007f","bom-ref":"x/y~z"},)"
                 R"({"type":"library","name":"n","version":2,"purl":"pkg:npm/a@1"},)"
                 R"({"type":"library","name":"n","purl":"pkg:npm/a@1"}]})",
                 "escapes");
  ExpectSameText("not an sbom", "not an sbom");
  ExpectSameText(R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":{}})", "invalid");
  ExpectSameText(R"({"bomFormat":"CycloneDX","specVersion":"1.6"})", "no components");
}

// A string that is not UTF-8 in a result: the same exception from both writers. (sbom::Parse now
// refuses such input, so the result is altered by hand; the writers must still agree.)
TEST(CheckResultJsonText, InvalidUtf8ThrowsWhatDumpThrows) {
  std::string tv =
      "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n"
      "DocumentName: d\nDocumentNamespace: https://example.com/d\n"
      "Creator: Tool: t\nCreated: 2024-01-01T00:00:00Z\n\n"
      "PackageName: p\nSPDXID: SPDXRef-p\nPackageDownloadLocation: NOASSERTION\n"
      "PrimaryPackagePurpose: bad\xff\xfe type\n";
  EXPECT_FALSE(CheckSbom(tv).document);  // refused at 12:31
  CheckResult result = CheckSbom(tv.substr(0, tv.find("PrimaryPackagePurpose")));
  ASSERT_TRUE(result.document);
  result.diagnostics.push_back({Diagnostic::Severity::kWarning, "/x", "bad\xff\xfe type"});
  std::string tree_error, text_error;
  try {
    (void)CheckResultJson(result, Profile::kNtia).dump(2);
  } catch (const nlohmann::json::type_error& e) {
    tree_error = e.what();
  }
  try {
    (void)CheckResultJsonText(result, Profile::kNtia);
  } catch (const nlohmann::json::type_error& e) {
    text_error = e.what();
  }
  EXPECT_FALSE(tree_error.empty());
  EXPECT_EQ(text_error, tree_error);
}

}  // namespace
}  // namespace craft::sbom
