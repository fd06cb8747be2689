// NuGet versions (https://learn.microsoft.com/nuget/concepts/package-versioning): SemVer with up
// to four numbers, release labels compared case-insensitively, metadata ignored.

#include "vuln/version/schemes.h"
#include "vuln/version/semver_like.h"

namespace craft::vuln::version::nuget {

int Compare(std::string_view a, std::string_view b) {
  const SemverLike x = ParseSemverLike(a);
  const SemverLike y = ParseSemverLike(b);
  if (const int c = CompareNumbers(x.numbers, y.numbers); c != 0) return c;
  if (x.prerelease.empty() != y.prerelease.empty()) return x.prerelease.empty() ? 1 : -1;
  return CompareIdentifiers(x.prerelease, y.prerelease, true);
}

bool IsValid(std::string_view v) { return IsStrictSemver(v, 1, 4, true); }

}  // namespace craft::vuln::version::nuget
