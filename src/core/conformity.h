#pragma once
// Article 32: which conformity assessment procedures a product's category allows.

#include <string>

#include "core/model.h"

namespace craft::core {

struct ConformityVerdict {
  bool allowed = true;
  std::string reason;  // why not, in one sentence; empty when allowed
};

// True when at least one harmonised standard (or common specification / certification scheme) is
// recorded as applied in full.
bool AppliedInFull(const HarmonisedStandardsApplied& standards);

// Decides whether `type` is allowed for the product's category (CRA.md, "Conformity assessment"):
// default: any; class I: module A only with a standard applied in full, else B+C, H or
// certification; class II and critical: B+C, H or certification. A free and open-source product
// of class I or II whose technical documentation is public may use module A (Article 32(5)).
// craft cannot know which delegated acts require certification for critical products, so critical
// is judged as class II and the label says so.
ConformityVerdict AssessConformityType(const Product& product, ConformityAssessmentType type,
                                       const std::optional<HarmonisedStandardsApplied>& standards);

// True for modules B+C and H, which involve a notified body.
bool NeedsNotifiedBody(ConformityAssessmentType type);

}  // namespace craft::core
