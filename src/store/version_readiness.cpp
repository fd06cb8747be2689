#include "store/version_readiness.h"

namespace craft::store {

std::optional<core::ReadinessInput> ReadinessInputFor(Store& store, const std::string& org_id,
                                                      const std::string& version_id,
                                                      core::Date today) {
  auto version = store.GetVersion(org_id, version_id);
  if (!version) return std::nullopt;
  auto product = store.GetProduct(org_id, version->product_id);
  auto organisation = store.GetOrganisation(org_id);
  if (!product || !organisation) return std::nullopt;
  core::ReadinessInput input;
  input.organisation = std::move(*organisation);
  input.product = std::move(*product);
  input.version = std::move(*version);
  input.document_types = store.DocumentTypesOf(org_id, version_id);
  VersionEvidence evidence = store.EvidenceOf(org_id, version_id);
  input.sbom_count = evidence.sbom_count;
  input.best_sbom_score = evidence.best_sbom_score;
  input.open_kev_vulnerabilities = std::move(evidence.open_kev);
  input.today = today;
  return input;
}

}  // namespace craft::store
