#pragma once
// JSON values compared as JSON Schema compares them (internal to the validators): numbers by
// value (1 equals 1.0), objects regardless of member order.

#include <simdjson.h>

#include <cstdint>
#include <string>

namespace craft::sbom::json_schema {

// A hash that equal values share.
std::uint64_t HashValue(simdjson::dom::element value);

// A cheaper hash that equal values share too: of an object, its members' keys and the values of
// those that are neither arrays nor objects (of those, only the kind); of anything else, HashValue.
std::uint64_t ShallowHash(simdjson::dom::element value);

// JSON Schema equality.
bool EqualValues(simdjson::dom::element a, simdjson::dom::element b);

// A canonical text of `value` (members sorted by key, numbers normalised), appended to `out`;
// equal values have equal texts.
void CanonicalText(simdjson::dom::element value, std::string& out);

// The number at `value` as a double (for int64, uint64 and double values).
double NumberValue(simdjson::dom::element value);

}  // namespace craft::sbom::json_schema
