// Pub (Dart) versions, as package:pub_semver orders them: SemVer, except that build metadata takes
// part in the order after the pre-release (no build < any build).

#include "vuln/version/schemes.h"
#include "vuln/version/semver_like.h"

namespace craft::vuln::version::pub {

int Compare(std::string_view a, std::string_view b) {
  const SemverLike x = ParseSemverLike(a);
  const SemverLike y = ParseSemverLike(b);
  if (const int c = CompareNumbers(x.numbers, y.numbers); c != 0) return c;
  if (x.prerelease.empty() != y.prerelease.empty()) return x.prerelease.empty() ? 1 : -1;
  if (const int c = CompareIdentifiers(x.prerelease, y.prerelease, false); c != 0) return c;
  if (x.build.empty() != y.build.empty()) return x.build.empty() ? -1 : 1;
  return CompareIdentifiers(x.build, y.build, false);
}

bool IsValid(std::string_view v) { return IsStrictSemver(v, 3, 3, false); }

}  // namespace craft::vuln::version::pub
