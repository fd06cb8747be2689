// Advisory import and matching speed on a synthetic OSV data set (generate_osv.py).
//
//   python3 bench/vuln/generate_osv.py /tmp/osv-all.zip --records 500000
//   bench_vuln --osv-zip=/tmp/osv-all.zip [--components=10000] [google benchmark flags]
//   bench_vuln --osv-zip=/tmp/osv-all.zip --verify
//
// BM_ImportOsvArchive streams the archive through ReadOsvArchive into an AdvisoryIndex (parse,
// schema checks and indexing; records/s). BM_MatchComponents and BM_MatchPopularComponents match
// `--components` components drawn from the data set (see Components()) against the index built
// once, warm. Every benchmark reports the process's peak RSS. --verify checks instead that
// MatchPackage finds, for every component of both benchmarks, exactly what a plain scan of the
// index's entries with EvaluateAffected finds (the matcher before its compiled ranges).

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "vuln/advisory/ecosystem.h"
#include "vuln/import/osv_archive.h"
#include "vuln/match/index.h"
#include "vuln/match/matcher.h"
#include "vuln/match/osv_evaluation.h"
#include "vuln/match/purl_ecosystem.h"

namespace {

using craft::vuln::advisory::Advisory;
using craft::vuln::match::AdvisoryIndex;
using craft::vuln::match::PackageComponent;

std::string g_zip_path;
std::size_t g_components = 10000;

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Reads the archive from the file in 1 MiB chunks, as the importer would.
craft::vuln::import::OsvArchiveSummary Import(AdvisoryIndex& index) {
  std::ifstream in(g_zip_path, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  craft::vuln::import::ByteSource source = [&]() -> std::string_view {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    return {buffer.data(), static_cast<std::size_t>(in.gcount())};
  };
  return craft::vuln::import::ReadOsvArchive(source,
                                             [&](Advisory&& a) { index.Add(std::move(a)); });
}

AdvisoryIndex& SharedIndex() {
  static std::unique_ptr<AdvisoryIndex> index = [] {
    auto built = std::make_unique<AdvisoryIndex>();
    Import(*built);
    return built;
  }();
  return *index;
}

// Every package the data set names, with how many affected[] entries name it and a version taken
// from one of them (reservoir-sampled).
struct PackageSample {
  std::string ecosystem, name, version;
  std::size_t entries = 0;
};

std::vector<PackageSample> Packages() {
  std::mt19937_64 rng(7);
  std::unordered_map<std::string, PackageSample> packages;
  std::ifstream in(g_zip_path, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  craft::vuln::import::ByteSource source = [&]() -> std::string_view {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    return {buffer.data(), static_cast<std::size_t>(in.gcount())};
  };
  craft::vuln::import::ReadOsvArchive(source, [&](Advisory&& a) {
    for (const auto& affected : a.affected) {
      if (affected.package.name.empty()) continue;
      auto& p = packages[affected.package.ecosystem + "\n" + affected.package.name];
      if (rng() % ++p.entries != 0) continue;
      p.ecosystem = affected.package.ecosystem;
      p.name = affected.package.name;
      if (!affected.versions.empty()) {
        p.version = affected.versions[rng() % affected.versions.size()];
      } else if (!affected.ranges.empty() && !affected.ranges[0].events.empty()) {
        p.version = affected.ranges[0].events.back().version;
      }
    }
  });
  std::vector<PackageSample> out;
  for (auto& [key, p] : packages) out.push_back(std::move(p));
  std::sort(out.begin(), out.end(),
            [](const PackageSample& a, const PackageSample& b) { return a.name < b.name; });
  return out;
}

// Components to match: 80% packages of the data set at a version taken from their advisories, 20%
// packages no advisory names. `by_entries`: packages drawn in proportion to how many advisories
// name them (the worst case: popular packages); otherwise uniformly, as an SBOM's components are.
std::vector<PackageComponent> Components(bool by_entries) {
  static const std::vector<PackageSample> packages = Packages();
  std::mt19937_64 rng(by_entries ? 11 : 13);
  std::vector<double> weights;
  for (const auto& p : packages) weights.push_back(by_entries ? double(p.entries) : 1.0);
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  std::vector<PackageComponent> out;
  for (std::size_t i = 0; i < g_components && !packages.empty(); ++i) {
    if (i % 5 == 4) {
      out.push_back({"npm", "no-such-package-" + std::to_string(i), "1.0.0"});
      continue;
    }
    const auto& p = packages[pick(rng)];
    out.push_back({p.ecosystem, p.name, p.version});
  }
  return out;
}

// What the matcher did before its compiled ranges, through the index's public API: every entry of
// the package, EvaluateAffected on the record's ranges, then its versions[] list. One line per
// finding: id, basis, fixed versions.
std::vector<std::string> PlainScan(const AdvisoryIndex& index, const PackageComponent& c) {
  using namespace craft::vuln;
  std::vector<std::string> out;
  const auto base = advisory::EcosystemBase(c.ecosystem);
  const auto name = advisory::NormalizePackageName(c.ecosystem, c.name);
  const match::IndexedAdvisory* last = nullptr;
  for (const auto& entry : index.LookupPackage(base, name)) {
    if (entry.advisory == last) continue;
    if (!match::EcosystemApplies(index.EcosystemName(entry.ecosystem_id), c.ecosystem)) continue;
    const auto& a = *entry.affected;
    auto e = match::EvaluateAffected(a.scheme, a.ranges, false, c.version);
    if (!e && a.versions.size() > 0 &&
        a.versions.Contains(match::ListedVersion(a.ecosystem, c.version))) {
      e = match::EvaluateAffected(a.scheme, a.ranges, true, c.version);
    }
    if (!e) continue;
    last = entry.advisory;
    std::string line = entry.advisory->id;
    if (e->basis == match::AffectedEvaluation::Basis::kRange) {
      line += " range";
      for (const auto& event : a.ranges[e->range_index].events) line += " " + event.version;
    } else {
      line += " listed";
    }
    line += " fixed";
    for (const auto& f : e->fixed_above) line += " " + f;
    out.push_back(std::move(line));
  }
  std::sort(out.begin(), out.end());
  return out;
}

int Verify() {
  const AdvisoryIndex& index = SharedIndex();
  std::size_t components = 0, findings = 0, differences = 0;
  for (bool by_entries : {false, true}) {
    for (const auto& c : Components(by_entries)) {
      std::vector<std::string> got;
      for (const auto& f : craft::vuln::match::MatchPackage(index, c)) {
        std::string line = f.advisory_id;
        if (f.basis == craft::vuln::match::Finding::Basis::kRange) {
          line += " range";
          for (const auto& event : f.range->events) line += " " + event.version;
        } else {
          line += " listed";
        }
        line += " fixed";
        for (const auto& v : f.fixed_versions) line += " " + v;
        got.push_back(std::move(line));
      }
      std::sort(got.begin(), got.end());
      auto want = PlainScan(index, c);
      ++components;
      findings += want.size();
      if (got != want) {
        if (++differences <= 10) {
          std::fprintf(stderr, "differs: %s %s %s (%zu vs %zu findings)\n", c.ecosystem.c_str(),
                       c.name.c_str(), c.version.c_str(), got.size(), want.size());
        }
      }
    }
  }
  std::printf("verify: %zu components, %zu findings, %zu components differ\n", components, findings,
              differences);
  return differences == 0 ? 0 : 1;
}

void BM_ImportOsvArchive(benchmark::State& state) {
  std::size_t records = 0, rejected = 0;
  for (auto _ : state) {
    AdvisoryIndex index;
    auto summary = Import(index);
    records = summary.records;
    rejected = summary.rejected;
    if (!summary.complete) state.SkipWithError("archive incomplete");
    benchmark::DoNotOptimize(index.size());
  }
  state.counters["records"] = static_cast<double>(records);
  state.counters["rejected"] = static_cast<double>(rejected);
  state.counters["records_per_s"] = benchmark::Counter(
      static_cast<double>(records), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}

void Match(benchmark::State& state, bool by_entries) {
  const AdvisoryIndex& index = SharedIndex();
  const std::vector<PackageComponent> components = Components(by_entries);
  std::size_t findings = 0;
  for (auto _ : state) {
    findings = 0;
    for (const auto& c : components) findings += craft::vuln::match::MatchPackage(index, c).size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["components"] = static_cast<double>(components.size());
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["indexed_advisories"] = static_cast<double>(index.size());
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}

// Components drawn uniformly from the data set's packages, as an SBOM's are.
void BM_MatchComponents(benchmark::State& state) { Match(state, false); }

// Components drawn in proportion to their advisories: mostly the most-advised packages.
void BM_MatchPopularComponents(benchmark::State& state) { Match(state, true); }

}  // namespace

BENCHMARK(BM_ImportOsvArchive)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_MatchComponents)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MatchPopularComponents)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv) {
  std::vector<char*> rest;
  bool verify = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.starts_with("--osv-zip=")) {
      g_zip_path = arg.substr(10);
    } else if (arg == "--verify") {
      verify = true;
    } else if (arg.starts_with("--components=")) {
      g_components = std::stoul(arg.substr(13));
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (g_zip_path.empty()) {
    std::fprintf(stderr,
                 "usage: bench_vuln --osv-zip=PATH [--components=N] [benchmark flags]\n"
                 "       (make PATH with bench/vuln/generate_osv.py)\n");
    return 2;
  }
  if (verify) return Verify();
  int count = static_cast<int>(rest.size());
  benchmark::Initialize(&count, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
