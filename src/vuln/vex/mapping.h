#pragma once
// Names of the VEX vocabularies and the translation between CycloneDX's nine justifications / six
// states and craft's (OpenVEX/CSAF) five justifications / statuses. The tables and the reasoning
// are in docs/vex-mapping.md; this file implements exactly those tables. Pure, never throws.

#include <optional>
#include <string_view>

#include "vuln/vex/model.h"

namespace craft::vuln::vex {

// Spelling as in the specifications ("not_affected", "code_not_present", "will_not_fix", ...).
// The Parse* functions accept exactly those spellings and return nullopt for anything else.
std::string_view ToString(Status status);
std::string_view ToString(Justification justification);
std::string_view ToString(CdxState state);
std::string_view ToString(CdxJustification justification);
std::string_view ToString(Response response);
std::optional<Status> ParseStatus(std::string_view text);
std::optional<Justification> ParseJustification(std::string_view text);
std::optional<CdxState> ParseCdxState(std::string_view text);
std::optional<CdxJustification> ParseCdxJustification(std::string_view text);
std::optional<Response> ParseResponse(std::string_view text);

// CycloneDX -> craft.
Status FromCdx(CdxState state);
Justification FromCdx(CdxJustification justification);

// craft -> CycloneDX.
CdxState ToCdx(Status status);
CdxJustification ToCdx(Justification justification);

// The status OpenVEX and CSAF can express (they have no false_positive): false_positive becomes
// not_affected; every other status is unchanged.
Status ToFourStatuses(Status status);

// The justification written to OpenVEX/CSAF for a not_affected statement: the statement's own, or
// for a false positive without one, component_not_present (docs/vex-mapping.md).
std::optional<Justification> ExportJustification(const Statement& statement);

}  // namespace craft::vuln::vex
