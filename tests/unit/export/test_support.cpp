#include "test_support.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "../json_schema_check.h"
#include "core/digest.h"
#include "core/readiness.h"
#include "core/retention.h"

namespace craft::exporting::fixture {

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate =
        std::filesystem::temp_directory_path() /
        ("craft-export-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

CommandResult RunCommand(const std::string& command_line, bool with_stderr) {
  CommandResult result;
  FILE* pipe = ::popen((command_line + (with_stderr ? " 2>&1" : "")).c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 65536> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string Quote(const std::filesystem::path& path) {
  std::string quoted = "'";
  for (char c : path.string()) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

namespace {

std::int64_t StatusKb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stoll(line.substr(key.size() + 1));
  }
  return -1;
}

core::Document MakeDocument(int n, core::DocumentType type, const std::string& file_name,
                            const std::string& bytes) {
  core::Document d;
  d.id = "00000000-0000-4000-8000-00000000000" + std::to_string(n);
  d.organisation_id = "org-1";
  d.version_id = "ver-1";
  d.type = type;
  d.title = file_name;
  d.file_name = file_name;
  d.media_type = "application/pdf";
  d.size = bytes.size();
  d.sha256 = core::Sha256Hex(bytes);
  d.uploaded_by = "user:1";
  d.uploaded_at = 1767225600 + n;
  return d;
}

void AddComponents(TechnicalFile& file, int count) {
  static const std::array<const char*, 4> kTypes = {"library", "framework", "application",
                                                    "operating-system"};
  std::array<std::uint64_t, kTypes.size()> by_type{};
  for (int i = 0; i < count; ++i) {
    NormalisedComponent c;
    c.name = "component-" + std::to_string(i);
    c.version = i % 10 == 9 ? "" : "1." + std::to_string(i % 7) + ".0";
    c.type = kTypes[static_cast<std::size_t>(i) % 3 == 0 ? 1 + (i / 3) % 3 : 0];
    if (i % 4 != 0) c.purl = "pkg:generic/" + c.name + "@" + c.version;
    if (i % 5 != 0) c.licences = {"Apache-2.0"};
    c.hashes = {{"SHA-256", core::Sha256Hex(c.name)}};
    c.supplier = "Supplier Ångström AB";
    for (std::size_t t = 0; t < kTypes.size(); ++t) by_type[t] += (c.type == kTypes[t]);
    file.components.push_back(std::move(c));
  }
  SbomSummary& s = file.sboms.front().summary;
  s.components = static_cast<std::uint64_t>(count);
  s.direct = static_cast<std::uint64_t>(count / 5);
  s.transitive = s.components - s.direct;
  for (std::size_t t = 0; t < kTypes.size(); ++t) s.by_type.emplace_back(kTypes[t], by_type[t]);
  for (const auto& c : file.components) {
    s.with_purl += !c.purl.empty();
    s.with_licence += !c.licences.empty();
    s.versionless += c.version.empty();
  }
}

void AddFindings(TechnicalFile& file, int count) {
  for (int i = 0; i < count; ++i) {
    Finding f;
    f.id = "CVE-2025-" + std::to_string(10000 + i);
    f.aliases = {"GHSA-xxxx-" + std::to_string(i)};
    f.component = "pkg:generic/component-" + std::to_string(i % 25) + "@1.0.0";
    f.severity = kSeverities[static_cast<std::size_t>(i) % kSeverities.size()];
    if (f.severity != Severity::kUnknown) f.cvss_score = 9.8 - (i % 6) * 1.5;
    f.kev = i % 7 == 0;
    f.status = static_cast<TriageStatus>(i % 5);
    if (f.status == TriageStatus::kNotAffected) f.justification = "vulnerable_code_not_present";
    if (f.status == TriageStatus::kAffected && i % 2 == 0) f.response = "will_not_fix";
    f.detail = "Triage note for finding " + std::to_string(i) + ".";
    f.review_date = core::Date{std::chrono::year{2026}, std::chrono::month{3},
                               std::chrono::day{static_cast<unsigned>(1 + i % 28)}};
    file.findings.push_back(std::move(f));
  }
}

}  // namespace

std::vector<std::string> ManifestSchemaErrors(const std::string& manifest_json) {
  static const nlohmann::json schema_json = nlohmann::json::parse(
      ReadFile(std::filesystem::path(CRAFT_SOURCE_DIR) / "docs/manifest-v1.1.schema.json"));
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  return craft::testing::SchemaErrors(schema, manifest_json);
}

std::string UnzipEntry(const std::filesystem::path& zip, const std::string& entry) {
  const auto result = RunCommand("unzip -p " + Quote(zip) + " " + Quote(entry), false);
  if (result.exit_code != 0) throw std::runtime_error("unzip -p failed for " + entry);
  return result.output;
}

std::string SampleSbom() {
  return ReadFile(std::filesystem::path(CRAFT_CORPORA) /
                  "cyclonedx-bom-examples/SBOM/dropwizard-1.3.15/bom.json");
}

std::int64_t PeakRssKb() { return StatusKb("VmHWM"); }
std::int64_t CurrentRssKb() { return StatusKb("VmRSS"); }
void ResetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
}

namespace {

core::Organisation SampleOrganisation() {
  core::Organisation o;
  o.id = "org-1";
  o.name = "Müller";
  o.legal_name = "Müller Gerätebau GmbH & Co. KG";
  o.address = {"Königstraße 12", "Hinterhaus", "Zürich-Süd", "80331", "DE"};
  o.contact_email = "info@mueller.example";
  o.website = "https://mueller.example";
  o.vulnerability_contact_point = "security@mueller.example";
  o.csirt_member_state = "DE";
  return o;
}

core::Product SampleProduct() {
  core::Product p;
  p.id = "prod-1";
  p.name = "Müller Zähler-Gerät Ω";
  p.slug = "mueller-zaehler";
  p.description = "Ein intelligenter Zähler für Gebäude (café, naïve façade).";
  p.intended_purpose = "Measuring energy use in buildings and reporting it to the owner.";
  p.category = core::Category::kImportantClassI;
  p.subcategory = "routers_modems_switches";
  p.target_markets = {"DE", "AT", "FR"};
  return p;
}

core::Version SampleVersion() {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  core::Version v;
  v.id = "ver-1";
  v.product_id = "prod-1";
  v.version = "2.4.1";
  v.release_date = core::Date{year{2026}, month{1}, day{15}};
  v.end_of_support = core::Date{year{2031}, month{1}, day{15}};
  v.support_period_justification = "Expected use of ten years; five years of updates.";
  v.harmonised_standards_applied =
      core::HarmonisedStandardsApplied{false, {{"EN 18031-1:2024", "Radio equipment", true, ""}}};
  v.conformity_assessment_type = core::ConformityAssessmentType::kThirdPartyTypeExamination;
  v.notified_body = "TÜV Süd, NB 0123";
  v.ce_marking = {true, core::Date{year{2026}, month{2}, day{1}}, "Jürgen Öztürk"};
  v.secure_by_default = true;
  v.first_placed_on_market = core::Date{year{2026}, month{2}, day{1}};
  v.release_state = core::ReleaseState::kReleased;
  return v;
}

std::vector<TechnicalFileDocument> SampleDocuments(const SampleBytes& bytes) {
  using core::DocumentType;
  return {
      {MakeDocument(1, DocumentType::kRiskAssessment, "risk-assessment.pdf", bytes.risk_assessment),
       StreamOf(bytes.risk_assessment)},
      {MakeDocument(2, DocumentType::kEuDeclarationOfConformity, "Konformitätserklärung.pdf",
                    bytes.declaration),
       StreamOf(bytes.declaration)},
      {MakeDocument(3, DocumentType::kUserManual, "manual.pdf", bytes.user_manual),
       StreamOf(bytes.user_manual)},
      {MakeDocument(4, DocumentType::kUserManual, "manual.pdf", bytes.user_manual_clash),
       StreamOf(bytes.user_manual_clash)},
      {MakeDocument(5, DocumentType::kVulnerabilityPolicy, "cvd-policy.txt", bytes.policy),
       StreamOf(bytes.policy)},
  };
}

TechnicalFileSbom SampleSbomEntry(const SampleBytes& bytes) {
  TechnicalFileSbom sbom;
  sbom.id = "sbom-1";
  sbom.file_name = "bom.cdx.json";
  sbom.format = "CycloneDX";
  sbom.spec_version = "1.6";
  sbom.media_type = "application/vnd.cyclonedx+json";
  sbom.size = bytes.sbom.size();
  sbom.sha256 = core::Sha256Hex(bytes.sbom);
  sbom.content = StreamOf(bytes.sbom);
  return sbom;
}

}  // namespace

TechnicalFile SampleTechnicalFile(const SampleBytes& bytes, int components, int findings) {
  TechnicalFile f;
  f.exported_at = 1780000000;  // 2026-05-28T20:26:40Z
  f.organisation = SampleOrganisation();
  f.product = SampleProduct();
  f.version = SampleVersion();
  f.documents = SampleDocuments(bytes);
  f.sboms.push_back(SampleSbomEntry(bytes));
  AddComponents(f, components);
  AddFindings(f, findings);
  f.vulnerabilities_assessed_at = f.exported_at - 3600;
  if (findings > 0) f.vex.push_back({"vex.cdx.json", bytes.vex});
  f.quality_score = 86.5;
  std::vector<core::DocumentType> types;
  for (const auto& d : f.documents) types.push_back(d.document.type);
  f.readiness = core::AssessReadiness({f.organisation,
                                       f.product,
                                       f.version,
                                       types,
                                       core::DateOf(f.exported_at),
                                       static_cast<int>(f.sboms.size()),
                                       f.quality_score,
                                       {}});
  f.retention = core::AssessRetention(f.version, core::DateOf(f.exported_at));
  return f;
}

}  // namespace craft::exporting::fixture
