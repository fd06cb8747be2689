#pragma once
// The reader behind ParseOsvRecord: walks one parsed OSV record (simdjson DOM), checks it against
// the OSV schema and the linter's offline checks, and fills an Advisory. Internal to
// src/vuln/import; osv.cpp reads the record as a whole, osv_affected.cpp its `affected[]`.

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "vuln/advisory/model.h"
#include "vuln/import/json_location.h"
#include "vuln/import/osv.h"

namespace craft::vuln::import {

class OsvReader {
 public:
  OsvReader(const OsvParseOptions& options, std::string_view record_name)
      : options_(options), record_(record_name) {}

  // Reads the root of a record; returns the result with the advisory unless it was rejected.
  OsvRecordResult Read(simdjson::dom::element root);

 private:
  // A violation that leaves the record unusable: always an error, the record is rejected.
  void Fatal(const JsonLocation& at, std::string message);
  // A violation of the schema (or of the linter's offline checks) that leaves the record usable:
  // an error under Conformance::kSchema, a warning under kLenient.
  void Schema(const JsonLocation& at, std::string message);
  void Warn(const JsonLocation& at, std::string message);
  bool Lenient() const { return options_.conformance == OsvParseOptions::Conformance::kLenient; }

  void ReadField(const JsonLocation& at, std::string_view key, simdjson::dom::element value);
  void ReadTimestamp(const JsonLocation& at, simdjson::dom::element value, std::string& out);
  void ReadString(const JsonLocation& at, simdjson::dom::element value, std::string& out);
  void ReadStringList(const JsonLocation& at, simdjson::dom::element value, bool nullable,
                      std::vector<std::string>& out);
  void ReadSeverityList(const JsonLocation& at, simdjson::dom::element value,
                        std::vector<advisory::Severity>& out);
  void ReadReferences(const JsonLocation& at, simdjson::dom::element value);
  void ReadCredits(const JsonLocation& at, simdjson::dom::element value);
  void ReadDatabaseSpecific(const JsonLocation& at, simdjson::dom::element value,
                            std::string& severity, std::vector<std::string>* cwe_ids);
  void CheckRecord(bool has_modified, bool has_severity);

  // osv_affected.cpp
  void ReadAffectedList(const JsonLocation& at, simdjson::dom::element value);
  void ReadAffected(const JsonLocation& at, simdjson::dom::element value, advisory::Affected& out);
  void ReadPackage(const JsonLocation& at, simdjson::dom::element value, advisory::Package& out);
  void ReadRange(const JsonLocation& at, simdjson::dom::element value,
                 advisory::AffectedRange& out);
  void ReadEvents(const JsonLocation& at, simdjson::dom::element value,
                  advisory::AffectedRange& out);
  void CheckEvents(const JsonLocation& at, const advisory::AffectedRange& range);

  const OsvParseOptions& options_;
  std::string record_;
  bool rejected_ = false;
  bool affected_severity_ = false;  // some affected[] carries a non-null severity
  advisory::Advisory advisory_;
  std::vector<advisory::ImportDiagnostic> diagnostics_;
};

// The name of a JSON value's type for messages ("an array", "a string", ...).
std::string_view JsonTypeName(simdjson::dom::element value);

}  // namespace craft::vuln::import
