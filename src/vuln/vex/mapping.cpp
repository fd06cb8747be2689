#include "vuln/vex/mapping.h"

#include <array>
#include <utility>

namespace craft::vuln::vex {
namespace {

constexpr std::array<std::pair<Status, std::string_view>, 5> kStatusNames{{
    {Status::kUnderInvestigation, "under_investigation"},
    {Status::kAffected, "affected"},
    {Status::kNotAffected, "not_affected"},
    {Status::kFixed, "fixed"},
    {Status::kFalsePositive, "false_positive"},
}};

constexpr std::array<std::pair<Justification, std::string_view>, 5> kJustificationNames{{
    {Justification::kComponentNotPresent, "component_not_present"},
    {Justification::kVulnerableCodeNotPresent, "vulnerable_code_not_present"},
    {Justification::kVulnerableCodeNotInExecutePath, "vulnerable_code_not_in_execute_path"},
    {Justification::kVulnerableCodeCannotBeControlledByAdversary,
     "vulnerable_code_cannot_be_controlled_by_adversary"},
    {Justification::kInlineMitigationsAlreadyExist, "inline_mitigations_already_exist"},
}};

constexpr std::array<std::pair<CdxState, std::string_view>, 6> kCdxStateNames{{
    {CdxState::kResolved, "resolved"},
    {CdxState::kResolvedWithPedigree, "resolved_with_pedigree"},
    {CdxState::kExploitable, "exploitable"},
    {CdxState::kInTriage, "in_triage"},
    {CdxState::kFalsePositive, "false_positive"},
    {CdxState::kNotAffected, "not_affected"},
}};

constexpr std::array<std::pair<CdxJustification, std::string_view>, 9> kCdxJustificationNames{{
    {CdxJustification::kCodeNotPresent, "code_not_present"},
    {CdxJustification::kCodeNotReachable, "code_not_reachable"},
    {CdxJustification::kRequiresConfiguration, "requires_configuration"},
    {CdxJustification::kRequiresDependency, "requires_dependency"},
    {CdxJustification::kRequiresEnvironment, "requires_environment"},
    {CdxJustification::kProtectedByCompiler, "protected_by_compiler"},
    {CdxJustification::kProtectedAtRuntime, "protected_at_runtime"},
    {CdxJustification::kProtectedAtPerimeter, "protected_at_perimeter"},
    {CdxJustification::kProtectedByMitigatingControl, "protected_by_mitigating_control"},
}};

constexpr std::array<std::pair<Response, std::string_view>, 5> kResponseNames{{
    {Response::kCanNotFix, "can_not_fix"},
    {Response::kWillNotFix, "will_not_fix"},
    {Response::kUpdate, "update"},
    {Response::kRollback, "rollback"},
    {Response::kWorkaroundAvailable, "workaround_available"},
}};

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return {};
}

template <typename E, std::size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view text) {
  for (const auto& [e, name] : table) {
    if (name == text) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(Status v) { return NameOf(kStatusNames, v); }
std::string_view ToString(Justification v) { return NameOf(kJustificationNames, v); }
std::string_view ToString(CdxState v) { return NameOf(kCdxStateNames, v); }
std::string_view ToString(CdxJustification v) { return NameOf(kCdxJustificationNames, v); }
std::string_view ToString(Response v) { return NameOf(kResponseNames, v); }
std::optional<Status> ParseStatus(std::string_view t) { return ValueOf(kStatusNames, t); }
std::optional<Justification> ParseJustification(std::string_view t) {
  return ValueOf(kJustificationNames, t);
}
std::optional<CdxState> ParseCdxState(std::string_view t) { return ValueOf(kCdxStateNames, t); }
std::optional<CdxJustification> ParseCdxJustification(std::string_view t) {
  return ValueOf(kCdxJustificationNames, t);
}
std::optional<Response> ParseResponse(std::string_view t) { return ValueOf(kResponseNames, t); }

Status FromCdx(CdxState state) {
  switch (state) {
    case CdxState::kResolved:
    case CdxState::kResolvedWithPedigree:
      return Status::kFixed;
    case CdxState::kExploitable:
      return Status::kAffected;
    case CdxState::kInTriage:
      return Status::kUnderInvestigation;
    case CdxState::kFalsePositive:
      return Status::kFalsePositive;
    case CdxState::kNotAffected:
      return Status::kNotAffected;
  }
  return Status::kUnderInvestigation;
}

Justification FromCdx(CdxJustification j) {
  switch (j) {
    case CdxJustification::kCodeNotPresent:
      return Justification::kVulnerableCodeNotPresent;
    case CdxJustification::kCodeNotReachable:
      return Justification::kVulnerableCodeNotInExecutePath;
    case CdxJustification::kRequiresDependency:
      return Justification::kComponentNotPresent;
    case CdxJustification::kRequiresConfiguration:
    case CdxJustification::kRequiresEnvironment:
      return Justification::kVulnerableCodeCannotBeControlledByAdversary;
    case CdxJustification::kProtectedByCompiler:
    case CdxJustification::kProtectedAtRuntime:
    case CdxJustification::kProtectedAtPerimeter:
    case CdxJustification::kProtectedByMitigatingControl:
      return Justification::kInlineMitigationsAlreadyExist;
  }
  return Justification::kVulnerableCodeNotPresent;
}

CdxState ToCdx(Status status) {
  switch (status) {
    case Status::kUnderInvestigation:
      return CdxState::kInTriage;
    case Status::kAffected:
      return CdxState::kExploitable;
    case Status::kNotAffected:
      return CdxState::kNotAffected;
    case Status::kFixed:
      return CdxState::kResolved;
    case Status::kFalsePositive:
      return CdxState::kFalsePositive;
  }
  return CdxState::kInTriage;
}

CdxJustification ToCdx(Justification j) {
  switch (j) {
    case Justification::kComponentNotPresent:
      return CdxJustification::kRequiresDependency;
    case Justification::kVulnerableCodeNotPresent:
      return CdxJustification::kCodeNotPresent;
    case Justification::kVulnerableCodeNotInExecutePath:
      return CdxJustification::kCodeNotReachable;
    case Justification::kVulnerableCodeCannotBeControlledByAdversary:
      return CdxJustification::kRequiresConfiguration;
    case Justification::kInlineMitigationsAlreadyExist:
      return CdxJustification::kProtectedByMitigatingControl;
  }
  return CdxJustification::kCodeNotPresent;
}

Status ToFourStatuses(Status status) {
  return status == Status::kFalsePositive ? Status::kNotAffected : status;
}

std::optional<Justification> ExportJustification(const Statement& s) {
  if (ToFourStatuses(s.status) != Status::kNotAffected) return std::nullopt;
  if (s.justification) return s.justification;
  if (s.cdx_justification) return FromCdx(*s.cdx_justification);
  if (s.status == Status::kFalsePositive) return Justification::kComponentNotPresent;
  return std::nullopt;
}

}  // namespace craft::vuln::vex
