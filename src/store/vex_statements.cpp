#include "store/vex_statements.h"

#include <algorithm>

#include "vuln/vex/csaf.h"
#include "vuln/vex/cyclonedx.h"
#include "vuln/vex/mapping.h"
#include "vuln/vex/openvex.h"

namespace craft::store {
namespace {

using vuln::vex::Statement;

std::string WithoutVersion(const std::string& purl) {
  const auto at = purl.find('@');
  return at == std::string::npos ? purl : purl.substr(0, at);
}

bool NamesVulnerability(const Statement& s, const FindingRecord& f) {
  std::vector<std::string> ours = f.aliases;
  ours.push_back(f.vuln_id);
  std::vector<std::string> theirs = s.aliases;
  theirs.push_back(s.vulnerability);
  return std::any_of(theirs.begin(), theirs.end(), [&](const std::string& id) {
    return std::find(ours.begin(), ours.end(), id) != ours.end();
  });
}

bool NamesProduct(const vuln::vex::Product& p, const FindingRecord& f) {
  const std::string& purl = f.component_purl;
  if (!p.purl.empty() && !purl.empty()) {
    // A purl without a version covers every version of the package.
    return p.purl == purl ||
           (p.purl.find('@') == std::string::npos && p.purl == WithoutVersion(purl));
  }
  for (const std::string* id : {&p.bom_ref, &p.id, &p.name}) {
    if (id->empty()) continue;
    if (*id == purl || *id == f.component_key || *id == f.component_name) return true;
  }
  return false;
}

}  // namespace

std::vector<Statement> StatementsOf(const std::vector<FindingRecord>& findings) {
  std::vector<Statement> out;
  for (const FindingRecord& f : findings) {
    Statement s;
    s.vulnerability = f.vuln_id;
    s.aliases = f.aliases;
    vuln::vex::Product product;
    product.purl = f.component_purl;
    product.bom_ref = f.component_key;
    product.name =
        f.component_name + (f.component_version.empty() ? "" : " " + f.component_version);
    s.products.push_back(std::move(product));
    s.status = vuln::vex::ParseStatus(f.status).value_or(vuln::vex::Status::kUnderInvestigation);
    s.justification = vuln::vex::ParseJustification(f.justification);
    for (const auto& r : f.responses) {
      if (auto response = vuln::vex::ParseResponse(r)) s.responses.push_back(*response);
    }
    s.impact_statement = f.impact_statement;
    s.detail = f.detail;
    if (s.status == vuln::vex::Status::kAffected && !f.fixed_versions.empty()) {
      s.action_statement = "Update " + f.component_name + " to " + f.fixed_versions.front() + ".";
    }
    if (f.analysed_at) s.timestamp = core::FormatTimestamp(*f.analysed_at);
    s.author = f.analysed_by;
    out.push_back(std::move(s));
  }
  return out;
}

FindingAnalysis AnalysisOf(const Statement& s) {
  FindingAnalysis a;
  a.status = std::string(vuln::vex::ToString(s.status));
  if (s.justification) a.justification = std::string(vuln::vex::ToString(*s.justification));
  for (auto r : s.responses) a.responses.emplace_back(vuln::vex::ToString(r));
  a.detail = s.detail;
  a.impact_statement = s.impact_statement;
  return a;
}

bool StatementCovers(const Statement& s, const FindingRecord& f) {
  if (!NamesVulnerability(s, f)) return false;
  if (s.products.empty()) return true;
  return std::any_of(s.products.begin(), s.products.end(),
                     [&](const vuln::vex::Product& p) { return NamesProduct(p, f); });
}

std::string WriteVex(const std::string& format, const std::vector<FindingRecord>& findings,
                     const std::string& document_id, const std::string& publisher,
                     const std::string& timestamp) {
  const std::vector<Statement> statements = StatementsOf(findings);
  if (format == "openvex") {
    vuln::vex::OpenVexWriteOptions o;
    o.id = "https://craft.invalid/vex/" + document_id;
    o.author = publisher.empty() ? "craft" : publisher;
    o.timestamp = timestamp;
    return vuln::vex::WriteOpenVex(statements, o);
  }
  if (format == "csaf") {
    vuln::vex::CsafWriteOptions o;
    o.id = document_id;
    o.title = "VEX for " + document_id;
    o.publisher = publisher.empty() ? "craft" : publisher;
    o.timestamp = timestamp;
    return vuln::vex::WriteCsaf(statements, o);
  }
  vuln::vex::CycloneDxWriteOptions o;
  o.timestamp = timestamp;
  return vuln::vex::WriteCycloneDx(statements, o);
}

}  // namespace craft::store
