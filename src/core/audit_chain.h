#pragma once
// The audit log is a hash chain: each entry stores the SHA-256 of the previous entry, and its own
// hash covers every field plus that link. Editing an entry breaks its hash; removing or reordering
// entries breaks a link or the sequence; removing the newest entries is caught against the head
// (the last sequence number and hash, kept beside the log).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/model.h"

namespace craft::core {

// The hash of an entry: SHA-256 over a length-prefixed serialisation of seq, id, organisation_id,
// at, actor, action, entity_type, entity_id, before, after and prev_hash. Ignores `entry.hash`.
std::string AuditEntryHash(const AuditEntry& entry);

struct AuditHead {
  std::int64_t seq = 0;
  std::string hash;
};

// Checks a whole chain, in seq order. Returns one plain sentence per problem found (empty when the
// chain is intact), e.g. "entry 17 was edited: its hash does not match its content".
std::vector<std::string> VerifyAuditChain(std::span<const AuditEntry> entries,
                                          const std::optional<AuditHead>& head);

}  // namespace craft::core
