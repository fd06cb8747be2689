#pragma once
// The per-scheme comparators behind compare.h, one source file each. Internal to
// src/vuln/version: callers use Compare() and IsValid() with a Scheme. Every Compare here returns
// -1, 0 or +1, accepts any bytes and is antisymmetric; the contract of each is stated on the
// matching Scheme enumerator in compare.h.

#include <string_view>

namespace craft::vuln::version {

namespace semver {
int Compare(std::string_view a, std::string_view b);
bool IsValid(std::string_view v);
}  // namespace semver

namespace nuget {
int Compare(std::string_view a, std::string_view b);
bool IsValid(std::string_view v);
}  // namespace nuget

namespace pub {
int Compare(std::string_view a, std::string_view b);
bool IsValid(std::string_view v);
}  // namespace pub

namespace pep440 {
int Compare(std::string_view a, std::string_view b);
bool IsValid(std::string_view v);
}  // namespace pep440

namespace maven {
int Compare(std::string_view a, std::string_view b);
}  // namespace maven

namespace rubygems {
int Compare(std::string_view a, std::string_view b);
bool IsValid(std::string_view v);
}  // namespace rubygems

namespace packagist {
int Compare(std::string_view a, std::string_view b);
}  // namespace packagist

namespace dpkg {
int Compare(std::string_view a, std::string_view b);
bool IsValid(std::string_view v);
// A version split once into its parts, for PreparedVersion: Compare(Read(a), Read(b)) ==
// Compare(a, b).
struct Reading {
  bool accepted = true;
  std::string_view text, epoch, upstream, revision;
};
Reading Read(std::string_view text);
int Compare(const Reading& a, const Reading& b);
}  // namespace dpkg

namespace apk {
int Compare(std::string_view a, std::string_view b);
bool IsValid(std::string_view v);
}  // namespace apk

namespace rpm {
int Compare(std::string_view a, std::string_view b);
// rpmvercmp(3) on a single version or release string, without epoch or release splitting.
int CompareSegments(std::string_view a, std::string_view b);
}  // namespace rpm

namespace cran {
int Compare(std::string_view a, std::string_view b);
bool IsValid(std::string_view v);
}  // namespace cran

namespace hackage {
int Compare(std::string_view a, std::string_view b);
bool IsValid(std::string_view v);
}  // namespace hackage

}  // namespace craft::vuln::version
