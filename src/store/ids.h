#pragma once
// Identifiers of stored rows: UUID version 7 (RFC 9562), time-ordered so that ids sort in the order
// they were made, with the remaining bits from the operating system's CSPRNG (OpenSSL RAND_bytes).

#include <string>
#include <string_view>

namespace craft::store {

// A new UUIDv7 in canonical lowercase form ("0190b7e4-...-7xxx-..."). Ids made by one process are
// strictly increasing, also within one millisecond. Thread-safe. Throws std::runtime_error when the
// random generator fails.
std::string NewUuid();

// True for the canonical 8-4-4-4-12 hexadecimal form (any version, either letter case).
bool IsUuid(std::string_view text);

}  // namespace craft::store
