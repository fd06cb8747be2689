#include "export/pdf/checklist.h"

#include <algorithm>

namespace craft::exporting::pdf {
namespace {

struct Requirement {
  std::vector<std::string> keys;  // exact keys; a trailing '*' matches a prefix, a leading '*' a
                                  // substring
  std::string requirement;
  std::string source;
};

bool Matches(const std::string& pattern, const std::string& key) {
  if (!pattern.empty() && pattern.front() == '*') {
    return key.find(pattern.substr(1)) != std::string::npos;
  }
  if (!pattern.empty() && pattern.back() == '*') {
    return key.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  }
  return key == pattern;
}

// "eu_declaration_of_conformity document" -> "EU declaration of conformity (document)".
std::string DocumentRequirement(const std::string& key) {
  std::string what = key.substr(0, key.find(' '));
  std::replace(what.begin(), what.end(), '_', ' ');
  if (what.rfind("eu ", 0) == 0) {
    what.replace(0, 2, "EU");
  } else if (!what.empty() && what[0] >= 'a' && what[0] <= 'z') {
    what[0] = static_cast<char>(what[0] - 'a' + 'A');
  }
  return what + " (document)";
}

std::vector<Requirement> Requirements() {
  std::vector<Requirement> list = {
      {{"organisation.legal_name"}, "Manufacturer's registered legal name", "Annex II (1)"},
      {{"organisation.address"}, "Manufacturer's postal address", "Annex II (1)"},
      {{"organisation.contact_email"}, "Manufacturer's contact e-mail address", "Annex II (1)"},
      {{"organisation.vulnerability_contact_point"},
       "Single point of contact for vulnerability reports",
       "Annex II (2)"},
      {{"organisation.csirt_member_state"},
       "CSIRT member state of the main establishment",
       "Article 14(7)"},
      {{"release_date"}, "Release date of the version", "Annex VII (1)"},
      {{"end_of_support", "support_period"},
       "Support period of at least 5 years (or a justification)",
       "Article 13(8)"},
      {{"support_period_justification"},
       "Information used to determine the support period",
       "Annex VII (4)"},
      {{"harmonised_standards_applied"},
       "Harmonised standards, common specifications or schemes applied",
       "Annex VII (5)"},
      {{"conformity_assessment_type", "notified_body"},
       "Conformity assessment procedure allowed for the category",
       "Article 32"},
      {{"ce_marking"}, "CE marking recorded once placed on the market", "Articles 29 and 30"},
      {{"secure_by_default"}, "Secure-by-default configuration confirmed", "Annex I Part I (2)(b)"},
  };
  for (const core::RequiredDocument& doc : core::RequiredDocuments()) {
    list.push_back({{doc.key}, DocumentRequirement(doc.key), doc.source});
  }
  list.push_back({{"sbom*"},
                  "Machine-readable SBOM at or above the quality threshold",
                  "Annex I Part II (1)"});
  list.push_back(
      {{"*kev"}, "Known exploited vulnerabilities triaged", "Article 14, product decision"});
  return list;
}

}  // namespace

std::vector<ChecklistRow> ComplianceChecklist(const core::Readiness& readiness) {
  std::vector<ChecklistRow> rows;
  const std::vector<Requirement> requirements = Requirements();
  for (const Requirement& r : requirements) rows.push_back({r.requirement, r.source, true, {}});
  for (const core::MissingItem& item : readiness.missing_items) {
    bool placed = false;
    for (std::size_t i = 0; i < requirements.size() && !placed; ++i) {
      for (const std::string& pattern : requirements[i].keys) {
        if (!Matches(pattern, item.key)) continue;
        rows[i].met = false;
        rows[i].missing.push_back(item.label);
        placed = true;
        break;
      }
    }
    if (!placed) rows.push_back({item.label, item.source, false, {item.label}});
  }
  return rows;
}

}  // namespace craft::exporting::pdf
