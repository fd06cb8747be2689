#pragma once
// What the unit tests that check JSON against a published schema share: reading a file whole, and
// the errors valijson reports for a document. Test-only: production validation is
// src/sbom/validate; valijson is a test dependency (README).

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/validator.hpp>
#include <vector>

namespace craft::testing {

// The file's bytes; empty when it cannot be read.
inline std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One "<context>: <description>" per violation of `schema` by the JSON text `document`;
// {"not JSON"} when it does not parse; empty when it is valid.
inline std::vector<std::string> SchemaErrors(const valijson::Schema& schema,
                                             const std::string& document) {
  const auto doc = nlohmann::json::parse(document, nullptr, false);
  if (doc.is_discarded()) return {"not JSON"};
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  std::vector<std::string> errors;
  if (!validator.validate(schema, adapter, &results)) {
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      std::string where;
      for (const auto& part : error.context) where += part;
      errors.push_back(where + ": " + error.description);
    }
  }
  return errors;
}

}  // namespace craft::testing
