// `sbom::Parse` side by side with simdjson's own DOM parse of the same bytes, and the phases of
// `craft sbom check` one by one (time and resident memory after each).
//
//   build/bench/sbom/bench_sbom_parse FILE [RUNS]      (default 5; best of RUNS)
//
// "fresh" runs give each parse new buffers (what one `craft sbom check` process pays, page faults
// included); "reused" runs keep one parser and call it again (what a long-running server pays).
// sbom::Parse keeps its parser's buffers between calls for inputs up to 64 MiB (see parse.h), so
// its repeated runs compare with simdjson's reused ones below that size and with fresh ones above.
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <string>

#include "sbom/check.h"
#include "sbom/parse.h"
#include "sbom/parse/formats.h"
#include "sbom/parse/json_dom.h"
#include "sbom/quality/score.h"
#include "sbom/summary.h"
#include "sbom/validate/validate.h"

namespace {

double Seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The resident set now, in MB (from /proc/self/statm).
double ResidentMb() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return static_cast<double>(pages_resident) * 4096.0 / 1e6;
}

// The peak resident set so far, in MB (VmHWM in /proc/self/status).
double PeakMb() {
  std::ifstream status("/proc/self/status");
  std::string word;
  while (status >> word) {
    if (word == "VmHWM:") {
      double kb = 0;
      status >> kb;
      return kb / 1e3;
    }
  }
  return 0;
}

double BestOf(int runs, const std::function<void()>& run) {
  double best = std::numeric_limits<double>::max();
  for (int i = 0; i < runs; ++i) {
    const double start = Seconds();
    run();
    best = std::min(best, Seconds() - start);
  }
  return best;
}

void CompareParse(const std::string& bytes, int runs) {
  const simdjson::padded_string padded(bytes);
  const double dom_fresh = BestOf(runs, [&] {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(padded).get(root)) std::cerr << "simdjson: parse error\n";
  });
  simdjson::dom::parser kept;
  const double dom_reused = BestOf(runs, [&] {
    simdjson::dom::element root;
    if (kept.parse(padded).get(root)) std::cerr << "simdjson: parse error\n";
  });
  // Each document is freed outside the timed region, as simdjson's is never freed in it.
  std::size_t components = 0;
  double parse = std::numeric_limits<double>::max();
  for (int i = 0; i < runs; ++i) {
    const double start = Seconds();
    auto parsed = craft::sbom::Parse(bytes);
    parse = std::min(parse, Seconds() - start);
    components = parsed.value ? parsed.value->components.size() : 0;
  }
  std::printf("%zu bytes, %zu components, simdjson %s, best of %d\n", bytes.size(), components,
              simdjson::get_active_implementation()->name().c_str(), runs);
  std::printf("  simdjson DOM parse, fresh parser   %8.1f ms\n", dom_fresh * 1e3);
  std::printf("  simdjson DOM parse, reused parser  %8.1f ms\n", dom_reused * 1e3);
  std::printf("  sbom::Parse                        %8.1f ms  (%.1fx fresh, %.1fx reused)\n",
              parse * 1e3, parse / dom_fresh, parse / dom_reused);
}

// One pass of CheckSbom's and `craft sbom check --format json`'s steps, each timed once.
void Phases(const std::string& bytes) {
  double start = Seconds();
  auto step = [&](const char* name) {
    const double now = Seconds();
    std::printf("  %-34s %8.1f ms  RSS %6.0f MB, peak %6.0f MB\n", name, (now - start) * 1e3,
                ResidentMb(), PeakMb());
    start = Seconds();
  };
  std::printf("phases (one run; RSS with the file's bytes):\n");
  step("start");
  // As CheckSbom does: JSON is parsed once, and the validator checks the DOM the reader read.
  std::unique_ptr<craft::sbom::parse::JsonDom> dom;
  auto parsed = craft::sbom::parse::ParseKeepingJson(bytes, {}, &dom);
  step("Parse (keeping the JSON DOM)");
  if (!parsed.value) return;
  auto diagnostics = craft::sbom::ValidateAgainstSpec(bytes, *parsed.value, dom.get());
  dom.reset();
  step("ValidateAgainstSpec (on that DOM)");
  auto summary = craft::sbom::Summarise(*parsed.value);
  step("Summarise");
  auto score = craft::sbom::quality::ScoreSbom(*parsed.value);
  step("ScoreSbom");
  craft::sbom::CheckResult result;
  result.document = std::move(parsed.value);
  result.summary = std::move(summary);
  result.score = score;
  result.diagnostics = std::move(diagnostics);
  std::string text = craft::sbom::CheckResultJsonText(result, craft::sbom::Profile::kBsiV2_1);
  step("CheckResultJsonText (bsi-v2.1)");
  std::printf("  (report: %zu bytes)\n", text.size());
  text.clear();
  text.shrink_to_fit();
  result.document.reset();
  step("free report and document");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_sbom_parse FILE [RUNS]\n";
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::ifstream in(argv[1], std::ios::binary | std::ios::ate);
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    std::cerr << "bench_sbom_parse: cannot read " << argv[1] << "\n";
    return 2;
  }
  Phases(bytes);
  CompareParse(bytes, runs);
  return 0;
}
