// Strings, numbers and the combining keywords (allOf, anyOf, oneOf, not, if/then/else) of the
// validator, and Schema::Validate (see json_schema.h).

#include <simdjson.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "sbom/bytes.h"
#include "sbom/validate/json_schema.h"
#include "sbom/validate/json_schema_node.h"
#include "sbom/validate/json_schema_text.h"
#include "sbom/validate/json_schema_validator.h"
#include "sbom/validate/json_value.h"

namespace craft::sbom::json_schema {
namespace {

std::size_t CodePoints(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool FormatHolds(Format format, std::string_view text) {
  switch (format) {
    case Format::kDateTime:
      return IsDateTime(text);
    case Format::kDate:
      return IsDate(text);
    case Format::kUri:
      return IsUri(text);
    case Format::kIriReference:
      return IsIriReference(text);
    case Format::kEmail:
      return IsEmail(text);
    case Format::kNone:
      return true;
  }
  return true;
}

std::string FormatName(const Node& node) {
  switch (node.format) {
    case Format::kDateTime:
      return "an RFC 3339 date-time such as 2024-05-01T12:00:00Z";
    case Format::kDate:
      return "an RFC 3339 date such as 2024-05-01";
    case Format::kUri:
      return "an absolute URI";
    case Format::kIriReference:
      return "a URI or IRI reference";
    case Format::kEmail:
      return "an e-mail address";
    case Format::kNone:
      break;
  }
  return node.format_name;
}

std::string Number(double d) {
  std::string s = std::to_string(d);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace

bool Validator::CheckString(const Node& node, std::string_view text) {
  bool ok = true;
  if (node.min_length || node.max_length) {
    std::size_t n = CodePoints(text);
    if (node.min_length && n < *node.min_length) {
      Fail([&] {
        return "'" + Quote(text) + "' is shorter than the minimum of " +
               std::to_string(*node.min_length) + " characters";
      });
      ok = false;
    }
    if (node.max_length && n > *node.max_length) {
      Fail([&] {
        return "'" + Quote(text) + "' is longer than the maximum of " +
               std::to_string(*node.max_length) + " characters";
      });
      ok = false;
    }
  }
  if (node.pattern &&
      !RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *node.pattern)) {
    Fail([&] {
      return "'" + Quote(text) + "' does not match the pattern " + node.pattern->pattern();
    });
    ok = false;
  }
  if (node.format != Format::kNone && !FormatHolds(node.format, text)) {
    Fail([&] { return "'" + Quote(text) + "' is not " + FormatName(node); });
    ok = false;
  }
  return ok;
}

bool Validator::CheckNumber(const Node& node, element value) {
  double d = NumberValue(value);
  bool ok = true;
  auto fail = [&](const char* relation, double bound) {
    Fail([&] {
      return "the number " + simdjson::minify(value) + " is " + relation + " " + Number(bound);
    });
    ok = false;
  };
  if (node.minimum && d < *node.minimum) fail("less than the minimum of", *node.minimum);
  if (node.maximum && d > *node.maximum) fail("greater than the maximum of", *node.maximum);
  if (node.exclusive_minimum && d <= *node.exclusive_minimum) {
    fail("not greater than", *node.exclusive_minimum);
  }
  if (node.exclusive_maximum && d >= *node.exclusive_maximum) {
    fail("not less than", *node.exclusive_maximum);
  }
  if (node.multiple_of) {
    double q = d / *node.multiple_of;
    if (!std::isfinite(q) || std::fabs(q - std::round(q)) > 1e-9) {
      fail("not a multiple of", *node.multiple_of);
    }
  }
  return ok;
}

bool Validator::Quietly(const Node* schema, element value) {
  bool saved = collect_;
  collect_ = false;
  bool ok = Check(schema, value);
  collect_ = saved;
  return ok;
}

bool Validator::CheckCombinations(const Node& node, element value) {
  bool ok = true;
  for (const Node* branch : node.all_of) {
    ok = Check(branch, value) && ok;
    if (!ok && !collect_) return false;
  }
  if (!node.any_of.empty()) ok = CheckAnyOf(node, value) && ok;
  if (!node.one_of.empty()) ok = CheckOneOf(node, value) && ok;
  if (node.not_schema != nullptr) ok = CheckNot(node, value) && ok;
  if (node.if_schema != nullptr && (ok || collect_)) {
    const Node* next = Quietly(node.if_schema, value) ? node.then_schema : node.else_schema;
    if (next != nullptr) ok = Check(next, value) && ok;
  }
  return ok;
}

bool Validator::CheckAnyOf(const Node& node, element value) {
  for (const Node* branch : node.any_of) {
    if (Quietly(branch, value)) return true;
  }
  if (collect_) ExplainBest(node.any_of, value);
  return false;
}

bool Validator::CheckOneOf(const Node& node, element value) {
  std::vector<std::size_t> matching;
  for (std::size_t i = 0; i < node.one_of.size() && matching.size() < 2; ++i) {
    if (Quietly(node.one_of[i], value)) matching.push_back(i);
  }
  if (matching.size() == 1) return true;
  if (!collect_) return false;
  if (matching.empty()) {
    ExplainBest(node.one_of, value);
  } else {
    Fail([&] {
      return "matches more than one of the forms allowed here (forms " +
             std::to_string(matching[0] + 1) + " and " + std::to_string(matching[1] + 1) +
             "), but must match exactly one";
    });
  }
  return false;
}

bool Validator::CheckNot(const Node& node, element value) {
  if (!Quietly(node.not_schema, value)) return true;
  const Node& forbidden = Resolve(node.not_schema);
  Fail([&] {
    if (!forbidden.required.empty() && forbidden.properties.empty()) {
      std::string names;
      for (std::size_t i = 0; i < forbidden.required.size(); ++i) {
        if (i > 0) names += i + 1 == forbidden.required.size() ? " and " : ", ";
        names += "'" + forbidden.required[i] + "'";
      }
      return forbidden.required.size() == 1 ? "the property " + names + " is not allowed here"
                                            : names + " must not all be present together";
    }
    return std::string("the value has a form that is not allowed here");
  });
  return false;
}

// When every branch failed only for want of one property, here, the message names them all: "needs
// one of the properties 'id' or 'name'". Returns false when the branches failed otherwise.
static bool MissingOneOf(const std::vector<std::vector<Error>>& failures, std::size_t depth,
                         std::string& message) {
  std::string names;
  for (std::size_t i = 0; i < failures.size(); ++i) {
    const auto& f = failures[i];
    if (f.size() != 1 || f[0].missing.empty() || f[0].depth != depth) return false;
    if (i > 0) names += i + 1 == failures.size() ? " or " : ", ";
    names += "'" + f[0].missing + "'";
  }
  message = "needs one of the properties " + names;
  return failures.size() > 1;
}

// Reports the errors of the branch that came closest: the one whose first error lies deepest in
// the document (it matched the most before failing), then the one with the fewest errors.
void Validator::ExplainBest(const std::vector<const Node*>& branches, element value) {
  std::vector<Error> best;
  std::size_t best_depth = 0;
  std::vector<std::vector<Error>> failures;
  for (const Node* branch : branches) {
    std::vector<Error> saved = std::move(errors);
    std::size_t saved_dropped = dropped, saved_cap = cap_;
    errors.clear();
    cap_ = kBranchErrors;
    Check(branch, value);
    std::vector<Error> mine = std::move(errors);
    errors = std::move(saved);
    dropped = saved_dropped;
    cap_ = saved_cap;
    failures.push_back(mine);
    std::size_t depth = 0;
    for (const Error& e : mine) depth = std::max(depth, e.depth);
    if (!mine.empty() && (best.empty() || depth > best_depth ||
                          (depth == best_depth && mine.size() < best.size()))) {
      best = std::move(mine);
      best_depth = depth;
    }
  }
  std::string message;
  if (MissingOneOf(failures, path_.size(), message)) {
    Fail([&] { return message; });
    return;
  }
  if (best.empty()) {
    Fail([] { return std::string("does not match any of the forms allowed here"); });
    return;
  }
  for (Error& e : best) {
    if (errors.size() >= cap_) {
      ++dropped;
    } else {
      errors.push_back(std::move(e));
    }
  }
}

std::vector<Diagnostic> Schema::Validate(std::string_view bytes, const Options& options) const {
  std::vector<Diagnostic> out;
  simdjson::dom::parser parser;
  element root;
  const bool copy = !SimdjsonPaddingIsReadable(bytes);
  if (auto error = parser.parse(bytes.data(), bytes.size(), copy).get(root)) {
    out.push_back({Diagnostic::Severity::kError, "1:1",
                   std::string("malformed JSON: ") + simdjson::error_message(error)});
    return out;
  }
  return Validate(root, options);
}

std::vector<Diagnostic> Schema::Validate(const element& root, const Options& options) const {
  std::vector<Diagnostic> out;
  Validator validator(options.max_errors);
  validator.Check(root_, root);
  for (Error& e : validator.errors) {
    out.push_back({Diagnostic::Severity::kError, std::move(e.pointer), std::move(e.message)});
  }
  if (validator.dropped > 0) {
    out.push_back({Diagnostic::Severity::kError, "/",
                   "and " + std::to_string(validator.dropped) + " more schema errors"});
  }
  return out;
}

}  // namespace craft::sbom::json_schema
