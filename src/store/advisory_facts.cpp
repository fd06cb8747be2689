#include "store/advisory_facts.h"

#include <algorithm>

#include "vuln/cvss/cvss.h"

namespace craft::store {
namespace {

using vuln::advisory::Advisory;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

AdvisorySeverity SeverityOf(const Advisory& a) {
  using T = vuln::advisory::SeverityType;
  std::vector<const vuln::advisory::Severity*> vectors;
  for (const auto& s : a.severity) vectors.push_back(&s);
  for (const auto& affected : a.affected) {
    for (const auto& s : affected.severity) vectors.push_back(&s);
  }
  const auto rank = [](const vuln::advisory::Severity* s) {
    const int type = s->type == T::kCvssV3   ? 0
                     : s->type == T::kCvssV4 ? 1
                     : s->type == T::kCvssV2 ? 2
                                             : 3;
    return type * 2 + (s->primary ? 0 : 1);
  };
  std::stable_sort(vectors.begin(), vectors.end(),
                   [&](auto* x, auto* y) { return rank(x) < rank(y); });
  for (const auto* s : vectors) {
    if (s->type == T::kUbuntu) continue;
    const auto scored = vuln::cvss::ScoreVector(s->score);
    if (!scored) continue;
    return {Lower(vuln::cvss::RatingName(scored.score->rating)), scored.score->base_score,
            s->score};
  }
  std::string word = Lower(a.database_specific_severity);
  for (const auto& affected : a.affected) {
    if (word.empty()) word = Lower(affected.database_specific_severity);
  }
  if (word == "moderate") word = "medium";
  if (word == "critical" || word == "high" || word == "medium" || word == "low")
    return {word, {}, ""};
  return {};
}

}  // namespace

AdvisoryFacts FactsOf(const Advisory& a) {
  AdvisoryFacts facts{!a.summary.empty() ? a.summary : a.details.substr(0, 300), SeverityOf(a), {}};
  for (const auto& ref : a.references) {
    if (facts.references.size() == 20) break;
    facts.references.push_back(ref.url);
  }
  return facts;
}

}  // namespace craft::store
