#include "core/audit_chain.h"

#include "core/digest.h"

namespace craft::core {
namespace {

void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

}  // namespace

std::string AuditEntryHash(const AuditEntry& entry) {
  std::string text;
  text.reserve(256 + entry.before.size() + entry.after.size());
  AppendField(text, std::to_string(entry.seq));
  AppendField(text, entry.id);
  AppendField(text, entry.organisation_id);
  AppendField(text, std::to_string(entry.at));
  AppendField(text, entry.actor);
  AppendField(text, entry.action);
  AppendField(text, entry.entity_type);
  AppendField(text, entry.entity_id);
  AppendField(text, entry.before);
  AppendField(text, entry.after);
  AppendField(text, entry.prev_hash);
  return Sha256Hex(text);
}

void AuditChainVerifier::Problem(std::string text) {
  if (problems_.size() < kMaxProblems) {
    problems_.push_back(std::move(text));
  } else {
    ++unlisted_;
  }
}

void AuditChainVerifier::Add(const AuditEntry& e) {
  const std::string where = "entry " + std::to_string(e.seq);
  if (e.seq != expected_seq_) {
    if (e.seq > expected_seq_) {
      Problem("entries " + std::to_string(expected_seq_) + " to " + std::to_string(e.seq - 1) +
              " are missing");
    } else {
      Problem(where + " is out of order or duplicated");
    }
  }
  if (e.prev_hash != previous_hash_) {
    Problem(where + " does not link to the entry before it (an entry before it was " +
            "edited, removed or inserted)");
  }
  if (AuditEntryHash(e) != e.hash)
    Problem(where + " was edited: its hash does not match its content");
  previous_hash_ = e.hash;
  expected_seq_ = e.seq + 1;
  last_seq_ = e.seq;
  ++entries_;
}

std::vector<std::string> AuditChainVerifier::Finish(const std::optional<AuditHead>& head) {
  if (head) {
    if (head->seq != last_seq_) {
      Problem("the log ends at entry " + std::to_string(last_seq_) +
              " but the recorded head is entry " + std::to_string(head->seq) +
              " (newest entries removed)");
    } else if (entries_ > 0 && head->hash != previous_hash_) {
      Problem("the newest entry does not match the recorded head hash");
    }
  }
  if (unlisted_ > 0) {
    problems_.push_back("and " + std::to_string(unlisted_) + " more problems");
  }
  return std::move(problems_);
}

std::vector<std::string> VerifyAuditChain(std::span<const AuditEntry> entries,
                                          const std::optional<AuditHead>& head) {
  AuditChainVerifier verifier;
  for (const AuditEntry& e : entries) verifier.Add(e);
  return verifier.Finish(head);
}

}  // namespace craft::core
