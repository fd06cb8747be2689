// Matching components against shared OSV records: each case says which component at which version
// is (or is not) affected by which record, and the range event (or versions[] entry) that decides
// it, per the evaluation rules of the OSV specification (osv-schema docs/schema.md, "Evaluation").

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "vuln/advisory/ecosystem.h"
#include "vuln/import/osv.h"
#include "vuln/match/index.h"
#include "vuln/match/matcher.h"
#include "vuln/match/osv_evaluation.h"

namespace craft::vuln::match {
namespace {

namespace fs = std::filesystem;
using advisory::RangeEvent;

std::string ReadCorpus(const std::string& relative) {
  std::ifstream in(fs::path(CRAFT_CORPORA) / relative, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "corpus file missing: " << relative;
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

advisory::Advisory Load(const std::string& file, bool lenient = false) {
  import::OsvParseOptions options;
  if (lenient) options.conformance = import::OsvParseOptions::Conformance::kLenient;
  auto result = import::ParseOsvRecord(ReadCorpus("vuln/osv/" + file), options);
  if (!result.advisory) {
    ADD_FAILURE() << file << " was rejected: "
                  << (result.diagnostics.empty() ? "" : result.diagnostics[0].message);
    return {};
  }
  return std::move(*result.advisory);
}

// What decides a version that is not affected, over every SEMVER/ECOSYSTEM range of the record's
// entries for the package: "fixed 1.6.0" (the deciding event), "limit" (not below any limit) or
// "below" (below every event).
std::vector<std::string> Deciders(const advisory::Advisory& a, std::string_view name,
                                  std::string_view version) {
  std::vector<std::string> out;
  for (const auto& affected : a.affected) {
    if (affected.package.name != name) continue;
    for (const auto& range : affected.ranges) {
      if (range.type == advisory::AffectedRange::Type::kGit) continue;
      auto scheme = range.type == advisory::AffectedRange::Type::kSemver
                        ? version::Scheme::kSemVer
                        : EcosystemScheme(affected);
      auto e = EvaluateRange(range, version, scheme);
      if (!e.before_limits) {
        out.push_back("limit");
      } else if (e.deciding == nullptr) {
        out.push_back("below");
      } else {
        out.push_back(std::string(advisory::RangeEventKindName(e.deciding->kind)) + " " +
                      e.deciding->version);
      }
    }
  }
  return out;
}

struct Case {
  const char* why;   // the rule checked and where the expectation comes from
  std::string file;  // under vuln/osv/; empty: found from the record named in `why`
  bool lenient;
  PurlParts purl;              // used when purl.type is set
  PackageComponent component;  // otherwise
  bool affected;
  // Affected: a substring of the finding's reason and the first fixed version ("" for none).
  // Not affected: the deciding event over the package's ranges ("fixed 1.6.0", "limit", "below"),
  // or "" when no entry of the record applies to the component at all.
  const char* because;
  const char* fixed = "";
};

constexpr const char* kLinter = "osv-schema/tools/osv-linter/testdata/";
constexpr const char* kGhsaTool = "osv-schema/tools/ghsa/testdata/";
constexpr const char* kDt = "records/dependency-track/vuln-data-source/osv/src/test/resources/";
constexpr const char* kWorker = "osv.dev/gcp/workers/oss_fuzz_worker/testdata/";

std::string In(const char* folder, const char* file) { return std::string(folder) + file; }

Case C(const char* why, std::string file, bool lenient, PurlParts purl, PackageComponent component,
       bool affected, const char* because, const char* fixed = "") {
  return {why,      std::move(file), lenient, std::move(purl), std::move(component),
          affected, because,         fixed};
}

PurlParts Purl(std::string type, std::string ns, std::string name, std::string version,
               std::map<std::string, std::string> qualifiers = {}) {
  return {std::move(type), std::move(ns), std::move(name), std::move(version),
          std::move(qualifiers)};
}

std::vector<Case> Cases() {
  return {
      // Go (SEMVER ranges, purl golang, the "v" of Go versions).
      C("GO-2020-0001: gin v1.5.0 lies in [introduced 0, fixed 1.6.0)", "", false,
        Purl("golang", "github.com/gin-gonic", "gin", "v1.5.0"), {}, true,
        "at or above introduced 0", "1.6.0"),
      C("GO-2020-0001: gin v1.6.0 is the fixed version", "", false,
        Purl("golang", "github.com/gin-gonic", "gin", "v1.6.0"), {}, false, "fixed 1.6.0"),
      C("GO-2024-2963: stdlib 1.22.3 in the second range [1.22.0-0, 1.22.5)", "", false, {},
        {"Go", "stdlib", "1.22.3"}, true, "introduced 1.22.0-0 and below fixed 1.22.5", "1.22.5"),
      C("GO-2024-2963: stdlib 1.21.12 is fixed in the first range, below the second", "", false, {},
        {"Go", "stdlib", "1.21.12"}, false, "fixed 1.21.12"),
      C("GO-2024-2963: stdlib 1.21.11: the smallest fix above is 1.21.12", "", false, {},
        {"Go", "stdlib", "1.21.11"}, true, "below fixed 1.21.12", "1.21.12"),
      C("GO-2021-0067: stdlib 1.15.9 is below introduced 1.16.0-0",
        "records/go-vulndb/GO-2021-0067.json", false, {}, {"Go", "stdlib", "1.15.9"}, false,
        "below"),
      C("GO-2022-0416: podman/v4 4.0.2 below fixed 4.0.3", "records/go-vulndb/GO-2022-0416.json",
        false, {}, {"Go", "github.com/containers/podman/v4", "4.0.2"}, true, "introduced 0",
        "4.0.3"),
      C("GO-2022-0416: podman/v3 has no fix: introduced 0 only",
        "records/go-vulndb/GO-2022-0416.json", false, {},
        {"Go", "github.com/containers/podman/v3", "3.4.7"}, true, "no fixed or last_affected", ""),
      C("GO-2020-0017: jwt-go introduced at a pseudo-version; v3.2.0 is above it",
        "records/go-vulndb/GO-2020-0017.json", false,
        Purl("golang", "github.com/dgrijalva", "jwt-go", "v3.2.0+incompatible"), {}, true,
        "introduced 0.0.0-20150717181359-44718f8a89b0", ""),
      C("GO-2022-0617 is withdrawn: kubernetes is not affected by it",
        "records/go-vulndb/GO-2022-0617.json", false, {}, {"Go", "k8s.io/kubernetes", "1.20.0"},
        false, ""),
      // PyPI (ECOSYSTEM ranges with PEP 440, GIT ranges beside them, long versions[] lists).
      C("PYSEC-2023-74: requests 2.30.0 in [2.3.0, 2.31.0); the GIT range is not evaluated", "",
        false, Purl("pypi", "", "requests", "2.30.0"), {}, true, "introduced 2.3.0", "2.31.0"),
      C("PYSEC-2023-74: requests 2.2.1 is below introduced 2.3.0 and not listed", "", false,
        Purl("pypi", "", "requests", "2.2.1"), {}, false, "below"),
      C("PYSEC-2022-42969: py 1.11.0 is the last_affected version, inclusive",
        "records/pypa/PYSEC-2022-42969.json", false, Purl("pypi", "", "py", "1.11.0"), {}, true,
        "at or below last_affected 1.11.0", ""),
      C("PYSEC-2022-42969: py 1.11.1 is above last_affected 1.11.0",
        "records/pypa/PYSEC-2022-42969.json", false, Purl("pypi", "", "py", "1.11.1"), {}, false,
        "last_affected 1.11.0"),
      C("PYSEC-2021-335: AccessControl 5.1 in the second interval [5.0, 5.2)",
        "records/pypa/PYSEC-2021-335.json", false, Purl("pypi", "", "AccessControl", "5.1"), {},
        true, "introduced 5.0", "5.2"),
      C("PYSEC-2021-335: AccessControl 4.3 is fixed, below introduced 5.0",
        "records/pypa/PYSEC-2021-335.json", false, Purl("pypi", "", "accesscontrol", "4.3"), {},
        false, "fixed 4.3"),
      C("PYSEC-2020-221 is withdrawn: ansible 2.9.0 (listed in its 330 versions) is not affected",
        "records/pypa/PYSEC-2020-221.json", false, Purl("pypi", "", "ansible", "2.9.0"), {}, false,
        ""),
      C("PYSEC-2021-76: aiohttp 3.7.3 below fixed 3.7.4 (210 listed versions beside the range)",
        "records/pypa/PYSEC-2021-76.json", false, Purl("pypi", "", "aiohttp", "3.7.3"), {}, true,
        "below fixed 3.7.4", "3.7.4"),
      C("MAL-2024-10238: 123bla 0.0.1 is listed in versions[] (no ranges)", "", false,
        Purl("pypi", "", "123bla", "0.0.1"), {}, true, "listed in versions[]", ""),
      C("MAL-2024-10238: 123bla 0.0.2 is not listed", "", false,
        Purl("pypi", "", "123bla", "0.0.2"), {}, false, ""),
      C("GHSA-9v2f: Gradio 4.36.1 is listed; PyPI names compare PEP 503-normalised", "", false,
        Purl("pypi", "", "gradio", "4.36.1"), {}, true, "listed in versions[]", ""),
      C("pypi_normalize.osv.json: Products.PluggableAuthService normalises to the record's name",
        "", false, Purl("pypi", "", "Products.PluggableAuthService", "2.6.0"), {}, true,
        "below fixed 2.6.1", "2.6.1"),
      // Maven, npm, NuGet, Packagist, RubyGems (ECOSYSTEM and SEMVER ranges).
      C("GHSA-jfh8 (log4shell): log4j-core 2.14.1 in [2.13.0, 2.15.0)",
        "records/github-advisory-database/GHSA-jfh8-c2jp-5v3q.json", false,
        Purl("maven", "org.apache.logging.log4j", "log4j-core", "2.14.1"), {}, true,
        "introduced 2.13.0 and below fixed 2.15.0", "2.15.0"),
      C("GHSA-jfh8: log4j-core 2.12.1 in the third entry [2.4, 2.12.2)",
        "records/github-advisory-database/GHSA-jfh8-c2jp-5v3q.json", false,
        Purl("maven", "org.apache.logging.log4j", "log4j-core", "2.12.1"), {}, true,
        "introduced 2.4", "2.12.2"),
      C("GHSA-jfh8: log4j-core 2.12.2 is the fix of its branch",
        "records/github-advisory-database/GHSA-jfh8-c2jp-5v3q.json", false,
        Purl("maven", "org.apache.logging.log4j", "log4j-core", "2.12.2"), {}, false,
        "fixed 2.12.2"),
      C("GHSA-29mw: lodash 4.17.20 below fixed 4.17.21",
        "records/github-advisory-database/GHSA-29mw-wpgm-hmr9.json", false,
        Purl("npm", "", "lodash", "4.17.20"), {}, true, "below fixed 4.17.21", "4.17.21"),
      C("GHSA-29mw: lodash.trim 4.5.1 is last_affected",
        "records/github-advisory-database/GHSA-29mw-wpgm-hmr9.json", false,
        Purl("npm", "", "lodash.trim", "4.5.1"), {}, true, "last_affected 4.5.1", ""),
      C("GHSA-5crp: NuGet names are case-insensitive: newtonsoft.json 12.0.3 < 13.0.1",
        "records/github-advisory-database/GHSA-5crp-9r3c-p9vr.json", false,
        Purl("nuget", "", "newtonsoft.json", "12.0.3"), {}, true, "below fixed 13.0.1", "13.0.1"),
      C("GHSA-v642: Packagist mantisbt/mantisbt 2.25.8 is fixed",
        "records/github-advisory-database/GHSA-v642-mh27-8j6m.json", false,
        Purl("composer", "mantisbt", "mantisbt", "2.25.8"), {}, false, "fixed 2.25.8"),
      C("equals_with_patch.osv.json: events out of order are sorted: 1.3.2 is fixed", "", false,
        Purl("npm", "", "mixin-deep", "1.3.2"), {}, false, "fixed 1.3.2"),
      C("equals_with_patch.osv.json: 2.0.0 is affected again (introduced 2.0.0)", "", false,
        Purl("npm", "", "mixin-deep", "2.0.0"), {}, true, "introduced 2.0.0 and below fixed 2.0.1",
        "2.0.1"),
      C("multiple_ranges_in_package.osv.json: passenger 4.0.4 in [4.0.1, 4.0.5)", "", false,
        Purl("gem", "", "passenger", "4.0.4"), {}, true, "introduced 4.0.1", "4.0.5"),
      C("maven_greater_than.osv.json: xwiki 12.7 lies between fixed 12.6.7 and introduced 12.10.0",
        "", false, Purl("maven", "org.xwiki.commons", "xwiki-commons-core", "12.7"), {}, false,
        "fixed 12.6.7"),
      C("npm_greater_than.osv.json: jquery 2.1.0 is below introduced 2.1.1-0", "", false,
        Purl("npm", "", "jquery", "2.1.0"), {}, false, "below"),
      C("withdrawn.osv.json (GitHub converter): activesupport is not affected once withdrawn", "",
        false, Purl("gem", "", "activesupport", "3.2.1"), {}, false, ""),
      C("equals_no_patch.osv.json: paranoid2 1.1.6 only through versions[]", "", false,
        Purl("gem", "", "paranoid2", "1.1.6"), {}, true, "listed in versions[]", ""),
      C("GHSA-838r: Maven any23 2.4 below fixed 2.5", In(kWorker, "GHSA-838r-hvwh-24h8.json"),
        false, Purl("maven", "org.apache.any23", "apache-any23", "2.4"), {}, true, "fixed 2.5",
        "2.5"),
  };
}

std::vector<Case> DistributionAndEdgeCases() {
  return {
      // Distributions: purl distro qualifiers to releases, dpkg/apk/rpm ordering, epochs.
      C("DSA-5474-1: intel-microcode on Debian 12 below 3.20230808.1~deb12u1", "", false,
        Purl("deb", "debian", "intel-microcode", "3.20230512.1", {{"distro", "debian-12"}}), {},
        true, "below fixed 3.20230808.1~deb12u1", "3.20230808.1~deb12u1"),
      C("DSA-5474-1: the Debian 12 fix on Debian 11 is above its ~deb11u1 fix", "", false,
        Purl("deb", "debian", "intel-microcode", "3.20230808.1~deb12u1", {{"distro", "bullseye"}}),
        {}, false, "fixed 3.20230808.1~deb11u1"),
      C("DSA-3029-1: nginx on wheezy (Debian 7) 1.2.1-2.2+wheezy2 < +wheezy3", "", false,
        Purl("deb", "debian", "nginx", "1.2.1-2.2+wheezy2", {{"distro", "wheezy"}}), {}, true,
        "fixed 1.2.1-2.2+wheezy3", "1.2.1-2.2+wheezy3"),
      C("CVE-2018-5407: openssl on Alpine 3.8 below 1.0.2q-r0; the GIT-only entry is not used", "",
        false, Purl("apk", "alpine", "openssl", "1.0.2p-r0", {{"distro", "alpine-3.8"}}), {}, true,
        "fixed 1.0.2q-r0", "1.0.2q-r0"),
      C("CVE-2018-5407: no entry for Alpine 3.9", "", false,
        Purl("apk", "alpine", "openssl", "1.0.2p-r0", {{"distro", "3.9.2"}}), {}, false, ""),
      C("CVE-2022-27449: mariadb on Alpine 3.15 below 10.6.8-r0",
        In(kWorker, "CVE-2022-27449.json"), false,
        Purl("apk", "alpine", "mariadb", "10.6.7-r0", {{"distro", "alpine-3.15"}}), {}, true,
        "fixed 10.6.8-r0", "10.6.8-r0"),
      C("RHSA-2024:4546: git-lfs on RHEL 8.6 (rhel_aus:8.6 stream) below 0:2.13.3-3.el8_6.1", "",
        false, Purl("rpm", "redhat", "git-lfs", "2.13.3-3.el8_6", {{"distro", "rhel-8.6"}}), {},
        true, "fixed 0:2.13.3-3.el8_6.1", "0:2.13.3-3.el8_6.1"),
      C("RHSA-2024:4546 names RHEL 8.6 streams only: RHEL 9 is not matched", "", false,
        Purl("rpm", "redhat", "git-lfs", "2.13.3-3.el8_6", {{"distro", "rhel-9"}}), {}, false, ""),
      C("UBUNTU-CVE-2025-38094: Ubuntu Pro 14.04 linux, introduced 0 and 180 listed versions", "",
        false, {}, {"Ubuntu:Pro:14.04", "linux", "4.4.0-148.174~14.04.1"}, true, "introduced 0",
        ""),
      C("UBUNTU-CVE-2025-38094 is a Pro record: plain Ubuntu 14.04 is not matched", "", false, {},
        {"Ubuntu:14.04", "linux", "4.4.0-148.174~14.04.1"}, false, ""),
      // Dependency-Track edge cases.
      C("DT git-commit-hash-ranges: OSS-Fuzz radare2 5.4.0-git listed beside a GIT-only range", "",
        false, {}, {"OSS-Fuzz", "radare2", "5.4.0-git"}, true, "listed in versions[]", ""),
      C("DT git-commit-hash-ranges: 5.4.0 is not listed and GIT ranges are never evaluated", "",
        false, {}, {"OSS-Fuzz", "radare2", "5.4.0"}, false, ""),
      C("DT with-ranges: ECOSYSTEM [introduced 10, limit 13) covers 12 (also the open entry)",
        In(kDt, "osv-vulnerability-with-ranges.json"), false,
        Purl("maven", "org.springframework.security.oauth", "spring-security-oauth", "12"), {},
        true, "introduced 10", ""),
      C("DT with-ranges: 9.5 is past every fix and below introduced 10", "", false,
        Purl("maven", "org.springframework.security.oauth", "spring-security-oauth", "9.5"), {},
        false, "fixed 2.0.17"),
      C("DT with-ranges: 3.5 in [introduced 3, fixed 4)", "", false,
        Purl("maven", "org.springframework.security.oauth", "spring-security-oauth", "3.5"), {},
        true, "introduced 3", "4"),
      C("DT no-upper-bound (lenient, no `modified`): bleve, introduced 0 only: every version", "",
        true, Purl("golang", "github.com/blevesearch", "bleve", "v2.3.0"), {}, true,
        "no fixed or last_affected", ""),
      C("DT exact-version (lenient): versions[] lists 103.99.99, but SEMVER introduced 0 covers "
        "all",
        "", true, Purl("npm", "", "yandex-yt-yson-bindings", "1.0.0"), {}, true, "introduced 0",
        ""),
      C("DT conflict-upper-bound (lenient): database_specific bounds do not affect evaluation", "",
        true, Purl("golang", "github.com/argoproj", "argo-cd", "v2.0.0"), {}, true,
        "introduced 1.0.0 and below fixed 2.1.16", "2.1.16"),
      C("DT upper-bound (lenient): kubernetes 1.18.18 is the fix", "", true,
        Purl("golang", "k8s.io", "kubernetes", "v1.18.18"), {}, false, "fixed 1.18.18"),
      C("test_vuln.json (osv.dev PyPI worker): cryptography 3.3.1 in [3.2, 3.3.2)", "", false,
        Purl("pypi", "", "cryptography", "3.3.1"), {}, true, "introduced 3.2", "3.3.2"),
  };
}

// The file of each case whose `file` is empty, by the record the case names.
std::string FileFor(const Case& c) {
  if (!c.file.empty()) return c.file;
  std::string why = c.why;
  static const std::vector<std::pair<std::string, std::string>> kFiles = {
      {"GO-2020-0001", In(kLinter, "GO-2020-0001.json")},
      {"GO-2024-2963", In(kLinter, "GO-2024-2963.json")},
      {"PYSEC-2023-74", In(kLinter, "PYSEC-2023-74.json")},
      {"MAL-2024-10238", In(kLinter, "MAL-2024-10238.json")},
      {"GHSA-9v2f", In(kLinter, "GHSA-9v2f-6vcg-3hgv.json")},
      {"CVE-2018-5407", In(kLinter, "CVE-2018-5407.json")},
      {"pypi_normalize", In(kGhsaTool, "pypi_normalize.osv.json")},
      {"equals_with_patch", In(kGhsaTool, "equals_with_patch.osv.json")},
      {"equals_no_patch", In(kGhsaTool, "equals_no_patch.osv.json")},
      {"multiple_ranges", In(kGhsaTool, "multiple_ranges_in_package.osv.json")},
      {"maven_greater_than", In(kGhsaTool, "maven_greater_than.osv.json")},
      {"npm_greater_than", In(kGhsaTool, "npm_greater_than.osv.json")},
      {"withdrawn.osv.json", In(kGhsaTool, "withdrawn.osv.json")},
      {"DSA-5474-1", In(kDt, "osv-DSA-5474-1.json")},
      {"DSA-3029-1", In(kWorker, "DSA-3029-1.json")},
      {"RHSA-2024:4546", "osv-schema/tools/redhat/testdata/OSV/RHSA-2024_4546.json"},
      {"UBUNTU-CVE-2025-38094", In(kWorker, "UBUNTU-CVE-2025-38094.json")},
      {"DT git-commit-hash-ranges", In(kDt, "osv-git-commit-hash-ranges.json")},
      {"DT with-ranges", In(kDt, "osv-vulnerability-with-ranges.json")},
      {"DT no-upper-bound", In(kDt, "osv-git-no-upper-bound-range.json")},
      {"DT exact-version", In(kDt, "osv-vulnerability-exact-version.json")},
      {"DT conflict-upper-bound", In(kDt, "osv-git-conflict-upper-bound-range.json")},
      {"DT upper-bound", In(kDt, "osv-git-upper-bound-range.json")},
      {"test_vuln.json", "osv.dev/gcp/functions/pypi/testdata/test_vuln.json"},
  };
  for (const auto& [prefix, file] : kFiles) {
    if (why.starts_with(prefix)) return file;
  }
  ADD_FAILURE() << "no file for case " << why;
  return {};
}

void Check(const Case& c) {
  SCOPED_TRACE(c.why);
  advisory::Advisory a = Load(FileFor(c), c.lenient);
  std::string id = a.id;
  AdvisoryIndex index;
  index.Add(a);
  bool by_purl = !c.purl.type.empty();
  auto findings = by_purl ? MatchPurl(index, c.purl) : MatchPackage(index, c.component);
  auto version = by_purl ? c.purl.version : c.component.version;
  if (c.affected) {
    ASSERT_EQ(findings.size(), 1u);
    const Finding& f = findings[0];
    EXPECT_EQ(f.advisory_id, id);
    EXPECT_EQ(f.method, by_purl ? MatchMethod::kPurl : MatchMethod::kName);
    EXPECT_NE(f.reason.find(c.because), std::string::npos) << f.reason;
    if (*c.fixed == '\0') {
      EXPECT_TRUE(f.fixed_versions.empty()) << f.fixed_versions.front();
    } else {
      ASSERT_FALSE(f.fixed_versions.empty());
      EXPECT_EQ(f.fixed_versions.front(), c.fixed);
    }
    return;
  }
  EXPECT_TRUE(findings.empty()) << findings[0].reason;
  if (*c.because == '\0') return;
  std::string name = by_purl ? OsvPackageForPurl(c.purl)->name : c.component.name;
  for (const auto& affected : a.affected) {  // the record's spelling of a normalised name
    if (affected.package.normalized_name ==
        advisory::NormalizePackageName(affected.package.ecosystem, name)) {
      name = affected.package.name;
    }
  }
  auto deciders = Deciders(a, name, version);
  EXPECT_NE(std::find(deciders.begin(), deciders.end(), c.because), deciders.end())
      << "no range is decided by " << c.because;
}

// At least 30 cases across Go, PyPI, Maven, npm, NuGet, Packagist, RubyGems and the records'
// own edge cases; each one a line of the tables above.
TEST(OsvMatch, SharedRecordsAffectComponentsAsTheirRangesSay) {
  auto cases = Cases();
  ASSERT_GE(cases.size(), 30u);
  for (const auto& c : cases) Check(c);
}

TEST(OsvMatch, DistributionsAndDependencyTrackEdgeCases) {
  for (const auto& c : DistributionAndEdgeCases()) Check(c);
}

// The limit event on its own (DT osv-vulnerability-with-ranges.json, affected[5]: introduced 10,
// limit 13): 12.9 is before the limit and affected; 13 is not before any limit (BeforeLimits is
// false), whatever the other events say.
TEST(OsvMatch, LimitEndsTheRange) {
  advisory::Advisory a = Load(In(kDt, "osv-vulnerability-with-ranges.json"));
  ASSERT_EQ(a.affected.size(), 7u);
  const auto& range = a.affected[5].ranges.at(0);
  ASSERT_EQ(range.events.at(1).kind, RangeEvent::Kind::kLimit);
  auto inside = EvaluateRange(range, "12.9", version::Scheme::kMaven);
  EXPECT_TRUE(inside.affected);
  auto at_limit = EvaluateRange(range, "13", version::Scheme::kMaven);
  EXPECT_FALSE(at_limit.affected);
  EXPECT_FALSE(at_limit.before_limits);
}

// A record replaced by a newer one with the same id takes effect at once: test_vuln.json and then
// its withdrawn form test_vuln_withdrawn.json (PYSEC-2021-63, osv.dev's PyPI worker fixtures).
TEST(OsvMatch, WithdrawingARecordRemovesItsFindings) {
  AdvisoryIndex index;
  index.Add(Load("osv.dev/gcp/functions/pypi/testdata/test_vuln.json"));
  auto purl = Purl("pypi", "", "cryptography", "3.3.1");
  ASSERT_EQ(MatchPurl(index, purl).size(), 1u);
  index.Add(Load("osv.dev/gcp/functions/pypi/testdata/test_vuln_withdrawn.json"));
  EXPECT_TRUE(MatchPurl(index, purl).empty());
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.Find("PYSEC-2021-63"), nullptr);
}

// Confidence: a purl with its distro is high; the same deb purl without a distro qualifier
// matches every Debian release with low confidence; ecosystem and name alone are medium; a name
// without an ecosystem is tried in every ecosystem with low confidence.
TEST(OsvMatch, ConfidenceFollowsWhatIsKnown) {
  AdvisoryIndex index;
  index.Add(Load(In(kDt, "osv-DSA-5474-1.json")));
  index.Add(Load(In(kLinter, "GO-2020-0001.json")));
  auto with_distro =
      MatchPurl(index, Purl("deb", "debian", "intel-microcode", "3.2", {{"distro", "debian-12"}}));
  ASSERT_EQ(with_distro.size(), 1u);
  EXPECT_EQ(with_distro[0].confidence, Confidence::kHigh);
  auto without = MatchPurl(index, Purl("deb", "debian", "intel-microcode", "3.2"));
  ASSERT_EQ(without.size(), 1u);
  EXPECT_EQ(without[0].confidence, Confidence::kLow);
  auto named = MatchPackage(index, {"Go", "github.com/gin-gonic/gin", "1.5.0"});
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].confidence, Confidence::kMedium);
  auto anywhere = MatchPackage(index, {"", "github.com/gin-gonic/gin", "1.5.0"});
  ASSERT_EQ(anywhere.size(), 1u);
  EXPECT_EQ(anywhere[0].confidence, Confidence::kLow);
  EXPECT_EQ(anywhere[0].aliases,
            (std::vector<std::string>{"CVE-2020-36567", "GHSA-6vm3-jj99-7229"}));
}

// The purl-type to OSV-ecosystem table and the distro qualifiers, including the epoch qualifier
// of deb and rpm (osv-schema ecosystems.json for the names and release suffixes).
TEST(OsvMatch, PurlTypesMapToOsvEcosystems) {
  auto ecosystem = [](PurlParts p) {
    auto ref = OsvPackageForPurl(p);
    return ref ? ref->ecosystem + "|" + ref->name + "|" + ref->version : std::string("none");
  };
  EXPECT_EQ(ecosystem(Purl("pypi", "", "Django", "4.2")), "PyPI|Django|4.2");
  EXPECT_EQ(ecosystem(Purl("npm", "@babel", "core", "7.0.0")), "npm|@babel/core|7.0.0");
  EXPECT_EQ(ecosystem(Purl("maven", "org.a", "b", "1")), "Maven|org.a:b|1");
  EXPECT_EQ(ecosystem(Purl("cargo", "", "tokio", "1.0.0")), "crates.io|tokio|1.0.0");
  EXPECT_EQ(ecosystem(Purl("composer", "laravel", "framework", "9")),
            "Packagist|laravel/framework|9");
  EXPECT_EQ(ecosystem(Purl("swift", "github.com/apple", "swift-nio", "2.0.0")),
            "SwiftURL|github.com/apple/swift-nio|2.0.0");
  EXPECT_EQ(ecosystem(Purl("deb", "debian", "curl", "7.88.1-10",
                           {{"distro", "debian-12.4"}, {"epoch", "1"}})),
            "Debian:12|curl|1:7.88.1-10");
  EXPECT_EQ(ecosystem(Purl("deb", "ubuntu", "curl", "7.81.0", {{"distro", "jammy"}})),
            "Ubuntu:22.04|curl|7.81.0");
  EXPECT_EQ(ecosystem(Purl("apk", "alpine", "musl", "1.2.4-r2", {{"distro", "alpine-3.18.4"}})),
            "Alpine:v3.18|musl|1.2.4-r2");
  EXPECT_EQ(ecosystem(Purl("rpm", "almalinux", "openssl", "3.0.7", {{"distro", "almalinux-9.3"}})),
            "AlmaLinux:9|openssl|3.0.7");
  EXPECT_EQ(ecosystem(Purl("rpm", "rocky", "openssl", "3.0.7", {{"distro", "rocky-9"}})),
            "Rocky Linux:9|openssl|3.0.7");
  EXPECT_EQ(ecosystem(Purl("rpm", "suse", "curl", "8.0", {{"distro", "sles-15.4"}})),
            "SUSE:SUSE Linux Enterprise Server 15 SP4|curl|8.0");
  EXPECT_EQ(ecosystem(Purl("rpm", "opensuse", "curl", "8.0", {{"distro", "opensuse-leap-15.5"}})),
            "openSUSE:openSUSE Leap 15.5|curl|8.0");
  EXPECT_EQ(ecosystem(Purl("rpm", "redhat", "curl", "7.76", {{"distro", "el9"}, {"epoch", "0"}})),
            "Red Hat:9|curl|7.76");
  EXPECT_EQ(ecosystem(Purl("rpm", "fedora", "curl", "8.0")), "none");
  EXPECT_EQ(ecosystem(Purl("generic", "", "x", "1")), "none");
  EXPECT_TRUE(EcosystemApplies("Red Hat:rhel_aus:8.6::appstream", "Red Hat:8.6"));
  EXPECT_TRUE(EcosystemApplies("Red Hat:enterprise_linux:9::appstream", "Red Hat:9.2"));
  EXPECT_FALSE(EcosystemApplies("Red Hat:rhel_aus:8.6::appstream", "Red Hat:8"));
  EXPECT_TRUE(EcosystemApplies("Ubuntu:22.04:LTS", "Ubuntu:22.04"));
  EXPECT_FALSE(EcosystemApplies("Debian:11", "Debian:12"));
}

}  // namespace
}  // namespace craft::vuln::match
