#pragma once
// Version ordering for every package ecosystem craft matches advisories in. One comparator per
// versioning scheme, each following the ecosystem's own tool (node-semver, Python `packaging`,
// Maven's ComparableVersion, dpkg, rpm, apk, PHP's version_compare, Gem::Version, ...) and the
// comparison fixtures osv-scalibr and osv.dev publish for them.
//
// Every function here is pure and thread-safe, never throws and never reads a file. Compare()
// accepts any byte string for any scheme: a version the ecosystem's tool would reject still gets a
// deterministic place in the order, as stated per scheme below. Numbers inside versions may have
// any number of digits; they are compared as decimal digit strings, never parsed into a fixed-width
// integer. Time and memory are linear in the length of the input.

#include <optional>
#include <string>
#include <string_view>

namespace craft::vuln::version {

enum class Scheme {
  // Semantic Versioning 2.0.0 (npm, crates.io, Go, Hex, SwiftURL, Bitnami, ...). A leading "v" is
  // ignored; numeric components are compared one by one, a missing one counting as 0 (so more
  // than three components are ordered too); a pre-release sorts before its release, identifiers
  // compared as SemVer item 11.4 says (numeric ones as numbers and below alphanumeric ones, the
  // rest bytewise, case-sensitive); build metadata after "+" is ignored. Text after the numbers
  // that does not start with "-" or "+" is read as a pre-release.
  kSemVer,
  // PEP 440 (PyPI), as Python's `packaging` orders versions: epoch, release (trailing zeros
  // ignored), pre, post, dev and local segments, with every spelling PEP 440 normalises. A string
  // that is not PEP 440 is ordered as `packaging` before 22.0 ordered a LegacyVersion: before
  // every valid version, and among other legacy versions by setuptools' historical key.
  kPyPI,
  // Maven, by the POM reference's version order specification, which osv.dev and osv-scalibr
  // follow and which agrees with ComparableVersion (maven-artifact 3.8.6) on all of osv-scalibr's
  // generated fixture: tokens split at ".", "-" and digit/letter transitions; null values (0, "",
  // "final", "ga") trimmed from the end and before each "-"; case-insensitive qualifiers alpha = a
  // < beta = b < milestone = m < rc = cr < snapshot < "" = ga = final = release < sp < any other
  // (alphabetical); ".qualifier" < "-qualifier" < "-number" < ".number". Every string is a Maven
  // version. Like ComparableVersion 3.8, the order is not transitive where a qualifier after "."
  // meets "-" qualifiers: 1.0.beta9 < 1.0 < 1.0-pre29, yet 1.0.beta9 > 1.0-pre29.
  kMaven,
  // NuGet: like kSemVer (conventionally four numbers), release labels compared
  // case-insensitively, build metadata ignored.
  kNuGet,
  // RubyGems, as Gem::Version#<=> orders versions: segments are runs of digits or of letters ("-"
  // reads as ".pre."), trailing zero segments are dropped, a letter segment sorts before a
  // numeric one. Strings Gem::Version would reject are segmented the same way.
  kRubyGems,
  // Packagist (Composer), as PHP's version_compare orders versions once Composer has stripped
  // leading "v"/"V": dev < alpha = a < beta = b < RC = rc < number < pl = p, matched as prefixes
  // and case-sensitively ("devel" is dev, "Beta" is unknown); unknown words sort first and equal
  // each other; a longer version is greater if its next part is a number. As in the fixtures
  // PHP's table comes from, "#" equals every number, so versions containing "#" are not ordered
  // transitively. The empty version sorts first.
  kPackagist,
  // Pub (Dart): like kSemVer, except that build metadata is compared too (a version with build
  // metadata sorts after the same version without, identifiers compared like pre-release ones).
  kPub,
  // Debian and Ubuntu, as dpkg --compare-versions orders [epoch:]upstream[-revision]: "~" before
  // everything, even the end; letters before other characters; digit runs as numbers. White space
  // around the version is ignored and the empty string is dpkg's blank version. Strings dpkg
  // rejects (embedded space, an epoch that is not a number up to 2^31-1, an empty upstream version
  // or revision) sort before every accepted version, and among themselves bytewise.
  kDebian,
  // Alpine (apk) and the apk-based distributions (Wolfi, Chainguard, MinimOS, ...):
  // digits{.digits}[letter[digits]]{_suffix[digits]}[~hash][-r digits]. A number after the first
  // with a leading zero compares as a decimal fraction would; suffixes order alpha < beta < pre <
  // rc < (none) < cvs < svn < git < hg < p; the hash is ignored. Whatever cannot be read that way
  // is an unparsed tail: a version with a tail sorts right before the same version without one;
  // two tails are compared bytewise up to their first "-", and text after the -r revision is not
  // compared, as in the osv-scalibr fixtures.
  kAlpine,
  // RPM (Red Hat, AlmaLinux, Rocky Linux, SUSE, openSUSE, Mageia, openEuler, ...), as rpm orders
  // [epoch:]version[-release]: the epoch numerically (only digits followed by ":" form an epoch),
  // version and release with rpmvercmp ("~" before everything, "^" after the end only, separators
  // ignored, numeric segments newer than alphabetic ones). A version without a release sorts
  // before the same version with one. Every string is an RPM version.
  kRpm,
  // CRAN and Bioconductor, as R's package_version orders versions: numbers separated by "." or
  // "-", compared as lists (a longer list is greater when the other is its prefix). Parts that are
  // not numbers are skipped.
  kCran,
  // Hackage and GHC (Haskell's Data.Version): numbers separated by ".", compared as lists. Text
  // after the numbers makes the version invalid; such a version sorts after the same numbers
  // without text, and such versions among themselves bytewise.
  kHackage,
  // Any other ecosystem: rpmvercmp applied to the whole string (digit runs as numbers, letter runs
  // bytewise, separators ignored, "~" first).
  kGeneric,
};

// The scheme that orders versions of an OSV ecosystem, chosen by the part of the ecosystem string
// before the first ":" ("Debian:12", "Ubuntu:22.04:LTS", "Alpine:v3.18",
// "Red Hat:enterprise_linux:9::appstream"), which must be spelled exactly as in the OSV ecosystem
// list. Ecosystems of that list without an ordering of their own (Linux, Android, OSS-Fuzz, opam,
// ...) get kGeneric; names not in the list give nullopt.
std::optional<Scheme> SchemeForEcosystem(std::string_view osv_ecosystem);

// The scheme's lower-case name, as accepted by ParseSchemeName: "semver", "pypi", "maven",
// "nuget", "rubygems", "packagist", "pub", "debian", "alpine", "rpm", "cran", "hackage", "generic".
std::string_view SchemeName(Scheme scheme);

// Reads a scheme name as typed on the command line, case-insensitively: any SchemeName(), the
// aliases "pep440", "python", "composer", "php", "dart", "dpkg", "deb", "ubuntu", "apk", "redhat",
// "red-hat", "haskell", "r", "cargo", "golang", "swift", and any OSV ecosystem name (with or
// without a ":" suffix). Returns nullopt for anything else.
std::optional<Scheme> ParseSchemeName(std::string_view name);

// Orders two versions under a scheme: -1 if a sorts before b, 0 if they are the same version under
// the scheme (not necessarily the same string), +1 if a sorts after b. Compare(s, a, b) ==
// -Compare(s, b, a) for every input, and the order is transitive except where the ecosystem's own
// tool is not (kMaven and kPackagist above). Never throws, whatever the bytes.
int Compare(Scheme scheme, std::string_view a, std::string_view b) noexcept;

// A version read once, to be ordered against many others under one scheme (the matcher compares a
// component's version with every event of an advisory's ranges): CompareTo(other) == Compare(
// scheme, version, other) for every input, only faster where the scheme allows it (kDebian reads
// the version's parts once). Holds a view of `version`: the string must outlive it. Never throws.
class PreparedVersion {
 public:
  PreparedVersion(Scheme scheme, std::string_view version) noexcept;
  int CompareTo(std::string_view other) const noexcept;
  // Compare(scheme, version, other's version); `other` must have the same scheme.
  int CompareTo(const PreparedVersion& other) const noexcept;
  Scheme scheme() const { return scheme_; }
  std::string_view version() const { return version_; }

  // The reading as bytes, to keep beside the version (an index keeps one with every range event),
  // and a PreparedVersion rebuilt from the same version string and those bytes without reading
  // the version again. Saved() is empty for schemes that read nothing ahead; Restore with bytes
  // that Saved() did not give for this version and scheme gives an unspecified order (never
  // undefined behaviour).
  std::string Saved() const;
  static PreparedVersion Restore(Scheme scheme, std::string_view version,
                                 std::string_view saved) noexcept;

 private:
  Scheme scheme_;
  std::string_view version_;
  bool read_ = false;  // kDebian: the parts below hold the version, read once
  bool accepted_ = false;
  std::string_view epoch_, upstream_, revision_;
};

// Whether the ecosystem's own tool accepts the string as a version: strict SemVer 2.0.0 with an
// optional "v" (kSemVer), SemVer with 1 to 4 numbers (kNuGet), strict SemVer (kPub), PEP 440
// (kPyPI), the Gem::Version pattern (kRubyGems), dpkg without errors or warnings (kDebian), the
// APKBUILD grammar as osv.dev checks it, where "p" may follow without "_" and the revision may be
// ".rN" (kAlpine), at least two numbers separated by "." or "-" (kCran), numbers separated by "."
// (kHackage). Schemes that accept every string (kMaven, kPackagist, kRpm, kGeneric) return true for
// every non-empty string.
bool IsValid(Scheme scheme, std::string_view version) noexcept;

}  // namespace craft::vuln::version
