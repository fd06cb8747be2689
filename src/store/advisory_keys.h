#pragma once
// The lookup keys of an advisory: what the store indexes it under (advisory_packages,
// advisory_cpes) and what a scan looks candidates up by. One function, so that the keys stored at
// import and the keys a scan's cache files a candidate under cannot drift apart.

#include <set>
#include <string>
#include <utility>

#include "vuln/advisory/model.h"

namespace craft::store {

struct AdvisoryKeys {
  // (ecosystem base, normalised package name) of each affected package.
  std::set<std::pair<std::string, std::string>> packages;
  // (vendor, product) of each vulnerable CPE 2.3 match of the NVD configurations.
  std::set<std::pair<std::string, std::string>> cpes;
};

AdvisoryKeys KeysOf(const vuln::advisory::Advisory& advisory);

}  // namespace craft::store
