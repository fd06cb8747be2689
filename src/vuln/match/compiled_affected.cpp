// The compiled form of an affected entry: see compiled_affected.h. Layout of a block:
//   u8 scheme, u8 flags (bit 0: has a versions[] list; bit 1: its filter is kLargeWords words),
//   [the list's filter, 1 or kLargeWords 8-byte words, when listed],
//   varint range count, then per range: u8 type, u8 ranked (1 when the events' ranks below hold),
//   varint event count, then per event: u8 kind, varint rank, varint length, the version's bytes,
//   varint length, the version's PreparedVersion::Saved() reading under the range's scheme (empty
//   but for Debian versions: read once, on Add), then its numbers when it is made only of numbers
//   and the scheme orders such versions by them (simple_version.h: a count byte, 0 when not).
// An event's rank is its place among the range's events in the order EvaluateRange sorts them
// (introduced "0" first, rank 0; equal versions share a rank), worked out on Add, so that the
// events are ordered against each other without comparing their versions again. Where the
// scheme's order is not transitive (Maven, Packagist) and the ranks would not give every pairwise
// comparison, the range is not ranked and its events are compared as before.

#include "vuln/match/compiled_affected.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <vector>

namespace craft::vuln::match::compiled {
namespace {

using advisory::AffectedRange;
using Kind = advisory::RangeEvent::Kind;

void PutVarint(std::size_t n, std::string& out) {
  for (;; n >>= 7) {
    out.push_back(static_cast<char>((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)));
    if (n < 0x80) return;
  }
}

// Reads the block front to back.
struct Reader {
  const char* at;

  std::uint8_t Byte() { return static_cast<std::uint8_t>(*at++); }
  std::size_t Varint() {
    std::size_t n = 0;
    for (int shift = 0;; shift += 7) {
      const auto byte = static_cast<std::uint8_t>(*at++);
      n |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return n;
    }
  }
  std::uint64_t Word() {
    std::uint64_t w;
    std::memcpy(&w, at, sizeof w);
    at += sizeof w;
    return w;
  }
  std::string_view Text() {
    const std::size_t n = Varint();
    std::string_view s(at, n);
    at += n;
    return s;
  }
};

struct Event {
  Kind kind;
  std::size_t rank;
  std::string_view version;
  std::string_view saved;  // PreparedVersion::Saved()
  std::optional<simple::SimpleVersion> numbers;

  version::PreparedVersion Prepared(version::Scheme scheme) const {
    return version::PreparedVersion::Restore(scheme, version, saved);
  }
};

bool IsStart(const Event& e) { return e.kind == Kind::kIntroduced && e.version == "0"; }

// The query's version against an event's: by their numbers when both are made only of numbers
// (the same order, see simple_version.h), else by the scheme's comparator.
int CompareWith(VersionQuery& query, const version::PreparedVersion& prepared,
                simple::SimpleOrder order, const Event& e) {
  if (order != simple::SimpleOrder::kNone && e.numbers && query.Numbers()) {
    return simple::Compare(order, *query.Numbers(), *e.numbers);
  }
  return prepared.CompareTo(e.Prepared(prepared.scheme()));
}

// As CompareEvents in osv_evaluation.cpp: introduced "0" before every version.
int CompareEvents(version::Scheme scheme, const Event& a, const Event& b) {
  const bool a_start = IsStart(a), b_start = IsStart(b);
  if (a_start || b_start) return a_start == b_start ? 0 : (a_start ? -1 : 1);
  return a.Prepared(scheme).CompareTo(b.Prepared(scheme));
}

// The fixed events above the version (screen.fixed_above) in the order SortFixedVersions gives
// their versions: by rank, the first in record order among equal ones.
void SortFixedByRank(const Event* list, Screen& screen) {
  screen.fixed_count = 0;
  for (std::uint64_t bits = screen.fixed_above; bits != 0; bits &= bits - 1) {
    screen.fixed[screen.fixed_count++] = static_cast<std::uint8_t>(std::countr_zero(bits));
  }
  std::stable_sort(screen.fixed, screen.fixed + screen.fixed_count,
                   [&](std::uint8_t a, std::uint8_t b) { return list[a].rank < list[b].rank; });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < screen.fixed_count; ++i) {
    if (kept > 0 && list[screen.fixed[kept - 1]].rank == list[screen.fixed[i]].rank) continue;
    screen.fixed[kept++] = screen.fixed[i];
  }
  screen.fixed_count = static_cast<std::uint8_t>(kept);
  screen.fixed_sorted = true;
}

// Whether an event applies to a version ordered `order` against it (EvaluateRange: introduced
// and fixed at or below the version, last_affected below it).
bool Applies(const Event& e, int order) {
  return e.kind == Kind::kLastAffected ? order > 0 : order >= 0;
}

// For a range that affects the version (`deciding` applies and is introduced): the bound and the
// fixed events above the version, in `screen`, as EvaluateRange and EvaluateAffected give them.
void Details(const Event* list, const int* order, std::size_t events, bool ranked,
             version::Scheme scheme, std::size_t deciding, Screen& screen) {
  screen.detailed = true;
  screen.scheme = scheme;
  screen.deciding = deciding;
  screen.bound = kNone;
  screen.fixed_above = 0;
  for (std::size_t i = 0; i < events; ++i) {
    const Event& e = list[i];
    if (e.kind == Kind::kLimit) continue;
    if (!Applies(e, order[i]) && e.kind != Kind::kIntroduced &&
        (screen.bound == kNone ||
         (ranked ? e.rank < list[screen.bound].rank
                 : e.Prepared(scheme).CompareTo(list[screen.bound].Prepared(scheme)) < 0))) {
      screen.bound = i;
    }
    if (e.kind == Kind::kFixed && order[i] < 0) screen.fixed_above |= std::uint64_t{1} << i;
  }
  if (ranked) SortFixedByRank(list, screen);
}

// EvaluateRange's verdict for one range whose events start at `r` (after the event count); leaves
// `r` after the range. The same comparisons in the same order as EvaluateRange; for an affected
// range, also the bound and the fixed events above the version, in `screen`.
bool RangeAffects(Reader& r, std::size_t events, bool ranked, VersionQuery& query,
                  version::Scheme scheme, Screen& screen) {
  // The events are read once into a small buffer: limits are checked before the others.
  constexpr std::size_t kInline = 16;
  Event inline_events[kInline];
  int inline_order[kInline];
  std::vector<Event> many;
  std::vector<int> many_order;
  Event* list = inline_events;
  int* order = inline_order;  // the version against each event (as EvaluateRange computes it)
  if (events > kInline) {
    many.resize(events);
    many_order.resize(events);
    list = many.data();
    order = many_order.data();
  }
  bool has_limit = false;
  for (std::size_t i = 0; i < events; ++i) {
    list[i].kind = static_cast<Kind>(r.Byte());
    list[i].rank = r.Varint();
    list[i].version = r.Text();
    list[i].saved = r.Text();
    list[i].numbers = simple::Load(r.at);
    has_limit = has_limit || list[i].kind == Kind::kLimit;
  }
  const version::PreparedVersion& prepared = query.Prepared(scheme);
  const simple::SimpleOrder numeric = simple::OrderOf(scheme);
  if (has_limit) {  // BeforeLimits
    bool before = false;
    for (std::size_t i = 0; i < events && !before; ++i) {
      const Event& e = list[i];
      if (e.kind != Kind::kLimit) continue;
      before = e.version.find('*') != std::string_view::npos ||
               CompareWith(query, prepared, numeric, e) < 0;
    }
    if (!before) return false;
  }
  std::size_t deciding = kNone;
  // The events against each other: by rank when the range has them.
  auto compare_events = [&](std::size_t a, std::size_t b) {
    if (ranked) return list[a].rank < list[b].rank ? -1 : (list[a].rank > list[b].rank ? 1 : 0);
    return CompareEvents(scheme, list[a], list[b]);
  };
  for (std::size_t i = 0; i < events; ++i) {
    const Event& e = list[i];
    if (e.kind == Kind::kLimit) continue;
    order[i] = IsStart(e) ? 1 : CompareWith(query, prepared, numeric, e);
    if (Applies(e, order[i]) && (deciding == kNone || compare_events(i, deciding) >= 0)) {
      deciding = i;
    }
  }
  if (deciding == kNone || list[deciding].kind != Kind::kIntroduced) return false;
  if (events > 64) return true;  // no details: the matcher evaluates the record
  Details(list, order, events, ranked, scheme, deciding, screen);
  return true;
}

void SkipRange(Reader& r, std::size_t events) {
  for (std::size_t i = 0; i < events; ++i) {
    r.Byte();
    r.Varint();
    r.Text();
    r.Text();
    simple::Load(r.at);
  }
}

// The ranks of a range's events (see the layout above; limit events get 0 and are never ranked
// against), or nothing when the scheme's comparisons of these events are not transitive.
std::optional<std::vector<std::size_t>> Ranks(const AffectedRange& range, version::Scheme scheme) {
  const auto& events = range.events;
  const auto is_start = [](const advisory::RangeEvent& e) {
    return e.kind == Kind::kIntroduced && e.version == "0";
  };
  const auto compare = [&](std::size_t a, std::size_t b) {
    const bool a_start = is_start(events[a]), b_start = is_start(events[b]);
    if (a_start || b_start) return a_start == b_start ? 0 : (a_start ? -1 : 1);
    return version::Compare(scheme, events[a].version, events[b].version);
  };
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].kind != Kind::kLimit) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return compare(a, b) < 0; });
  std::vector<std::size_t> rank(events.size(), 0);
  for (std::size_t k = 1; k < order.size(); ++k) {
    rank[order[k]] = rank[order[k - 1]] + (compare(order[k - 1], order[k]) == 0 ? 0 : 1);
  }
  // Every pair as EvaluateRange would compare it; for transitive schemes the sort guarantees it.
  if (scheme == version::Scheme::kMaven || scheme == version::Scheme::kPackagist) {
    for (std::size_t a = 0; a < order.size(); ++a) {
      for (std::size_t b = a + 1; b < order.size(); ++b) {
        const int c = compare(order[a], order[b]);
        const std::size_t ra = rank[order[a]], rb = rank[order[b]];
        if (c != (ra < rb ? -1 : (ra > rb ? 1 : 0))) return std::nullopt;
      }
    }
  }
  return rank;
}

}  // namespace

std::uint64_t VersionHash(std::string_view version) {
  return std::hash<std::string_view>{}(version);
}

void Append(const IndexedAffected& affected, const std::vector<std::string>& versions,
            std::string& out) {
  out.push_back(static_cast<char>(affected.scheme));
  const bool large = versions.size() > kSmallList;
  out.push_back(static_cast<char>((versions.empty() ? 0 : 1) | (large ? 2 : 0)));
  if (!versions.empty()) {
    std::uint64_t filter[kLargeWords] = {};
    const std::size_t words = large ? kLargeWords : 1;
    for (const auto& v : versions) {
      const std::uint64_t h = VersionHash(v);
      filter[(h >> 6) % words] |= std::uint64_t{1} << (h & 63);
    }
    char bytes[sizeof filter];
    std::memcpy(bytes, filter, sizeof filter);
    out.append(bytes, words * sizeof(std::uint64_t));
  }
  PutVarint(affected.ranges.size(), out);
  for (const auto& range : affected.ranges) {
    out.push_back(static_cast<char>(range.type));
    const version::Scheme scheme =
        range.type == AffectedRange::Type::kSemver ? version::Scheme::kSemVer : affected.scheme;
    const auto ranks = range.events.size() <= 64 ? Ranks(range, scheme) : std::nullopt;
    out.push_back(ranks ? 1 : 0);
    PutVarint(range.events.size(), out);
    for (std::size_t i = 0; i < range.events.size(); ++i) {
      const auto& e = range.events[i];
      out.push_back(static_cast<char>(e.kind));
      PutVarint(ranks ? (*ranks)[i] : 0, out);
      PutVarint(e.version.size(), out);
      out.append(e.version);
      const std::string saved = version::PreparedVersion(scheme, e.version).Saved();
      PutVarint(saved.size(), out);
      out.append(saved);
      const bool numeric = simple::OrderOf(scheme) != simple::SimpleOrder::kNone;
      simple::Append(numeric ? simple::Read(e.version) : std::nullopt, out);
    }
  }
}

std::size_t BlockSize(std::string_view block) {
  Reader r{block.data()};
  r.Byte();
  const std::uint8_t flags = r.Byte();
  if (flags & 1) r.at += (flags & 2 ? kLargeWords : 1) * sizeof(std::uint64_t);
  const std::size_t ranges = r.Varint();
  for (std::size_t i = 0; i < ranges; ++i) {
    r.Byte();
    r.Byte();
    SkipRange(r, r.Varint());
  }
  return static_cast<std::size_t>(r.at - block.data());
}

Screen Evaluate(std::string_view block, VersionQuery& query) {
  const std::uint64_t listed_hash = query.listed_hash();
  Reader r{block.data()};
  const auto ecosystem_scheme = static_cast<version::Scheme>(r.Byte());
  const std::uint8_t flags = r.Byte();
  bool maybe_listed = false;
  if (flags & 1) {  // the filter's word for this hash, then past the filter
    const std::size_t words = flags & 2 ? kLargeWords : 1;
    Reader word{r.at + ((listed_hash >> 6) % words) * sizeof(std::uint64_t)};
    maybe_listed = (word.Word() & (std::uint64_t{1} << (listed_hash & 63))) != 0;
    r.at += words * sizeof(std::uint64_t);
  }
  const std::size_t ranges = r.Varint();
  for (std::size_t i = 0; i < ranges; ++i) {
    const auto type = static_cast<AffectedRange::Type>(r.Byte());
    const bool ranked = r.Byte() != 0;
    const std::size_t events = r.Varint();
    if (type == AffectedRange::Type::kGit) {
      SkipRange(r, events);
      continue;
    }
    const auto scheme =
        type == AffectedRange::Type::kSemver ? version::Scheme::kSemVer : ecosystem_scheme;
    Screen screen;
    if (RangeAffects(r, events, ranked, query, scheme, screen)) {
      screen.in_range = true;
      screen.range_index = i;
      return screen;
    }
  }
  Screen screen;
  screen.maybe_listed = maybe_listed;
  return screen;
}

}  // namespace craft::vuln::match::compiled
