#pragma once
// SHA-256, the digest craft names blobs, API keys and audit entries with. Output is lowercase hex.

#include <memory>
#include <string>
#include <string_view>

namespace craft::core {

std::string Sha256Hex(std::string_view bytes);

// Incremental form, for streams.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view bytes);
  // Finishes and returns the hex digest; the object must not be updated afterwards.
  std::string FinishHex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// True for exactly 64 lowercase hex characters.
bool IsSha256Hex(std::string_view text);

}  // namespace craft::core
