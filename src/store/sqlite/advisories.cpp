// The advisory database: OSV and NVD records with their lookup keys, the KEV catalogue and the
// EPSS scores. Shared by every organisation; no audit entries (public data, not evidence).
#include <map>
#include <set>

#include "store/advisory_keys.h"
#include "store/advisory_record.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {
namespace {

using vuln::advisory::Advisory;

void DeleteKeys(Connection& c, const char* source, const std::string& id) {
  for (const char* sql : {"DELETE FROM advisory_packages WHERE source = ? AND advisory_id = ?",
                          "DELETE FROM advisory_cpes WHERE source = ? AND advisory_id = ?",
                          "DELETE FROM advisory_aliases WHERE source = ? AND advisory_id = ?"}) {
    c.Prepare(sql).Bind(source).Bind(id).Run();
  }
}

void InsertKeys(Connection& c, const char* source, const Advisory& a) {
  const auto [packages, cpes] = KeysOf(a);
  for (const auto& [base, name] : packages) {
    c.Prepare(
         "INSERT OR IGNORE INTO advisory_packages (ecosystem_base, normalized_name, source, "
         "advisory_id) VALUES (?, ?, ?, ?)")
        .Bind(base)
        .Bind(name)
        .Bind(source)
        .Bind(a.id)
        .Run();
  }
  for (const auto& [vendor, product] : cpes) {
    c.Prepare(
         "INSERT OR IGNORE INTO advisory_cpes (vendor, product, source, advisory_id) "
         "VALUES (?, ?, ?, ?)")
        .Bind(vendor)
        .Bind(product)
        .Bind(source)
        .Bind(a.id)
        .Run();
  }
  for (const auto& alias : a.aliases) {
    c.Prepare(
         "INSERT OR IGNORE INTO advisory_aliases (alias, source, advisory_id) VALUES (?, ?, ?)")
        .Bind(alias)
        .Bind(source)
        .Bind(a.id)
        .Run();
  }
}

// `record`: the stored form of `a`, or empty to encode it here when it is written.
AdvisoryChange UpsertOne(Connection& c, const Advisory& a, std::string_view record,
                         std::int64_t now) {
  const char* source = vuln::advisory::SourceName(a.source);
  std::optional<std::string> stored_modified;
  {
    Statement st = c.Prepare("SELECT modified FROM advisories WHERE source = ? AND id = ?");
    st.Bind(source).Bind(a.id);
    if (st.Step()) stored_modified = st.Text(0);
  }
  // RFC 3339 UTC timestamps of one record compare as strings.
  if (stored_modified && !a.modified.empty() && a.modified <= *stored_modified) {
    return AdvisoryChange::kUnchanged;
  }
  if (stored_modified) DeleteKeys(c, source, a.id);
  std::string encoded;
  if (record.empty()) record = encoded = EncodeAdvisoryRecord(a);
  c.Prepare(
       "INSERT INTO advisories (source, id, modified, published, withdrawn, summary, record, "
       "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, id) DO UPDATE SET "
       "modified = excluded.modified, published = excluded.published, withdrawn = "
       "excluded.withdrawn, summary = excluded.summary, record = excluded.record, imported_at = "
       "excluded.imported_at")
      .Bind(source)
      .Bind(a.id)
      .Bind(a.modified)
      .Bind(a.published)
      .Bind(a.withdrawn)
      .Bind(a.summary)
      .BindBlob(record)
      .Bind(now)
      .Run();
  if (a.IsWithdrawn()) return AdvisoryChange::kWithdrawn;
  InsertKeys(c, source, a);
  return stored_modified ? AdvisoryChange::kUpdated : AdvisoryChange::kAdded;
}

// Inside each transaction that writes advisory data (see 0005_advisory_generation.sql).
void RaiseGeneration(Connection& c) {
  c.Exec("UPDATE advisory_generation SET generation = generation + 1 WHERE id = 1");
}

std::int64_t Generation(Connection& c) {
  Statement st = c.Prepare("SELECT generation FROM advisory_generation WHERE id = 1");
  return st.Step() ? st.Int(0) : 0;
}

std::int64_t Count(Connection& c, const char* sql) {
  Statement st = c.Prepare(sql);
  return st.Step() ? st.Int(0) : 0;
}

}  // namespace

std::vector<AdvisoryChange> SqliteStore::UpsertAdvisories(const std::vector<Advisory>& advisories,
                                                          const std::vector<std::string>& records) {
  return Write([&](Connection& c) {
    // An import inserts keys all over the key tables' B-trees: keep their pages in memory, and
    // checkpoint every 128 MiB of WAL rather than every 4 MiB, so that a page dirtied by several
    // batches is copied into the database once.
    c.Exec("PRAGMA cache_size = -131072; PRAGMA wal_autocheckpoint = 32768");
    RaiseGeneration(c);
    std::vector<AdvisoryChange> changes;
    changes.reserve(advisories.size());
    for (std::size_t i = 0; i < advisories.size(); ++i) {
      const std::string_view record = i < records.size() ? records[i] : std::string_view();
      changes.push_back(UpsertOne(c, advisories[i], record, Now()));
    }
    return changes;
  });
}

std::unordered_map<std::string, std::string> SqliteStore::AdvisoryModifiedTimes(
    vuln::advisory::Source source) {
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare("SELECT id, modified FROM advisories WHERE source = ?");
  st.Bind(vuln::advisory::SourceName(source));
  std::unordered_map<std::string, std::string> out;
  while (st.Step()) out.emplace(st.Text(0), st.Text(1));
  return out;
}

void SqliteStore::ReplaceKev(const vuln::advisory::KevCatalog& catalog) {
  Write([&](Connection& c) {
    RaiseGeneration(c);
    c.Exec("DELETE FROM kev_entries");
    for (const auto& e : catalog.vulnerabilities) {
      c.Prepare(
           "INSERT OR REPLACE INTO kev_entries (cve_id, vendor_project, product, "
           "vulnerability_name, date_added, due_date, known_ransomware_campaign_use, "
           "short_description, required_action) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .Bind(e.cve_id)
          .Bind(e.vendor_project)
          .Bind(e.product)
          .Bind(e.vulnerability_name)
          .Bind(e.date_added)
          .Bind(e.due_date)
          .Bind(e.known_ransomware_campaign_use)
          .Bind(e.short_description)
          .Bind(e.required_action)
          .Run();
    }
  });
}

void SqliteStore::ReplaceEpss(const vuln::advisory::EpssScores& scores) {
  Write([&](Connection& c) {
    RaiseGeneration(c);
    c.Exec("DELETE FROM epss_scores");
    for (const auto& e : scores.entries) {
      c.Prepare(
           "INSERT OR REPLACE INTO epss_scores (cve, epss, percentile, score_date, model_version) "
           "VALUES (?, ?, ?, ?, ?)")
          .Bind(e.cve)
          .Bind(e.epss)
          .Bind(e.percentile)
          .Bind(e.score_date)
          .Bind(e.model_version)
          .Run();
    }
  });
}

void SqliteStore::RecordAdvisoryImport(const std::string& source, const std::string& origin,
                                       std::int64_t added, std::int64_t updated,
                                       std::int64_t unchanged, std::int64_t withdrawn,
                                       std::int64_t rejected) {
  Write([&](Connection& c) {
    c.Prepare(
         "INSERT INTO advisory_imports (source, origin, added, updated, unchanged, withdrawn, "
         "rejected, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .Bind(source)
        .Bind(origin)
        .Bind(added)
        .Bind(updated)
        .Bind(unchanged)
        .Bind(withdrawn)
        .Bind(rejected)
        .Bind(Now())
        .Run();
  });
  // The end of an import: with synchronous = NORMAL the WAL is synced only at checkpoints, so
  // checkpoint it all now (waiting for readers as the busy timeout allows) to make the import
  // durable when the command returns, not only consistent.
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement checkpoint = lease->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  checkpoint.Run();
}

AdvisoryDbStats SqliteStore::AdvisoryStats() {
  ConnectionPool::Lease lease = pool_.Acquire();
  Connection& c = *lease;
  AdvisoryDbStats s;
  s.osv = Count(c, "SELECT count(*) FROM advisories WHERE source = 'osv' AND withdrawn = ''");
  s.nvd = Count(c, "SELECT count(*) FROM advisories WHERE source = 'nvd' AND withdrawn = ''");
  s.withdrawn = Count(c, "SELECT count(*) FROM advisories WHERE withdrawn <> ''");
  s.kev = Count(c, "SELECT count(*) FROM kev_entries");
  s.epss = Count(c, "SELECT count(*) FROM epss_scores");
  s.package_keys = Count(c, "SELECT count(*) FROM advisory_packages");
  s.cpe_keys = Count(c, "SELECT count(*) FROM advisory_cpes");
  Statement st = c.Prepare(
      "SELECT ecosystem_base, count(*) FROM advisory_packages GROUP BY ecosystem_base "
      "ORDER BY 2 DESC, 1");
  while (st.Step()) s.by_ecosystem.emplace_back(st.Text(0), st.Int(1));
  Statement last = c.Prepare("SELECT max(finished_at) FROM advisory_imports");
  if (last.Step() && !last.IsNull(0)) s.last_import = core::FormatTimestamp(last.Int(0));
  return s;
}

std::int64_t SqliteStore::AdvisoryGeneration() {
  ConnectionPool::Lease lease = pool_.Acquire();
  return Generation(*lease);
}

std::int64_t SqliteStore::ForEachCandidateAdvisory(
    const std::vector<std::pair<std::string, std::string>>& package_keys,
    const std::vector<std::pair<std::string, std::string>>& cpe_keys,
    const std::function<void(Advisory&&)>& sink) {
  ConnectionPool::Lease lease = pool_.Acquire();
  Connection& c = *lease;
  // One read transaction for all the look-ups: one snapshot, and the WAL read lock taken once
  // rather than by each of tens of thousands of statements.
  ReadTransaction transaction(c);
  const std::int64_t generation = Generation(c);
  // The candidates' stored records by (source, id), read in the key queries (one B-tree seek
  // each) and decoded in that order, which the index and so the order of findings follow. The
  // compressed records of a large scan take tens of MB (the decoded ones ten times that), kept end
  // to end in one buffer: one allocation per record of 1 KB or more would make malloc consolidate
  // its free lists each time.
  std::string bytes;
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> records;
  const auto collect = [&](const char* sql, const std::string& a, const std::string& b) {
    Statement st = c.Prepare(sql);
    st.Bind(a).Bind(b);
    while (st.Step()) {
      auto [it, added] = records.try_emplace(std::pair(st.Text(0), st.Text(1)));
      if (!added) continue;
      const std::string_view record = st.BlobView(2);
      it->second = {bytes.size(), record.size()};
      bytes.append(record);
    }
  };
  for (const auto& [base, name] : package_keys) {
    collect(
        "SELECT k.source, k.advisory_id, a.record FROM advisory_packages k JOIN advisories a ON "
        "a.source = k.source AND a.id = k.advisory_id WHERE k.ecosystem_base = ? AND "
        "k.normalized_name = ? AND a.withdrawn = ''",
        base, name);
  }
  for (const auto& [vendor, product] : cpe_keys) {
    collect(
        "SELECT k.source, k.advisory_id, a.record FROM advisory_cpes k JOIN advisories a ON "
        "a.source = k.source AND a.id = k.advisory_id WHERE k.vendor = ? AND k.product = ? AND "
        "a.withdrawn = ''",
        vendor, product);
  }
  transaction.Commit();
  for (const auto& [key, at] : records) {
    if (auto a = DecodeAdvisoryRecord(std::string_view(bytes).substr(at.first, at.second))) {
      sink(std::move(*a));
    }
  }
  return generation;
}

std::vector<Advisory> SqliteStore::AdvisoriesNamed(const std::string& id) {
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(
      "SELECT record FROM advisories WHERE id = ? UNION SELECT a.record FROM advisory_aliases x "
      "JOIN advisories a ON a.source = x.source AND a.id = x.advisory_id WHERE x.alias = ?");
  st.Bind(id).Bind(id);
  std::vector<Advisory> out;
  while (st.Step()) {
    if (auto a = DecodeAdvisoryRecord(st.BlobView(0))) out.push_back(std::move(*a));
  }
  return out;
}

std::optional<vuln::advisory::KevEntry> SqliteStore::KevEntryFor(const std::string& cve) {
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(
      "SELECT cve_id, vendor_project, product, vulnerability_name, date_added, due_date, "
      "known_ransomware_campaign_use, short_description, required_action FROM kev_entries "
      "WHERE cve_id = ?");
  st.Bind(cve);
  if (!st.Step()) return std::nullopt;
  vuln::advisory::KevEntry e;
  e.cve_id = st.Text(0);
  e.vendor_project = st.Text(1);
  e.product = st.Text(2);
  e.vulnerability_name = st.Text(3);
  e.date_added = st.Text(4);
  e.due_date = st.Text(5);
  e.known_ransomware_campaign_use = st.Text(6);
  e.short_description = st.Text(7);
  e.required_action = st.Text(8);
  return e;
}

std::optional<vuln::advisory::EpssEntry> SqliteStore::EpssFor(const std::string& cve) {
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(
      "SELECT cve, epss, percentile, model_version, score_date FROM epss_scores WHERE cve = ?");
  st.Bind(cve);
  if (!st.Step()) return std::nullopt;
  return vuln::advisory::EpssEntry{st.Text(0), st.Double(1), st.Double(2), st.Text(3), st.Text(4)};
}

}  // namespace craft::store::sqlite
