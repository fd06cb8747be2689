// MergeAliases and MatchComponent: one finding per vulnerability, whatever its ids.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vuln/match/cpe.h"
#include "vuln/match/matcher.h"

namespace craft::vuln::match {
namespace {

// The order advisory ids are chosen in: CVE ids first (by year, then number, numerically), then
// GHSA ids, then the rest; within a class, byte order.
struct IdKey {
  int rank = 2;
  std::string_view year, number;  // CVE only: digit strings without leading zeros
  std::string_view id;
};

std::string_view Digits(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  std::string_view digits = s.substr(0, n);
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

IdKey KeyOf(std::string_view id) {
  IdKey key{2, {}, {}, id};
  if (id.starts_with("CVE-")) {  // CVE-YYYY-NNNN; a malformed one compares by its bytes
    key.rank = 0;
    std::string_view rest = id.substr(4);
    key.year = Digits(rest);
    if (const std::size_t dash = rest.find('-'); dash != std::string_view::npos) {
      key.number = Digits(rest.substr(dash + 1));
    }
  } else if (id.starts_with("GHSA-")) {
    key.rank = 1;
  }
  return key;
}

int CompareDecimal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return (c > 0) - (c < 0);
}

bool IdBefore(std::string_view a, std::string_view b) {
  const IdKey x = KeyOf(a), y = KeyOf(b);
  if (x.rank != y.rank) return x.rank < y.rank;
  if (x.rank == 0) {
    if (int c = CompareDecimal(x.year, y.year); c != 0) return c < 0;
    if (int c = CompareDecimal(x.number, y.number); c != 0) return c < 0;
  }
  return a < b;
}

int MethodRank(MatchMethod method) {
  switch (method) {
    case MatchMethod::kPurl:
      return 0;
    case MatchMethod::kName:
      return 1;
    case MatchMethod::kCpe:
      return 2;
  }
  return 3;
}

struct DisjointSets {
  std::vector<std::uint32_t> parent;
  explicit DisjointSets(std::size_t n) : parent(n) {
    std::iota(parent.begin(), parent.end(), std::uint32_t{0});
  }
  std::uint32_t Find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Join(std::uint32_t a, std::uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

std::vector<Finding> MergeAliases(std::vector<Finding> findings) {
  const std::size_t n = findings.size();
  DisjointSets sets(n);
  std::unordered_map<std::string_view, std::uint32_t> owner;  // id -> first finding naming it
  for (std::uint32_t i = 0; i < n; ++i) {
    auto join = [&](std::string_view id) {
      if (id.empty()) return;
      auto [it, inserted] = owner.emplace(id, i);
      if (!inserted) sets.Join(i, it->second);
    };
    join(findings[i].advisory_id);
    for (const auto& alias : findings[i].aliases) join(alias);
  }
  std::vector<std::vector<std::uint32_t>> groups(n);
  for (std::uint32_t i = 0; i < n; ++i) groups[sets.Find(i)].push_back(i);

  std::vector<Finding> out;
  for (auto& members : groups) {
    if (members.empty()) continue;
    // The id: the first, in IdBefore order, of the group's advisory ids.
    std::string_view chosen = findings[members[0]].advisory_id;
    for (auto m : members) {
      if (IdBefore(findings[m].advisory_id, chosen)) chosen = findings[m].advisory_id;
    }
    // The match: highest confidence, then method, then the chosen advisory's, then smallest id.
    std::uint32_t best = members[0];
    auto better = [&](std::uint32_t a, std::uint32_t b) {
      const Finding& x = findings[a];
      const Finding& y = findings[b];
      if (x.confidence != y.confidence) return x.confidence > y.confidence;
      if (MethodRank(x.method) != MethodRank(y.method)) {
        return MethodRank(x.method) < MethodRank(y.method);
      }
      if ((x.advisory_id == chosen) != (y.advisory_id == chosen)) return x.advisory_id == chosen;
      return x.advisory_id < y.advisory_id;
    };
    for (auto m : members) {
      if (better(m, best)) best = m;
    }
    if (members.size() == 1) {
      Finding& alone = findings[best];
      if (alone.matched_advisory_id.empty()) alone.matched_advisory_id = alone.advisory_id;
      out.push_back(std::move(alone));
      continue;
    }
    std::string id(chosen);
    std::vector<std::string> aliases;
    for (auto m : members) {
      aliases.push_back(findings[m].advisory_id);
      for (const auto& alias : findings[m].aliases) aliases.push_back(alias);
    }
    std::erase_if(aliases, [&](const std::string& a) { return a.empty() || a == id; });
    std::sort(aliases.begin(), aliases.end());
    aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());

    Finding merged = std::move(findings[best]);
    if (merged.matched_advisory_id.empty()) merged.matched_advisory_id = merged.advisory_id;
    merged.advisory_id = std::move(id);
    merged.aliases = std::move(aliases);
    out.push_back(std::move(merged));
  }
  std::sort(out.begin(), out.end(),
            [](const Finding& a, const Finding& b) { return a.advisory_id < b.advisory_id; });
  return out;
}

bool MatchedByNameOnly(const PurlParts* purl, std::string_view cpe23) {
  return (cpe23.empty() || !ParseCpe23(cpe23)) && (purl == nullptr || purl->type == "generic");
}

std::vector<Finding> MatchComponent(const AdvisoryIndex& index,
                                    const ComponentIdentity& component) {
  if (MatchedByNameOnly(component.purl, component.cpe23)) {
    return MergeAliases(MatchName(index, component.name, component.version, component.group));
  }
  std::vector<Finding> findings;
  if (component.purl != nullptr) findings = MatchPurl(index, *component.purl);
  if (!component.cpe23.empty()) {
    auto by_cpe = MatchCpe(index, component.cpe23, component.platforms);
    findings.insert(findings.end(), std::make_move_iterator(by_cpe.begin()),
                    std::make_move_iterator(by_cpe.end()));
  }
  return MergeAliases(std::move(findings));
}

std::vector<Finding> MatchComponent(const AdvisoryIndex& index, const PurlParts* purl,
                                    std::string_view cpe23,
                                    std::span<const std::string> platforms) {
  return MatchComponent(index, ComponentIdentity{purl, cpe23, platforms, {}, {}, {}});
}

}  // namespace craft::vuln::match
