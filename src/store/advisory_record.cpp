#include "store/advisory_record.h"

#include <zstd.h>

#include <memory>

#include "store/advisory_json.h"
#include "store/advisory_json_reader.h"

namespace craft::store {
namespace {

// zstd's fastest regular level: ~2.4x on OSV records, several hundred MB/s.
constexpr int kLevel = 1;
constexpr unsigned long long kMaxRecordText = 256ull << 20;

struct ContextFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

}  // namespace

std::string EncodeAdvisoryRecord(const vuln::advisory::Advisory& advisory) {
  thread_local std::unique_ptr<ZSTD_CCtx, ContextFree> context(ZSTD_createCCtx());
  const std::string text = AdvisoryToJson(advisory);
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const std::size_t size =
      ZSTD_compressCCtx(context.get(), out.data(), out.size(), text.data(), text.size(), kLevel);
  if (ZSTD_isError(size)) throw std::runtime_error(ZSTD_getErrorName(size));
  out.resize(size);
  return out;
}

std::optional<vuln::advisory::Advisory> DecodeAdvisoryRecord(std::string_view bytes) {
  if (bytes.empty() || bytes.front() == '{') return ReadAdvisoryJson(bytes);
  const unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxRecordText) {
    return std::nullopt;
  }
  thread_local std::unique_ptr<ZSTD_DCtx, ContextFree> context(ZSTD_createDCtx());
  // Decompressed with room for the simdjson padding after the text, parsed where it is.
  thread_local std::string text;
  text.resize(size + AdvisoryJsonPadding());
  const std::size_t got =
      ZSTD_decompressDCtx(context.get(), text.data(), size, bytes.data(), bytes.size());
  if (ZSTD_isError(got) || got != size) return std::nullopt;
  return ReadAdvisoryJsonPadded(std::string_view(text.data(), size));
}

}  // namespace craft::store
