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

std::vector<std::string> VerifyAuditChain(std::span<const AuditEntry> entries,
                                          const std::optional<AuditHead>& head) {
  std::vector<std::string> problems;
  std::string previous_hash;
  std::int64_t expected_seq = 1;
  for (const AuditEntry& e : entries) {
    const std::string where = "entry " + std::to_string(e.seq);
    if (e.seq != expected_seq) {
      if (e.seq > expected_seq) {
        problems.push_back("entries " + std::to_string(expected_seq) + " to " +
                           std::to_string(e.seq - 1) + " are missing");
      } else {
        problems.push_back(where + " is out of order or duplicated");
      }
    }
    if (e.prev_hash != previous_hash) {
      problems.push_back(where + " does not link to the entry before it (an entry before it was " +
                         "edited, removed or inserted)");
    }
    if (AuditEntryHash(e) != e.hash) {
      problems.push_back(where + " was edited: its hash does not match its content");
    }
    previous_hash = e.hash;
    expected_seq = e.seq + 1;
  }
  if (head) {
    const std::int64_t last = entries.empty() ? 0 : entries.back().seq;
    if (head->seq != last) {
      problems.push_back("the log ends at entry " + std::to_string(last) +
                         " but the recorded head is entry " + std::to_string(head->seq) +
                         " (newest entries removed)");
    } else if (!entries.empty() && head->hash != entries.back().hash) {
      problems.push_back("the newest entry does not match the recorded head hash");
    }
  }
  return problems;
}

}  // namespace craft::core
