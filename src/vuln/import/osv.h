#pragma once
// OSV records (https://ossf.github.io/osv-schema/, schema 1.7.5): one JSON record in, one advisory
// out. Pure and thread-safe; never throws on bad input.

#include <optional>
#include <string_view>
#include <vector>

#include "vuln/advisory/model.h"

namespace craft::vuln::import {

struct OsvParseOptions {
  enum class Conformance {
    // A record the OSV JSON schema (validation/schema.json) rejects is rejected, and so is one the
    // OSV linter's offline checks reject: REC:001 (no affected data in a record that is not
    // withdrawn) and R0002 (a range whose introduced version equals one of its fixed,
    // last_affected or limit versions). This is the default for imports.
    kSchema,
    // For feeds known to be sloppy: violations that leave the record usable for matching become
    // warnings (missing `modified`, an id prefix or ecosystem outside the OSV lists, REC:001,
    // malformed severity, reference or credit entries, which are dropped, GIT commits that are not
    // full hashes). A record whose affected packages or ranges cannot be evaluated is still
    // rejected.
    kLenient,
  };
  Conformance conformance = Conformance::kSchema;
  advisory::ImportLimits limits;
};

struct OsvRecordResult {
  std::optional<advisory::Advisory> advisory;  // unset when the record was rejected
  std::vector<advisory::ImportDiagnostic> diagnostics;
};

// Reads one OSV record. On success `advisory` holds the record with `source` kOsv, package names
// normalised (NormalizePackageName), `withdrawn` copied (a withdrawn record is returned, not
// rejected: the caller retracts it), and the CWE ids and severity words GitHub puts in
// `database_specific`. Every diagnostic names the record (its id when readable, otherwise
// `record_name`) and a JSON pointer. Fields the schema does not define are ignored with a warning,
// as the OSV specification tells clients to do for newer schema versions, although the schema's
// own `additionalProperties: false` would reject them. Input over `limits.max_record_bytes` or
// nested deeper than `limits.max_depth` is rejected.
OsvRecordResult ParseOsvRecord(std::string_view json, const OsvParseOptions& options = {},
                               std::string_view record_name = "#0");

}  // namespace craft::vuln::import
