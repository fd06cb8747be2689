#pragma once
// SPDX licence expressions (SPDX 2.3 Annex D / SPDX 3.0.1 Annex "SPDX license expressions"):
// parse, check every id against the SPDX licence and exception lists, flag deprecated ids.
// Pure and thread-safe; never throws on bad input.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace craft::sbom {

// One licence of an expression: an SPDX licence id (possibly with '+', "or later"), or a
// LicenseRef-/DocumentRef-...:LicenseRef- reference, optionally WITH an exception (or an
// AdditionRef-).
struct LicenseTerm {
  std::string id;             // as canonically spelled on the SPDX list when known, else as written
  bool or_later = false;      // trailing '+'
  std::string exception;      // after WITH, canonical spelling when known
  bool is_reference = false;  // LicenseRef-... (with or without DocumentRef-...:)
  bool on_list = false;       // `id` is on the SPDX licence list
  bool deprecated = false;    // `id` or `exception` is a deprecated SPDX id
  std::size_t position = 0;   // byte offset of the id in the expression
};

// The parsed tree: a leaf is a term, an inner node combines its children with AND or OR.
struct LicenseNode {
  enum class Kind { kTerm, kAnd, kOr };
  Kind kind = Kind::kTerm;
  LicenseTerm term;                                    // kTerm
  std::vector<std::unique_ptr<LicenseNode>> children;  // kAnd / kOr, two or more
};

struct LicenseIssue {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::size_t position = 0;  // byte offset in the expression
  std::string message;
};

struct LicenseExpression {
  std::unique_ptr<LicenseNode> root;  // null when the expression could not be parsed
  std::vector<LicenseTerm> terms;     // every term, left to right
  // The expression re-written with canonical id spelling, uppercase operators, single spaces and
  // only the parentheses the precedence needs; empty when it could not be parsed.
  std::string normalized;
  std::vector<LicenseIssue> issues;

  // True when the expression parsed and every id is on the lists (or a LicenseRef-).
  bool Valid() const;
};

// Parses `text`. Operators are AND, OR, WITH in all uppercase or all lowercase (SPDX 2.3 D.2);
// ids are matched case-insensitively. Precedence: '+' binds tightest, then WITH, AND, OR.
// Errors (with the byte offset where they start): an unexpected or missing token, unbalanced
// parentheses, a character outside [A-Za-z0-9.-+:], an id missing from the SPDX licence list, an
// exception missing from the exception list (or a licence used as an exception and vice versa),
// a mixed-case operator, nesting deeper than `max_depth`. Warning: a deprecated id.
LicenseExpression ParseLicenseExpression(std::string_view text, std::size_t max_depth = 64);

}  // namespace craft::sbom
