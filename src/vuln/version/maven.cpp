// Maven versions, as the POM reference's version order specification describes them
// (https://maven.apache.org/pom.html#version-order-specification) and as ComparableVersion
// (maven-artifact 3.8) implements it for the versions published on Maven Central. osv.dev and
// osv-scalibr implement the same specification; where ComparableVersion's nested lists and the
// specification part ways ("1-ga-1" equals "1-1" by the specification only), the specification
// wins.

#include <algorithm>
#include <string>
#include <vector>

#include "vuln/version/decimal.h"
#include "vuln/version/inline_list.h"
#include "vuln/version/schemes.h"

namespace craft::vuln::version::maven {
namespace {

struct Token {
  char prefix = 0;         // '.', '-', or 0 for the first token
  std::string_view value;  // lower case; numbers without leading zeros ("0" for zero)
  bool padding = false;    // a "null" token standing in for a missing one
};

bool IsNumeric(const Token& t) { return IsNumber(t.value); }
bool IsNullValue(std::string_view value) { return value == "0" || value.empty(); }

// Applies the specification's aliases to one token; `followed_by_digit` when a digit follows it
// directly (only then do "a", "b" and "m" stand for alpha, beta and milestone).
std::string_view Normalise(std::string_view value, bool followed_by_digit) {
  if (value.empty()) return "0";
  if (value == "cr") return "rc";
  if (value == "ga" || value == "final" || value == "release") return "";
  if (followed_by_digit) {
    if (value == "a") return "alpha";
    if (value == "b") return "beta";
    if (value == "m") return "milestone";
  }
  if (IsNumber(value)) {
    const std::string_view digits = StripLeadingZeros(value);
    return digits.empty() ? "0" : digits;
  }
  return value;
}

// Splits at "." and "-" (kept as the prefix of the next token) and at every transition between a
// digit and a non-digit (a "-" prefix).
using Tokens = InlineList<Token, 12>;

Tokens Split(std::string_view lower) {
  Tokens tokens;
  char prefix = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= lower.size(); ++i) {
    const bool end = i == lower.size() || lower[i] == '.' || lower[i] == '-';
    const bool transition = !end && i > start && IsDigit(lower[i]) != IsDigit(lower[i - 1]);
    if (!end && !transition) continue;
    const bool followed_by_digit = transition && IsDigit(lower[i]);
    tokens.push_back({prefix, Normalise(lower.substr(start, i - start), followed_by_digit)});
    prefix = end ? (i < lower.size() ? lower[i] : 0) : '-';
    start = end ? i + 1 : i;
  }
  return tokens;
}

// Trims null values (0, "", "final", "ga") from the end, then again before each remaining "-"
// token, from the end to the start. The first token always stays.
Tokens TrimNulls(const Tokens& tokens) {
  InlineList<char, 16> removed;  // 0 or 1 (not bool: std::vector<bool> holds no bool&)
  for (std::size_t i = 0; i < tokens.size(); ++i) removed.push_back(0);
  for (std::size_t i = tokens.size() - 1; i > 0;) {
    if (IsNullValue(tokens[i].value)) {
      removed[i] = true;
      --i;
      continue;
    }
    while (i > 0 && tokens[i].prefix != '-') --i;
    if (i == 0) break;
    --i;
  }
  Tokens kept;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!removed[i]) kept.push_back(tokens[i]);
  }
  return kept;
}

// The null token that stands in for a missing one when compared with `other`: 0 after ".", ""
// after "-" (and "" after "." against "sp", the only qualifier that sorts after a release).
Token Padding(const Token& other) {
  if (other.prefix == '.' && other.value != "sp") return {'.', "0", true};
  return {other.prefix, "", true};
}

// Qualifier order: alpha < beta < milestone < rc < snapshot < "" < sp < anything else.
int QualifierRank(std::string_view value) {
  static constexpr std::string_view kOrder[] = {"alpha",    "beta", "milestone", "rc",
                                                "snapshot", "",     "sp"};
  return static_cast<int>(std::find(std::begin(kOrder), std::end(kOrder), value) -
                          std::begin(kOrder));
}

// The order of tokens with different prefixes: .qualifier < -qualifier < -number < .number.
int PrefixRank(const Token& t) {
  if (IsNumeric(t)) return t.prefix == '-' ? 2 : 3;
  return t.prefix == '-' ? 1 : 0;
}

int CompareTokens(const Token& a, const Token& b) {
  if (a.prefix != b.prefix) return Sign(PrefixRank(a) - PrefixRank(b));
  const bool an = IsNumeric(a), bn = IsNumeric(b);
  if (an && bn) return CompareDecimal(a.value, b.value);
  // A number sorts after a qualifier, unless it only stands in for a missing token.
  if (an && !a.padding) return 1;
  if (bn && !b.padding) return -1;
  const int ra = QualifierRank(a.value), rb = QualifierRank(b.value);
  if (ra != rb) return Sign(ra - rb);
  return CompareBytes(a.value, b.value);
}

}  // namespace

int Compare(std::string_view a, std::string_view b) {
  const LowerCaseText la(a), lb(b);
  const Tokens x = TrimNulls(Split(la.view()));
  const Tokens y = TrimNulls(Split(lb.view()));
  const std::size_t n = std::max(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    const Token left = i < x.size() ? x[i] : Padding(y[i]);
    const Token right = i < y.size() ? y[i] : Padding(x[i]);
    if (left.prefix == right.prefix && left.value == right.value) continue;
    return CompareTokens(left, right);
  }
  return 0;
}

}  // namespace craft::vuln::version::maven
