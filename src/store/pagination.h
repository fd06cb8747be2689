#pragma once
// Cursor pagination shared by every store engine. A cursor is the base64url (unpadded) spelling of
// the decimal `seq` of the last row on the previous page; rows are then read from after that seq.

#include <cstdint>
#include <string>

namespace craft::store {

// Clamps a requested page size to 1..500.
int ClampLimit(int limit);

// The cursor that continues after the row with `seq`.
std::string EncodeCursor(std::int64_t seq);

// The seq a cursor continues after; 0 for an empty cursor (the first page). Throws
// StoreError(kInvalid, "malformed cursor") for anything EncodeCursor cannot have produced.
std::int64_t DecodeCursor(const std::string& cursor);

}  // namespace craft::store
