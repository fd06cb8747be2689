// Dispatch from a Scheme to its comparator (one source file per scheme, see schemes.h).

#include "vuln/version/compare.h"

#include "vuln/version/decimal.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version {
namespace {

int CompareUnchecked(Scheme scheme, std::string_view a, std::string_view b) {
  switch (scheme) {
    case Scheme::kSemVer:
      return semver::Compare(a, b);
    case Scheme::kPyPI:
      return pep440::Compare(a, b);
    case Scheme::kMaven:
      return maven::Compare(a, b);
    case Scheme::kNuGet:
      return nuget::Compare(a, b);
    case Scheme::kRubyGems:
      return rubygems::Compare(a, b);
    case Scheme::kPackagist:
      return packagist::Compare(a, b);
    case Scheme::kPub:
      return pub::Compare(a, b);
    case Scheme::kDebian:
      return dpkg::Compare(a, b);
    case Scheme::kAlpine:
      return apk::Compare(a, b);
    case Scheme::kRpm:
      return rpm::Compare(a, b);
    case Scheme::kCran:
      return cran::Compare(a, b);
    case Scheme::kHackage:
      return hackage::Compare(a, b);
    case Scheme::kGeneric:
      return rpm::CompareSegments(a, b);
  }
  return CompareBytes(a, b);
}

}  // namespace

int Compare(Scheme scheme, std::string_view a, std::string_view b) noexcept {
  try {
    return CompareUnchecked(scheme, a, b);
  } catch (...) {
    // Only allocation failure can get here; fall back to an order that needs no memory.
    return CompareBytes(a, b);
  }
}

PreparedVersion::PreparedVersion(Scheme scheme, std::string_view version) noexcept
    : scheme_(scheme), version_(version) {
  if (scheme == Scheme::kDebian) {
    const dpkg::Reading r = dpkg::Read(version);
    read_ = true;
    accepted_ = r.accepted;
    epoch_ = r.epoch;
    upstream_ = r.upstream;
    revision_ = r.revision;
  }
}

int PreparedVersion::CompareTo(std::string_view other) const noexcept {
  if (read_) {
    return dpkg::Compare(dpkg::Reading{accepted_, version_, epoch_, upstream_, revision_},
                         dpkg::Read(other));
  }
  return Compare(scheme_, version_, other);
}

int PreparedVersion::CompareTo(const PreparedVersion& other) const noexcept {
  if (read_ && other.read_) {
    return dpkg::Compare(dpkg::Reading{accepted_, version_, epoch_, upstream_, revision_},
                         dpkg::Reading{other.accepted_, other.version_, other.epoch_,
                                       other.upstream_, other.revision_});
  }
  if (read_) return CompareTo(other.version_);
  return Compare(scheme_, version_, other.version_);
}

namespace {

// A part of the version as its offset and length, each in one byte (a part beyond 255 bytes is not
// saved: Saved() is then empty and Restore reads the version).
bool SavePart(std::string_view version, std::string_view part, std::string& out) {
  const std::size_t offset =
      part.empty() ? 0 : static_cast<std::size_t>(part.data() - version.data());
  if (offset > 255 || part.size() > 255) return false;
  out.push_back(static_cast<char>(offset));
  out.push_back(static_cast<char>(part.size()));
  return true;
}

std::string_view RestorePart(std::string_view version, const char* at) {
  const auto offset = static_cast<unsigned char>(at[0]);
  const auto size = static_cast<unsigned char>(at[1]);
  if (offset > version.size() || size > version.size() - offset) return {};
  return version.substr(offset, size);
}

}  // namespace

std::string PreparedVersion::Saved() const {
  if (!read_) return {};
  std::string out(1, static_cast<char>(accepted_ ? 1 : 0));
  if (!SavePart(version_, epoch_, out) || !SavePart(version_, upstream_, out) ||
      !SavePart(version_, revision_, out)) {
    return {};
  }
  return out;
}

PreparedVersion PreparedVersion::Restore(Scheme scheme, std::string_view version,
                                         std::string_view saved) noexcept {
  if (scheme != Scheme::kDebian || saved.size() != 7) return PreparedVersion(scheme, version);
  PreparedVersion v(Scheme::kGeneric, version);  // reads nothing
  v.scheme_ = scheme;
  v.read_ = true;
  v.accepted_ = saved[0] != 0;
  v.epoch_ = RestorePart(version, saved.data() + 1);
  v.upstream_ = RestorePart(version, saved.data() + 3);
  v.revision_ = RestorePart(version, saved.data() + 5);
  return v;
}

bool IsValid(Scheme scheme, std::string_view version) noexcept {
  try {
    switch (scheme) {
      case Scheme::kSemVer:
        return semver::IsValid(version);
      case Scheme::kPyPI:
        return pep440::IsValid(version);
      case Scheme::kNuGet:
        return nuget::IsValid(version);
      case Scheme::kRubyGems:
        return rubygems::IsValid(version);
      case Scheme::kPub:
        return pub::IsValid(version);
      case Scheme::kDebian:
        return dpkg::IsValid(version);
      case Scheme::kAlpine:
        return apk::IsValid(version);
      case Scheme::kCran:
        return cran::IsValid(version);
      case Scheme::kHackage:
        return hackage::IsValid(version);
      case Scheme::kMaven:
      case Scheme::kPackagist:
      case Scheme::kRpm:
      case Scheme::kGeneric:
        return !version.empty();
    }
  } catch (...) {
  }
  return false;
}

}  // namespace craft::vuln::version
