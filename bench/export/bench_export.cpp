// Benchmark of the technical-file export (issue 5, "Speed"), plain main, Release build:
//
//   1. A version with 20 documents totalling 1 GB (generated files under /tmp) and a
//   2,000-component
//      CycloneDX SBOM: craft's export to a file against `zip -0 -r` over the same files, side by
//      side, best of three each. Target: craft's throughput >= 70% of zip's; peak RSS < 100 MB.
//   2. technical-file.pdf for a 10,000-component SBOM with 500 findings. Target: < 2 s.
//
// Usage: bench_export [--total-mb N] [--runs N] [--keep]   (defaults 1000, 3)
// Prints one line per measurement and the ratios; exit status 0 whatever the figures.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/digest.h"
#include "core/readiness.h"
#include "core/retention.h"
#include "export/pdf/technical_file_pdf.h"
#include "export/technical_file_writer.h"

namespace {

using namespace craft;
using exporting::TechnicalFile;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

std::int64_t StatusKb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::stoll(line.substr(prefix.size()));
  }
  return -1;
}

void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

// Incompressible bytes (xorshift), written in 1 MiB blocks.
void WriteRandomFile(const fs::path& path, std::uint64_t size, std::uint64_t seed) {
  std::ofstream out(path, std::ios::binary);
  std::vector<std::uint64_t> block(1 << 17);
  std::uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (std::uint64_t written = 0; written < size;) {
    for (auto& word : block) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      word = x;
    }
    const std::uint64_t n = std::min<std::uint64_t>(block.size() * 8, size - written);
    out.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(n));
    written += n;
  }
}

std::string CycloneDx(int components) {
  std::string json = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[)";
  for (int i = 0; i < components; ++i) {
    const std::string name = "component-" + std::to_string(i);
    json += (i ? "," : "") + std::string(R"({"type":"library","name":")") + name +
            R"(","version":"1.)" + std::to_string(i % 40) + R"(.0","purl":"pkg:npm/)" + name +
            "@1." + std::to_string(i % 40) + R"(.0","licenses":[{"license":{"id":"MIT"}}]})";
  }
  return json + "]}";
}

exporting::ByteStreamer FileStreamer(const fs::path& path) {
  return [path](const exporting::ByteSink& sink) {
    std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    std::string block(1 << 20, '\0');
    for (std::size_t n; (n = std::fread(block.data(), 1, block.size(), in.get())) > 0;) {
      sink(std::string_view(block.data(), n));
    }
  };
}

std::string Sha256OfFile(const fs::path& path) {
  core::Sha256 hash;
  FileStreamer(path)([&hash](std::string_view b) { hash.Update(b); });
  return hash.FinishHex();
}

TechnicalFile BaseFile() {
  TechnicalFile f;
  f.exported_at = 1780000000;
  f.organisation.name = f.organisation.legal_name = "Bench Gerätebau GmbH";
  f.organisation.address = {"Hauptstraße 1", "", "München", "80331", "DE"};
  f.organisation.contact_email = f.organisation.vulnerability_contact_point = "sec@bench.example";
  f.organisation.csirt_member_state = "DE";
  f.product.name = "Bench Zähler";
  f.product.slug = "bench";
  f.version.version = "1.0.0";
  f.version.release_date = core::ParseDate("2026-01-01");
  f.version.end_of_support = core::ParseDate("2031-01-01");
  f.version.first_placed_on_market = core::ParseDate("2026-01-01");
  f.version.release_state = core::ReleaseState::kReleased;
  return f;
}

void AddComponents(TechnicalFile& f, int count) {
  exporting::SbomSummary& s = f.sboms.back().summary;
  s.components = static_cast<std::uint64_t>(count);
  s.direct = s.components / 10;
  s.transitive = s.components - s.direct;
  s.by_type = {{"library", s.components * 9 / 10}, {"framework", s.components / 10}};
  s.with_purl = s.components;
  s.with_licence = s.components * 95 / 100;
  for (int i = 0; i < count; ++i) {
    const std::string name = "component-" + std::to_string(i);
    f.components.push_back({name,
                            "1.0",
                            "library",
                            "pkg:npm/" + name + "@1.0",
                            "",
                            {"MIT"},
                            {{"SHA-256", core::Sha256Hex(name)}},
                            "Bench"});
  }
}

void AddFindings(TechnicalFile& f, int count) {
  for (int i = 0; i < count; ++i) {
    exporting::Finding x;
    x.id = "CVE-2025-" + std::to_string(20000 + i);
    x.component = "pkg:npm/component-" + std::to_string(i) + "@1.0";
    x.severity = exporting::kSeverities[static_cast<std::size_t>(i) % 6];
    x.cvss_score = 5.0 + (i % 50) / 10.0;
    x.kev = i % 50 == 0;
    x.status = static_cast<exporting::TriageStatus>(i % 5);
    if (x.status == exporting::TriageStatus::kNotAffected) {
      x.justification = "vulnerable_code_not_in_execute_path";
    }
    x.detail = "Reviewed by the product security team.";
    x.review_date = core::ParseDate("2026-06-30");
    f.findings.push_back(std::move(x));
  }
}

void Finalise(TechnicalFile& f) {
  std::vector<core::DocumentType> types;
  for (const auto& d : f.documents) types.push_back(d.document.type);
  const core::Date today = core::DateOf(f.exported_at);
  f.readiness = core::AssessReadiness({f.organisation,
                                       f.product,
                                       f.version,
                                       types,
                                       today,
                                       static_cast<int>(f.sboms.size()),
                                       f.quality_score,
                                       {}});
  f.retention = core::AssessRetention(f.version, today);
  f.quality_score = 91;
}

struct Dataset {
  fs::path root;
  TechnicalFile file;
  std::uint64_t bytes = 0;
};

Dataset Generate(const fs::path& root, std::uint64_t total_bytes) {
  Dataset d{root, BaseFile(), 0};
  fs::create_directories(root / "documents");
  fs::create_directories(root / "sboms");
  static const core::DocumentType kTypes[] = {
      core::DocumentType::kRiskAssessment, core::DocumentType::kEuDeclarationOfConformity,
      core::DocumentType::kUserManual, core::DocumentType::kVulnerabilityPolicy,
      core::DocumentType::kTestReport};
  for (int i = 0; i < 20; ++i) {
    // Sizes from 0.5x to 1.5x of the mean, summing to total_bytes.
    const std::uint64_t size =
        total_bytes / 20 / 2 + total_bytes / 20 * static_cast<std::uint64_t>(i) / 19;
    const fs::path path = root / "documents" / ("document-" + std::to_string(i) + ".pdf");
    WriteRandomFile(path, size, static_cast<std::uint64_t>(i) + 1);
    core::Document doc;
    doc.id = "doc-" + std::to_string(i);
    doc.type = kTypes[i % 5];
    doc.file_name = path.filename().string();
    doc.size = fs::file_size(path);
    doc.sha256 = Sha256OfFile(path);  // the store knows it: blobs are content-addressed
    d.bytes += doc.size;
    d.file.documents.push_back({doc, FileStreamer(path)});
  }
  const fs::path sbom_path = root / "sboms" / "bom.cdx.json";
  std::ofstream(sbom_path) << CycloneDx(2000);
  exporting::TechnicalFileSbom sbom{"sbom-1",
                                    "bom.cdx.json",
                                    "CycloneDX",
                                    "1.6",
                                    "application/vnd.cyclonedx+json",
                                    fs::file_size(sbom_path),
                                    Sha256OfFile(sbom_path),
                                    {},
                                    FileStreamer(sbom_path)};
  d.bytes += sbom.size;
  d.file.sboms.push_back(std::move(sbom));
  AddComponents(d.file, 2000);
  Finalise(d.file);
  return d;
}

struct ExportRun {
  double seconds = 0;
  std::int64_t peak_rss_growth_kb = 0;
  std::int64_t peak_rss_kb = 0;
  std::uint64_t zip_bytes = 0;
};

ExportRun RunCraft(const Dataset& d, const fs::path& out_path) {
  std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(out_path.c_str(), "wb"), std::fclose);
  ResetPeakRss();
  const std::int64_t before = StatusKb("VmRSS");
  const auto start = Clock::now();
  exporting::ExportOptions options;
  options.signing_key_pem = std::nullopt;
  const auto summary = exporting::WriteTechnicalFile(
      d.file, [&out](std::string_view b) { std::fwrite(b.data(), 1, b.size(), out.get()); },
      options);
  std::fflush(out.get());
  ExportRun run{Seconds(start), 0, StatusKb("VmHWM"), summary.size};
  run.peak_rss_growth_kb = run.peak_rss_kb - before;
  return run;
}

double RunZip(const Dataset& d, const fs::path& out_path) {
  fs::remove(out_path);
  const std::string command =
      "cd '" + d.root.string() + "' && zip -0 -r -q '" + out_path.string() + "' documents sboms";
  const auto start = Clock::now();
  if (std::system(command.c_str()) != 0) throw std::runtime_error("zip failed");
  return Seconds(start);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Both tools write to `target`: "file" (a ZIP under the data folder) or "/dev/null".
void Compare(const Dataset& d, const std::string& target, int runs) {
  const bool discard = target == "/dev/null";
  const fs::path craft_out = discard ? fs::path("/dev/null") : d.root / "craft.zip";
  const fs::path zip_out = discard ? fs::path("/dev/null") : d.root / "zip.zip";
  const double mb = static_cast<double>(d.bytes) / 1e6;
  std::vector<double> craft_times, zip_times;
  ExportRun worst{};
  RunZip(d, zip_out);  // warm the page cache for both
  for (int i = 0; i < runs; ++i) {
    const ExportRun run = RunCraft(d, craft_out);
    craft_times.push_back(run.seconds);
    worst.peak_rss_kb = std::max(worst.peak_rss_kb, run.peak_rss_kb);
    worst.peak_rss_growth_kb = std::max(worst.peak_rss_growth_kb, run.peak_rss_growth_kb);
    worst.zip_bytes = run.zip_bytes;
    zip_times.push_back(RunZip(d, zip_out));
  }
  const double craft_best = *std::min_element(craft_times.begin(), craft_times.end());
  const double zip_best = *std::min_element(zip_times.begin(), zip_times.end());
  std::printf("-- output to %s; input %.1f MB in 21 files\n", discard ? "/dev/null" : "a file", mb);
  std::printf("craft export:  best %.3f s (%.0f MB/s), median %.3f s, ZIP %llu bytes\n", craft_best,
              mb / craft_best, Median(craft_times),
              static_cast<unsigned long long>(worst.zip_bytes));
  std::printf("zip -0 -r:     best %.3f s (%.0f MB/s), median %.3f s\n", zip_best, mb / zip_best,
              Median(zip_times));
  std::printf("throughput ratio craft/zip: %.0f%% (best), %.0f%% (median)  [target >= 70%%]\n",
              100 * zip_best / craft_best, 100 * Median(zip_times) / Median(craft_times));
  std::printf("peak RSS during export: %.1f MB (growth %.1f MB)  [target < 100 MB]\n",
              worst.peak_rss_kb / 1024.0, worst.peak_rss_growth_kb / 1024.0);
}

void BenchExport(std::uint64_t total_mb, int runs, bool keep) {
  const fs::path root =
      fs::temp_directory_path() / ("craft-bench-export-" + std::to_string(::getpid()));
  std::printf("generating 20 documents, %llu MB in all, and a 2,000-component SBOM in %s\n",
              static_cast<unsigned long long>(total_mb), root.c_str());
  const Dataset d = Generate(root, total_mb * 1000 * 1000);
  Compare(d, "file", runs);
  Compare(d, "/dev/null", runs);
  if (!keep) fs::remove_all(root);
}

void BenchPdf(int runs) {
  TechnicalFile f = BaseFile();
  f.sboms.push_back(
      {"sbom-1", "bom.cdx.json", "CycloneDX", "1.6", "", 1, std::string(64, 'a'), {}, {}});
  AddComponents(f, 10000);
  AddFindings(f, 500);
  Finalise(f);
  const auto layout = exporting::PlanTechnicalFile(f, true);
  std::vector<double> times;
  std::size_t bytes = 0;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    bytes = exporting::RenderTechnicalFilePdf(f, layout).size();
    times.push_back(Seconds(start));
  }
  std::printf(
      "PDF, 10,000 components and 500 findings: best %.3f s, median %.3f s, %zu bytes  "
      "[target < 2 s]\n",
      *std::min_element(times.begin(), times.end()), Median(times), bytes);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t total_mb = 1000;
  int runs = 3;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--total-mb" && i + 1 < argc) total_mb = std::stoull(argv[++i]);
    if (arg == "--runs" && i + 1 < argc) runs = std::max(1, std::stoi(argv[++i]));
    if (arg == "--keep") keep = true;
  }
  BenchPdf(runs);
  BenchExport(total_mb, runs, keep);
  return 0;
}
