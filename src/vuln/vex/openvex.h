#pragma once
// OpenVEX 0.2.0 JSON: reading and writing. Pure (bytes in, data out), never throws, thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "vuln/vex/model.h"

namespace craft::vuln::vex {

// One statement per `statements[i]` with a `vulnerability.name` (or `@id`) and one of the four
// OpenVEX statuses. Each `products[j]` becomes a Product (its `@id` classified as purl / cpe / id,
// `identifiers.purl` / `cpe23` / `cpe22` filling purl and cpe), and each of its `subcomponents`
// another Product whose `within` is the product's `@id`. `vulnerability.aliases` become aliases,
// `status_notes` the detail, `impact_statement`, `action_statement` and `justification` are kept,
// the statement `timestamp` (else the document's) the timestamp, `last_updated` kept, the document
// `author` the author. Unknown statuses (statement skipped), justifications (ignored), wrong types
// give diagnostics at their JSON pointer. `ok` is false only when the input is not JSON, over the
// limits, or not an object with a `statements` array.
ReadResult ReadOpenVex(std::string_view bytes);

struct OpenVexWriteOptions {
  std::string id = "https://openvex.dev/docs/craft/vex";  // document @id
  std::string author = "craft";                           // used when no statement has an author
  std::string timestamp;  // document timestamp; required by the schema
  int version = 1;
};

// An OpenVEX 0.2.0 document valid against openvex_json_schema.json (corpora/vuln/vex/openvex-spec)
// when it has at least one statement. Statuses are reduced to the four of OpenVEX and
// justifications chosen as docs/vex-mapping.md says (false_positive -> not_affected); a
// not_affected statement without a justification gets the impact statement (else the detail,
// else "Not affected."); an affected one without an action statement gets one made from its
// responses (else "No remediation available yet."). Subcomponents are grouped under the product
// named by their `within`. The original CycloneDX justification, when kept, is noted in
// `status_notes`.
std::string WriteOpenVex(const std::vector<Statement>& statements,
                         const OpenVexWriteOptions& options = {});

}  // namespace craft::vuln::vex
