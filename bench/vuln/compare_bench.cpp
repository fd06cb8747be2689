// craft's side of the comparator benchmark (compare_versions.sh): orders every version pair of a
// file with craft::vuln::version::Compare and writes one result a line (-1, 0 or 1), in the order
// of the pairs.
//
//   bench_compare SCHEME PAIRS.tsv RESULTS.txt [--runs N]
//
// SCHEME is any name ParseSchemeName accepts (debian, pypi, ...); PAIRS.tsv holds one pair a line,
// the two versions separated by a tab (generate_version_pairs.py). The comparisons are timed apart
// from reading and writing the files, in CPU time of the process (the machine is shared: wall time
// would count other processes' turns): the best of N runs (default 5) over all pairs is printed on
// stdout as "pairs=<n> best_ms=<t> ns_per_pair=<t>", for the script to set beside the reference.

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "vuln/version/compare.h"

namespace {

double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_compare SCHEME PAIRS.tsv RESULTS.txt [--runs N]\n");
    return 2;
  }
  auto scheme = craft::vuln::version::ParseSchemeName(argv[1]);
  if (!scheme) {
    std::fprintf(stderr, "bench_compare: unknown scheme '%s'\n", argv[1]);
    return 2;
  }
  int runs = 5;
  if (argc >= 6 && std::string_view(argv[4]) == "--runs") runs = std::max(1, std::atoi(argv[5]));

  std::ifstream in(argv[2], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "bench_compare: cannot read %s\n", argv[2]);
    return 2;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  std::vector<std::string_view> a, b;
  for (const auto& line : lines) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    a.emplace_back(line.data(), tab);
    b.emplace_back(line.data() + tab + 1, line.size() - tab - 1);
  }

  std::vector<int> results(a.size());
  double best_ms = 0;
  for (int run = 0; run < runs; ++run) {
    const double start = CpuMs();
    for (std::size_t i = 0; i < a.size(); ++i) {
      results[i] = craft::vuln::version::Compare(*scheme, a[i], b[i]);
    }
    const double took = CpuMs() - start;
    if (run == 0 || took < best_ms) best_ms = took;
  }

  std::ofstream out(argv[3], std::ios::binary);
  for (int r : results) out << r << '\n';
  if (!out) {
    std::fprintf(stderr, "bench_compare: cannot write %s\n", argv[3]);
    return 2;
  }
  std::printf("pairs=%zu best_ms=%.3f ns_per_pair=%.1f\n", a.size(), best_ms,
              a.empty() ? 0.0 : best_ms * 1e6 / static_cast<double>(a.size()));
  return 0;
}
