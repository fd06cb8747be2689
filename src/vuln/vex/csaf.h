#pragma once
// CSAF 2.0 VEX (document.category "csaf_vex", but any CSAF 2.0 document with product_status is
// read): reading and writing. Pure (bytes in, data out), never throws, thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "vuln/vex/model.h"

namespace craft::vuln::vex {

// One statement per (vulnerabilities[i], product id listed in its product_status), so each
// product carries its own justification, impact and remediation:
//   first_affected / known_affected / last_affected -> affected; first_fixed / fixed -> fixed;
//   known_not_affected -> not_affected; under_investigation -> under_investigation
//   (`recommended` is not a VEX status and is skipped).
// The product comes from the product_tree (branches at any depth, full_product_names,
// relationships): id = product_id, name, purl and cpe from product_identification_helper.
// justification = the `flags[].label` naming the product (directly or through product_groups);
// impact statement = `threats[]` of category "impact" naming it; action statement and responses
// from `remediations[]` naming it (vendor_fix -> update, workaround / mitigation ->
// workaround_available, no_fix_planned -> will_not_fix, none_available -> can_not_fix).
// Vulnerability = `cve`, else the first `ids[].text`; the other ids are aliases. Author =
// document.publisher.name; timestamp = document.tracking.current_release_date. Wrong types and
// unknown values give diagnostics at their JSON pointer. `ok` is false only when the input is not
// JSON, over the limits, or has no `document` object.
ReadResult ReadCsaf(std::string_view bytes);

struct CsafWriteOptions {
  std::string id = "craft-vex";     // document.tracking.id
  std::string title = "VEX";        // document.title
  std::string publisher = "craft";  // used when no statement has an author
  std::string publisher_namespace = "https://example.invalid";
  // Release dates: this, else the latest statement timestamp / last_updated, else
  // "1970-01-01T00:00:00Z" (the schema requires a date-time; pass one).
  std::string timestamp;
};

// A CSAF 2.0 csaf_vex document valid against csaf_json_schema.json: one full_product_name per
// distinct product ("CSAFPID-1", ...), one vulnerability per distinct vulnerability id with the
// product ids under the CSAF status of each statement (false_positive -> known_not_affected, see
// docs/vex-mapping.md), one flag per not_affected justification, one impact threat per impact
// statement, one remediation per action statement / response.
std::string WriteCsaf(const std::vector<Statement>& statements,
                      const CsafWriteOptions& options = {});

}  // namespace craft::vuln::vex
