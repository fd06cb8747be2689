#pragma once
// The SPDX licence list and exception list, as published in the npm packages spdx-license-ids and
// spdx-exceptions (generated into the build at build time; see src/sbom/CMakeLists.txt).

#include <cstddef>
#include <string_view>

namespace craft::sbom {

struct SpdxListEntry {
  std::string_view id;  // canonical spelling, e.g. "Apache-2.0"
  bool deprecated;      // listed in deprecated.json (e.g. "GPL-2.0", superseded by GPL-2.0-only)
};

// Looks an id up case-insensitively, as SPDX matches licence ids ("mit" finds "MIT"). Returns
// nullptr when the list does not hold it. Thread-safe.
const SpdxListEntry* FindSpdxLicense(std::string_view id);
const SpdxListEntry* FindSpdxException(std::string_view id);

// Which package versions the lists came from, e.g. "spdx-license-ids 3.0.24,
// spdx-exceptions 2.5.0".
std::string_view SpdxListSource();

// The raw generated tables, in the packages' order (licences first, then deprecated ones).
namespace license_data {
extern const SpdxListEntry kLicenses[];
extern const std::size_t kLicenseCount;
extern const SpdxListEntry kExceptions[];
extern const std::size_t kExceptionCount;
extern const std::string_view kLicenseListSource;
}  // namespace license_data

}  // namespace craft::sbom
