#pragma once
// A JSON Schema (draft-07) validator for the subset of keywords that the CycloneDX schemas use,
// compiled once into a tree of nodes and run over a simdjson DOM.
//
// Keywords: $ref (within a document, and across documents by file name), definitions, type, enum,
// const, properties, patternProperties, additionalProperties, required, minProperties,
// maxProperties, items (one schema or a tuple), additionalItems, minItems,
// maxItems, uniqueItems, contains, minLength, maxLength, pattern (RE2), format, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, multipleOf, allOf, anyOf, oneOf, not, if/then/else. A
// schema `true` / `false` is allowed anywhere a schema is. Annotations ($comment, title,
// description, default, examples, deprecated, meta:enum, ...) are ignored. Any other keyword is
// reported by Compile, so that a schema can never be silently half-checked.
//
// Formats checked: date-time (RFC 3339 section 5.6), date (RFC 3339 full-date), uri (an absolute
// URI: a scheme, then no spaces, controls or characters RFC 3986 excludes, '%' followed by two hex
// digits), iri-reference (a URI or relative reference; lenient, as the reference validator is),
// email and idn-email (local@domain, neither part empty, no spaces or controls). Other formats are
// annotations.
//
// Validation is linear in the size of the input: uniqueItems hashes the items, patterns run on
// RE2 (no backtracking), and each node is evaluated once per instance value (oneOf and anyOf
// evaluate each branch once more only when they fail, to explain why).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace craft::sbom::json_schema {

struct Node;

// One schema document: its file name (what a cross-document $ref names, e.g.
// "spdx.SNAPSHOT.schema.json") and its text.
struct SchemaDocument {
  std::string_view name;
  std::string_view text;
};

struct Options {
  std::size_t max_errors = 100;  // then one "and N more" diagnostic
};

class Schema {
 public:
  // Compiles the schema at the root of `documents[root]`; the other documents are the targets of
  // cross-document $refs. Returns null and sets `error` when a document is not JSON, a $ref
  // dangles, a pattern is not a valid RE2 expression or a keyword is not supported.
  static std::unique_ptr<Schema> Compile(const std::vector<SchemaDocument>& documents,
                                         std::size_t root, std::string& error);
  ~Schema();
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  // Validates the JSON text `bytes`. Returns one error per violation, located by the JSON pointer
  // of the offending value ("/" for the root), with a plain-English message; empty when valid.
  // Malformed JSON is one error. For a failing oneOf / anyOf, the errors of the branch that came
  // closest are reported. Thread-safe.
  std::vector<Diagnostic> Validate(std::string_view bytes, const Options& options = {}) const;
  // The same for JSON already parsed into simdjson's DOM (`root` of the document).
  std::vector<Diagnostic> Validate(const simdjson::dom::element& root,
                                   const Options& options = {}) const;

  struct Nodes;

 private:
  Schema();
  std::unique_ptr<Nodes> nodes_;
  const Node* root_ = nullptr;
};

}  // namespace craft::sbom::json_schema
