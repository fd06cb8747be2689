#pragma once
// The audit log is a hash chain: each entry stores the SHA-256 of the previous entry, and its own
// hash covers every field plus that link. Editing an entry breaks its hash; removing or reordering
// entries breaks a link or the sequence; removing the newest entries is caught against the head
// (the last sequence number and hash, kept beside the log).

#include <cstddef>
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

// Checks a chain one entry at a time, in seq order, so that a log of any length is verified in
// constant memory. Problems beyond the first kMaxProblems are counted, not listed.
class AuditChainVerifier {
 public:
  static constexpr std::size_t kMaxProblems = 100;

  void Add(const AuditEntry& entry);
  // The problems found, the head checked against the last entry added; call once, at the end.
  std::vector<std::string> Finish(const std::optional<AuditHead>& head);
  std::int64_t entries() const { return entries_; }

 private:
  void Problem(std::string text);

  std::vector<std::string> problems_;
  std::size_t unlisted_ = 0;
  std::string previous_hash_;
  std::int64_t expected_seq_ = 1;
  std::int64_t last_seq_ = 0;
  std::int64_t entries_ = 0;
};

// Checks a whole chain, in seq order (an AuditChainVerifier fed every entry). Returns one plain
// sentence per problem found (empty when the chain is intact), e.g. "entry 17 was edited: its hash
// does not match its content".
std::vector<std::string> VerifyAuditChain(std::span<const AuditEntry> entries,
                                          const std::optional<AuditHead>& head);

}  // namespace craft::core
