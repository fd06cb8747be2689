// A UTF-8 byte order mark before an SBOM (Windows tools write one): RFC 8259 lets a JSON reader
// ignore it, and XML allows it. The reader always skipped it, but the validator read the bytes
// as given and refused valid JSON and tag-value documents as malformed (`1:1: malformed JSON`,
// `line 1: the required field spdxVersion is missing`).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "corpus.h"
#include "sbom/check.h"

namespace craft::sbom {
namespace {

using testing::ReadCorpus;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::vector<std::string> Messages(const CheckResult& r, Diagnostic::Severity severity) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) {
    if (d.severity == severity) out.push_back(d.location + ": " + d.message);
  }
  return out;
}

TEST(ByteOrderMark, IsIgnoredWithAWarningAndChangesNothingElse) {
  for (const char* file : {
           "cyclonedx-spec/tools/src/test/resources/1.6/valid-assembly-1.6.json",
           "cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.xml",
           "spdx-spec/support-2.3.1/examples/SPDXJSONExample-v2.3.spdx.json",
           "spdx-spec/support-2.3.1/examples/SPDXTagExample-v2.3.spdx",
           "sbomqs/spdx3/appbomination.spdx3.json",
       }) {
    SCOPED_TRACE(file);
    const std::string plain = ReadCorpus(file);
    const CheckResult without = CheckSbom(plain);
    const CheckResult with = CheckSbom(std::string(kBom) + plain);
    ASSERT_TRUE(with.document);
    EXPECT_EQ(with.valid, without.valid);
    EXPECT_EQ(Messages(with, Diagnostic::Severity::kError),
              Messages(without, Diagnostic::Severity::kError));
    EXPECT_EQ(with.summary.total, without.summary.total);
    EXPECT_EQ(with.score.score, without.score.score);
    std::vector<std::string> warnings = Messages(without, Diagnostic::Severity::kWarning);
    const bool xml = plain.find('<') < plain.find_first_of("{S");
    if (!xml) {
      warnings.insert(warnings.begin(),
                      "1:1: the file starts with a UTF-8 byte order mark (EF BB BF), which "
                      "RFC 8259 does not allow in JSON and SPDX does not expect; it was ignored, "
                      "but other tools may refuse the file");
    }
    EXPECT_EQ(Messages(with, Diagnostic::Severity::kWarning), warnings);
  }
}

}  // namespace
}  // namespace craft::sbom
