#pragma once
// A streaming reader of multipart/form-data request bodies (RFC 7578, RFC 2046 section 5.1) over a
// BodyReader: parts are handed out one at a time and their content in pieces, so an upload of any
// size passes through in bounded memory (one 64 KiB buffer).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace craft::http {

struct PartHeaders {
  std::string name;          // the form field name from Content-Disposition
  std::string filename;      // as sent (filename*= preferred over filename=); "" for plain fields.
                             // Never a safe path: callers must not use it to name files.
  std::string content_type;  // as sent, or "" when the part has none
  std::vector<std::pair<std::string, std::string>> headers;  // all part headers, names lower-cased
};

class MultipartReader {
 public:
  static constexpr std::size_t kMaxPartHeaderBytes = 8 * 1024;
  static constexpr std::size_t kMaxParts = 100;

  // `content_type` is the request's Content-Type value, e.g.
  // `multipart/form-data; boundary="----abc"`. Throws ProblemError 415 when the media type is not
  // multipart/form-data, and ProblemError 400 "multipart boundary missing" when the boundary
  // parameter is absent or not a valid RFC 2046 boundary (1 to 70 allowed characters).
  MultipartReader(BodyReader& body, std::string_view content_type);

  // Moves to the next part, skipping what is left of the current one, and fills `part`. Returns
  // false after the closing boundary (the rest of the body, the epilogue, is read and dropped).
  // Throws ProblemError 400 on a malformed body: "multipart body truncated" when the body ends
  // before the closing boundary, part headers over kMaxPartHeaderBytes, more than kMaxParts parts,
  // or a malformed delimiter line or part header. Errors of the BodyReader (413, 400) pass through.
  bool NextPart(PartHeaders& part);

  // Reads up to `size` bytes of the current part's content; returns 0 at the end of the part (and
  // before the first NextPart or after the last). Throws like NextPart.
  std::size_t ReadPart(char* buffer, std::size_t size);

 private:
  enum class State { kPreamble, kContent, kAfterDelimiter, kDone };

  bool Fill();                    // reads more of the body into buffer_; false at its end
  void Ensure(std::size_t size);  // at least `size` unread bytes, or throws "truncated"
  void Scan();                    // advances scanned_ / sets at_delimiter_ over buffered data
  // Number of bytes at the front of the unread data that are surely content (no delimiter starts
  // among them), reading more as needed; 0 only when the delimiter is at the front.
  std::size_t SafeContent();
  void ConsumeDelimiter();
  void SkipContent();
  bool ReadDelimiterLine();  // after a delimiter: true for a part, false for the closing one
  void ReadHeaders(PartHeaders& part);
  void DrainEpilogue();

  BodyReader& body_;
  std::string delimiter_;  // "\r\n--" + boundary
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // unread data is buffer_[begin_, end_)
  std::size_t end_ = 0;
  std::size_t scanned_ = 0;    // no delimiter starts in [begin_, scanned_)
  bool at_delimiter_ = false;  // a delimiter starts at scanned_
  bool body_ended_ = false;
  State state_ = State::kPreamble;
  std::size_t parts_ = 0;
};

}  // namespace craft::http
