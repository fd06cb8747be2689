#include "app/advisory_import.h"

#include <unistd.h>

#include <iostream>

#include "store/advisory_record.h"

namespace craft::app {

using vuln::advisory::Advisory;

AdvisoryImportRun::AdvisoryImportRun(store::Store& store, std::string source)
    : store_(store), source_(std::move(source)) {
  stored_modified_ = store_.AdvisoryModifiedTimes(source_ == "nvd" ? vuln::advisory::Source::kNvd
                                                                   : vuln::advisory::Source::kOsv);
  batch_.advisories.reserve(kBatchSize);
  encoder_ = std::thread([this] { Encode(); });
  writer_ = std::thread([this] { Write(); });
}

AdvisoryImportRun::~AdvisoryImportRun() {
  to_encode_.Abort();
  to_write_.Abort();
  Stop();
}

void AdvisoryImportRun::Stop() noexcept {
  if (encoder_.joinable()) encoder_.join();
  if (writer_.joinable()) writer_.join();
}

void AdvisoryImportRun::Fail(std::exception_ptr error) noexcept {
  {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = std::move(error);
  }
  to_encode_.Abort();
  to_write_.Abort();
}

void AdvisoryImportRun::RethrowFailure() {
  std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

void AdvisoryImportRun::Add(Advisory&& advisory) {
  // A stored `modified` only grows (unless another import stores a record without one meanwhile):
  // a record not newer than what the store had when the run began is unchanged. The writer
  // decides for every other record.
  const auto stored = stored_modified_.find(advisory.id);
  if (stored != stored_modified_.end() && !advisory.modified.empty() &&
      advisory.modified <= stored->second) {
    bool report = false;
    {
      std::lock_guard lock(mutex_);
      report = ++counts_[static_cast<int>(store::AdvisoryChange::kUnchanged)] % 1000 == 0;
    }
    if (report) Progress(false);  // a re-import may send the writer nothing for long
    return;
  }
  batch_.advisories.push_back(std::move(advisory));
  if (batch_.advisories.size() < kBatchSize) return;
  if (!to_encode_.Push(std::move(batch_))) RethrowFailure();
  batch_ = {};
  batch_.advisories.reserve(kBatchSize);
}

void AdvisoryImportRun::Encode() {
  try {
    while (std::optional<Batch> batch = to_encode_.Pop()) {
      batch->records.reserve(batch->advisories.size());
      for (const Advisory& a : batch->advisories) {
        batch->records.push_back(store::EncodeAdvisoryRecord(a));
      }
      if (!to_write_.Push(std::move(*batch))) return;
    }
    to_write_.Close();
  } catch (...) {
    Fail(std::current_exception());
  }
}

void AdvisoryImportRun::Write() {
  try {
    while (std::optional<Batch> batch = to_write_.Pop()) {
      const auto changes = store_.UpsertAdvisories(batch->advisories, batch->records);
      {
        std::lock_guard lock(mutex_);
        for (store::AdvisoryChange c : changes) ++counts_[static_cast<int>(c)];
      }
      Progress(false);
    }
  } catch (...) {
    Fail(std::current_exception());
  }
}

void AdvisoryImportRun::Reject(const std::vector<vuln::advisory::ImportDiagnostic>& diagnostics) {
  for (const auto& d : diagnostics) {
    if (d.severity != vuln::advisory::ImportDiagnostic::Severity::kError) continue;
    std::lock_guard lock(mutex_);
    ++rejected_;
    if (reasons_.size() < 20) {
      reasons_.push_back(d.record + (d.location.empty() ? "" : " " + d.location) + ": " +
                         d.message);
    }
    break;  // one rejection per record
  }
}

void AdvisoryImportRun::Progress(bool final) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!final && now - last_ < std::chrono::milliseconds(isatty(2) ? 200 : 10000)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const std::int64_t done = counts_[0] + counts_[1] + counts_[2] + counts_[3] + rejected_;
  std::cerr << (isatty(2) ? "\r" : "") << "  " << source_ << ": " << done << " records, "
            << static_cast<std::int64_t>(seconds > 0 ? done / seconds : 0) << "/s"
            << (isatty(2) && !final ? "   " : "\n");
}

void AdvisoryImportRun::Finish(const std::string& origin) {
  if (!batch_.advisories.empty() && !to_encode_.Push(std::move(batch_))) RethrowFailure();
  batch_ = {};
  to_encode_.Close();
  Stop();
  RethrowFailure();
  Progress(true);
  std::cout << source_ << " import of " << origin << ": " << counts_[0] << " added, " << counts_[1]
            << " updated, " << counts_[2] << " unchanged, " << counts_[3] << " withdrawn, "
            << rejected_ << " rejected\n";
  for (const auto& r : reasons_) std::cout << "  rejected " << r << "\n";
  if (rejected_ > static_cast<std::int64_t>(reasons_.size())) {
    std::cout << "  ... and " << rejected_ - static_cast<std::int64_t>(reasons_.size())
              << " more rejections\n";
  }
  store_.RecordAdvisoryImport(source_, origin, counts_[0], counts_[1], counts_[2], counts_[3],
                              rejected_);
}

}  // namespace craft::app
