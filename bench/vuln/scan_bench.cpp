// Scanning an SBOM's components through the store (store::ScanComponents) as the server does it:
// through one store::ScanCache kept from scan to scan. The first scan reads every candidate from
// the store (what `craft vuln scan` pays every time); the next ones, of the same components, are
// what an upload or a rescan of a version sharing them costs once the server has scanned them.
//
//   bench_scan DATABASE SBOM [RUNS]      (DATABASE: a craft.db after `craft vuln import osv ...`)
//
// Prints each scan's wall time and findings, checks that every warm scan's findings equal the
// first one's, then the advisories held and the peak RSS.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "sbom/parse.h"
#include "store/scan.h"

namespace {

using craft::store::FindingRecord;

bool Same(const std::vector<FindingRecord>& a, const std::vector<FindingRecord>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const FindingRecord& x = a[i];
    const FindingRecord& y = b[i];
    if (x.component_key != y.component_key || x.vuln_id != y.vuln_id || x.aliases != y.aliases ||
        x.severity != y.severity || x.cvss_score != y.cvss_score || x.summary != y.summary ||
        x.references != y.references || x.fixed_versions != y.fixed_versions ||
        x.reason != y.reason || x.kev != y.kev || x.epss != y.epss) {
      return false;
    }
  }
  return true;
}

// The resident set now, in MB.
long ResidentMb() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE) / (1024 * 1024);
}

double Milliseconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_scan DATABASE SBOM [RUNS]\n";
    return 2;
  }
  const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  std::ifstream in(argv[2], std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const auto parsed = craft::sbom::Parse(bytes.str());
  if (!parsed.value) {
    std::cerr << argv[2] << " is not a readable SBOM\n";
    return 2;
  }
  std::vector<craft::store::ScanComponent> components;
  for (const auto& c : parsed.value->components) {
    components.push_back({c.name, c.version, c.purl, c.cpe, c.group});
  }
  auto store = craft::store::OpenSqliteStore(argv[1]);
  craft::store::ScanCache cache;
  std::vector<FindingRecord> first;
  const long resident_before = ResidentMb();
  for (int run = 0; run <= runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    auto findings = craft::store::ScanComponents(*store, components, &cache);
    const double ms = Milliseconds(std::chrono::steady_clock::now() - start);
    std::printf("%s scan: %8.1f ms, %zu components, %zu findings\n", run == 0 ? "cold" : "warm", ms,
                components.size(), findings.size());
    if (run == 0) {
      first = std::move(findings);
      std::printf("resident before the first scan: %ld MB, after it (cache and findings): %ld MB\n",
                  resident_before, ResidentMb());
    } else if (!Same(first, findings)) {
      std::cerr << "the warm scan's findings differ from the cold scan's\n";
      return 1;
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("advisory records held: %zu, read from the store: %llu, peak RSS: %ld MB\n",
              cache.size(), static_cast<unsigned long long>(cache.records_read()),
              usage.ru_maxrss / 1024);
  return 0;
}
