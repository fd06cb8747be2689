#pragma once
// Reading a data file named to `craft vuln import` (an NVD page or feed, the KEV catalogue, the
// EPSS scores, one OSV record): whole, inflated first when it is gzip-compressed (as FIRST
// publishes EPSS, `epss_scores-current.csv.gz`, and NVD its feeds, `nvdcve-2.0-2024.json.gz`),
// and never more than `max_bytes` of text.

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace craft::app {

// The file cannot be read, is damaged gzip, or is (or inflates to) more than the limit. The
// message names the file and says why.
class ImportFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kMaxImportFileBytes = std::size_t{1} << 30;  // 1 GiB of text

// Recognised by content (the gzip magic bytes 1F 8B), not by the file name. Concatenated gzip
// members are read one after the other, as gzip(1) does.
std::string ReadImportFile(const std::filesystem::path& file,
                           std::size_t max_bytes = kMaxImportFileBytes);

// "x.json" or "x.json.gz" for extension ".json".
bool HasDataExtension(const std::filesystem::path& file, const std::string& extension);

}  // namespace craft::app
