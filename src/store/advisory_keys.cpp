#include "store/advisory_keys.h"

#include "vuln/advisory/ecosystem.h"
#include "vuln/match/cpe.h"

namespace craft::store {

AdvisoryKeys KeysOf(const vuln::advisory::Advisory& advisory) {
  AdvisoryKeys keys;
  for (const auto& affected : advisory.affected) {
    const auto& p = affected.package;
    if (p.ecosystem.empty() || p.name.empty()) continue;
    keys.packages.emplace(std::string(vuln::advisory::EcosystemBase(p.ecosystem)),
                          p.normalized_name.empty()
                              ? vuln::advisory::NormalizePackageName(p.ecosystem, p.name)
                              : p.normalized_name);
  }
  for (const auto& configuration : advisory.configurations) {
    for (const auto& node : configuration.nodes) {
      for (const auto& match : node.cpe_match) {
        if (!match.vulnerable) continue;
        if (auto cpe = vuln::match::ParseCpe23(match.criteria)) {
          keys.cpes.emplace(cpe->vendor(), cpe->product());
        }
      }
    }
  }
  return keys;
}

}  // namespace craft::store
