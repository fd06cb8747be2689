// craft vuln import / db stats / scan / rescan: the offline advisory database from the command
// line, and scanning an SBOM in CI without a server.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/advisory_import.h"
#include "app/commands.h"
#include "app/data_folder.h"
#include "app/import_file.h"
#include "app/input_file.h"
#include "sbom/parse.h"
#include "store/scan.h"
#include "vuln/import/epss.h"
#include "vuln/import/kev.h"
#include "vuln/import/nvd.h"
#include "vuln/import/osv.h"
#include "vuln/import/osv_archive.h"

namespace craft::app {
namespace {

namespace fs = std::filesystem;
using vuln::advisory::Advisory;
using vuln::advisory::ImportDiagnostic;

struct DbOptions {
  std::string data_dir = "var";
  std::string db;  // a SQLite file; empty: <data>/craft.db
};

std::unique_ptr<store::Store> OpenDb(const DbOptions& o) {
  std::string path = o.db;
  if (path.empty()) {
    fs::create_directories(o.data_dir);
    path = (fs::path(o.data_dir) / "craft.db").string();
  }
  return store::OpenSqliteStore(path);
}

// The text of a data file for an importer; nullopt (after saying why on stderr) when it cannot be
// read, is damaged gzip or is over the size limit.
std::optional<std::string> ReadDataFile(const fs::path& path) {
  try {
    return ReadImportFile(path);
  } catch (const ImportFileError& e) {
    std::cerr << "craft vuln import: " << e.what() << "\n";
    return std::nullopt;
  }
}

// Hands the diagnostics of many records to the run, one record at a time (a record's diagnostics
// are consecutive and name it), so that a record with several errors counts as one rejection.
void RejectEach(const std::vector<ImportDiagnostic>& diagnostics, AdvisoryImportRun& run) {
  for (auto first = diagnostics.begin(); first != diagnostics.end();) {
    auto last = std::find_if(first, diagnostics.end(),
                             [&](const ImportDiagnostic& d) { return d.record != first->record; });
    run.Reject({first, last});
    first = last;
  }
}

void ImportOsvArchive(const fs::path& path, AdvisoryImportRun& run, bool& damaged) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::vector<char> buffer(1 << 20);
  const auto source = [&]() -> std::string_view {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    return {buffer.data(), static_cast<std::size_t>(in.gcount())};
  };
  const auto summary =
      vuln::import::ReadOsvArchive(source, [&](Advisory&& a) { run.Add(std::move(a)); });
  RejectEach(summary.diagnostics, run);
  if (!summary.complete) {
    damaged = true;
    std::cerr << "craft vuln import: " << path.string()
              << " is truncated or not a ZIP archive; the records before the damage were "
                 "imported\n";
  }
}

void ImportOsv(const fs::path& path, AdvisoryImportRun& run, bool& damaged) {
  const auto one = [&](const fs::path& file) {
    const std::optional<std::string> text = ReadDataFile(file);
    if (!text) {
      damaged = true;
      return;
    }
    auto result = vuln::import::ParseOsvRecord(*text, {}, file.filename().string());
    if (result.advisory) {
      run.Add(std::move(*result.advisory));
    } else {
      run.Reject(result.diagnostics);
    }
  };
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      if (entry.is_regular_file() && HasDataExtension(entry.path(), ".json")) one(entry.path());
      if (entry.is_regular_file() && entry.path().extension() == ".zip") {
        ImportOsvArchive(entry.path(), run, damaged);
      }
    }
  } else if (path.extension() == ".zip") {
    ImportOsvArchive(path, run, damaged);
  } else {
    one(path);
  }
}

void ImportNvd(const fs::path& path, AdvisoryImportRun& run, bool& damaged) {
  const auto page = [&](const fs::path& file) {
    const std::optional<std::string> text = ReadDataFile(file);
    if (!text) {
      damaged = true;
      return;
    }
    auto result = vuln::import::ParseNvdPage(*text);
    if (!result.page) {
      damaged = true;
      std::cerr << "craft vuln import: " << file.string() << " is not an NVD CVE API 2.0 page";
      if (!result.diagnostics.empty()) std::cerr << ": " << result.diagnostics.front().message;
      std::cerr << "\n";
      return;
    }
    for (auto& a : result.page->vulnerabilities) run.Add(std::move(a));
    RejectEach(result.diagnostics, run);
  };
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      if (entry.is_regular_file() && HasDataExtension(entry.path(), ".json")) page(entry.path());
    }
  } else {
    page(path);
  }
}

struct ImportOptions {
  DbOptions db;
  std::string source;
  std::string path;
  bool no_rescan = false;
};

using vuln::import::EpssResult;
using vuln::import::KevResult;

// A data set imported whole, replacing the one before (the KEV catalogue, the EPSS scores): read,
// parsed with `parse`, its `member` handed to `replace` (which stores it, says what it stored and
// returns how many entries), recorded as an import. Exit 2 when the file is unreadable or not
// `what`; nothing stored then.
template <class Result, class Data, class Parse, class Replace>
void ReplaceWhole(const ImportOptions& o, const char* what, Parse parse,
                  std::optional<Data> Result::*member, Replace replace, store::Store& store) {
  const std::optional<std::string> text = ReadDataFile(o.path);
  if (!text) throw CLI::RuntimeError(2);
  Result result = parse(*text, {});
  if (!(result.*member)) {
    std::cerr << "craft vuln import: " << o.path << " is not " << what
              << (result.diagnostics.empty() ? "" : ": " + result.diagnostics.front().message)
              << "\n";
    throw CLI::RuntimeError(2);
  }
  const std::size_t entries = replace(*(result.*member));
  store.RecordAdvisoryImport(o.source, o.path, static_cast<std::int64_t>(entries), 0, 0, 0, 0);
}

void Import(const ImportOptions& o) {
  auto store = OpenDb(o.db);
  const fs::path path(o.path);
  if (!fs::exists(path)) {
    std::cerr << "craft vuln import: " << o.path << " does not exist\n";
    throw CLI::RuntimeError(2);
  }
  bool damaged = false;
  bool changed = false;
  if (o.source == "kev") {
    ReplaceWhole(
        o, "a CISA KEV catalogue", vuln::import::ParseKevCatalog, &KevResult::catalog,
        [&](const vuln::advisory::KevCatalog& kev) {
          store->ReplaceKev(kev);
          std::cout << "kev import of " << o.path << ": " << kev.vulnerabilities.size()
                    << " entries (catalogue " << kev.catalog_version << ")\n";
          return kev.vulnerabilities.size();
        },
        *store);
    changed = true;
  } else if (o.source == "epss") {
    ReplaceWhole(
        o, "an EPSS scores file", vuln::import::ParseEpssCsv, &EpssResult::scores,
        [&](const vuln::advisory::EpssScores& epss) {
          store->ReplaceEpss(epss);
          std::cout << "epss import of " << o.path << ": " << epss.entries.size() << " scores ("
                    << epss.score_date << ")\n";
          return epss.entries.size();
        },
        *store);
    changed = true;
  } else {
    AdvisoryImportRun run(*store, o.source);
    if (o.source == "osv") {
      ImportOsv(path, run, damaged);
    } else {
      ImportNvd(path, run, damaged);
    }
    run.Finish(o.path);
    changed = run.Changed();
  }
  if (changed && !o.no_rescan) {
    const store::JobRecord job = store->CreateJob("", "rescan");
    std::cout << "rescan job " << job.id
              << " queued: a running server rescans every stored version (GET /api/v1/jobs/"
              << job.id << "), or run `craft vuln rescan`\n";
  }
  if (damaged) throw CLI::RuntimeError(3);
}

void Stats(const DbOptions& o) {
  auto store = OpenDb(o);
  const store::AdvisoryDbStats s = store->AdvisoryStats();
  std::cout << "OSV advisories:  " << s.osv << "\nNVD CVEs:        " << s.nvd
            << "\nwithdrawn:       " << s.withdrawn << "\nKEV entries:     " << s.kev
            << "\nEPSS scores:     " << s.epss << "\npackage keys:    " << s.package_keys
            << "\nCPE keys:        " << s.cpe_keys
            << "\nlast import:     " << (s.last_import.empty() ? "never" : s.last_import) << "\n";
  for (const auto& [ecosystem, count] : s.by_ecosystem) {
    std::cout << "  " << ecosystem << ": " << count << "\n";
  }
}

struct ScanOptions {
  DbOptions db;
  std::string file;
  std::string fail_on;  // critical, high, medium, low; empty: never
  bool fail_on_kev = false;
  std::string format = "text";
};

nlohmann::json FindingJson(const store::FindingRecord& f) {
  nlohmann::json j = {{"id", f.vuln_id},
                      {"aliases", f.aliases},
                      {"component", f.component_key},
                      {"name", f.component_name},
                      {"version", f.component_version},
                      {"severity", f.severity},
                      {"kev", f.kev},
                      {"fixed_versions", f.fixed_versions},
                      {"match_method", f.match_method},
                      {"confidence", f.confidence},
                      {"reason", f.reason},
                      {"summary", f.summary}};
  j["cvss_score"] = f.cvss_score ? nlohmann::json(*f.cvss_score) : nlohmann::json(nullptr);
  j["epss"] = f.epss ? nlohmann::json(*f.epss) : nlohmann::json(nullptr);
  return j;
}

void Scan(const ScanOptions& o) {
  const auto parsed = sbom::Parse(ReadSbomFile("vuln scan", o.file));
  if (!parsed.value) {
    std::cerr << "craft vuln scan: " << o.file << " is not a readable SBOM";
    if (!parsed.diagnostics.empty()) {
      std::cerr << ": " << parsed.diagnostics.front().location << ": "
                << parsed.diagnostics.front().message;
    }
    std::cerr << "\n";
    throw CLI::RuntimeError(2);
  }
  std::vector<store::ScanComponent> components;
  for (const auto& c : parsed.value->components) {
    components.push_back({c.name, c.version, c.purl, c.cpe, c.group});
  }
  auto store = OpenDb(o.db);
  std::vector<store::FindingRecord> findings = store::ScanComponents(*store, components);
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
    return store::SeverityRank(a.severity) < store::SeverityRank(b.severity);
  });
  int worst = 6;
  bool kev = false;
  std::map<std::string, int> counts;
  for (const auto& f : findings) {
    worst = std::min(worst, store::SeverityRank(f.severity));
    kev = kev || f.kev;
    ++counts[f.severity];
  }
  if (o.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : findings) list.push_back(FindingJson(f));
    std::cout << nlohmann::json{{"sbom", o.file},
                                {"components", components.size()},
                                {"counts", counts},
                                {"kev", kev},
                                {"findings", list}}
                     .dump(2)
              << std::endl;
  } else {
    std::cout << o.file << ": " << components.size() << " components, " << findings.size()
              << " vulnerabilities\n";
    for (const auto& f : findings) {
      std::cout << "  " << f.severity << (f.kev ? " KEV " : " ") << f.vuln_id << "  "
                << f.component_key;
      if (!f.fixed_versions.empty()) std::cout << "  (fixed in " << f.fixed_versions.front() << ")";
      std::cout << "\n";
    }
  }
  std::cout.flush();
  if (o.fail_on_kev && kev) throw CLI::RuntimeError(17);
  if (!o.fail_on.empty()) {
    const int threshold = store::SeverityRank(o.fail_on);
    if (worst <= threshold) throw CLI::RuntimeError(10 + worst);
  }
}

void Rescan(const DbOptions& o) {
  auto store = OpenDb(o);
  store->CreateJob("", "rescan");
  while (auto job = store->ClaimNextJob()) {
    store::RunRescan(*store, *job);
    const auto done = store->GetJob("", job->id);
    std::cout << "rescan " << job->id << ": " << (done ? done->status : "?") << " "
              << (done ? done->result : "") << "\n";
  }
}

}  // namespace

void AddVulnDatabaseCommands(CLI::App& vuln) {
  auto import = std::make_shared<ImportOptions>();
  CLI::App* cmd = vuln.add_subcommand(
      "import",
      "Import advisories into the offline database: osv (all.zip, folder or record), "
      "nvd (CVE API 2.0 pages), kev (CISA catalogue JSON), epss (daily CSV)");
  cmd->add_option("SOURCE", import->source, "osv, nvd, kev or epss")
      ->required()
      ->check(CLI::IsMember({"osv", "nvd", "kev", "epss"}));
  cmd->add_option("PATH", import->path, "File or folder to import")->required();
  AddDataOption(*cmd, import->db.data_dir);
  cmd->add_option("--db", import->db.db, "SQLite database (default: DATA/craft.db)");
  cmd->add_flag("--no-rescan", import->no_rescan, "Do not queue a rescan of stored versions");
  cmd->callback([import]() { Import(*import); });

  auto stats = std::make_shared<DbOptions>();
  CLI::App* db = vuln.add_subcommand("db", "The advisory database");
  db->require_subcommand(1);
  CLI::App* s = db->add_subcommand("stats", "Counts of advisories, KEV entries, EPSS scores");
  AddDataOption(*s, stats->data_dir);
  s->add_option("--db", stats->db, "SQLite database (default: DATA/craft.db)");
  s->callback([stats]() { Stats(*stats); });

  auto scan = std::make_shared<ScanOptions>();
  CLI::App* sc = vuln.add_subcommand(
      "scan",
      "Match an SBOM's components against the advisory database, without a server; exit "
      "10-13 when --fail-on is hit (critical..low), 17 for a KEV finding with "
      "--fail-on-kev, 2 when the SBOM is unreadable");
  sc->add_option("SBOM", scan->file, "The SBOM file")->required();
  AddDataOption(*sc, scan->db.data_dir);
  sc->add_option("--db", scan->db.db, "SQLite database (default: DATA/craft.db)");
  sc->add_option("--fail-on", scan->fail_on, "critical, high, medium or low")
      ->check(CLI::IsMember({"critical", "high", "medium", "low"}));
  sc->add_flag("--fail-on-kev", scan->fail_on_kev, "Exit 17 when a KEV vulnerability is found");
  sc->add_option("--format", scan->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sc->callback([scan]() { Scan(*scan); });

  auto rescan = std::make_shared<DbOptions>();
  CLI::App* rs = vuln.add_subcommand(
      "rescan", "Rescan every stored version now (what a server does after an import)");
  AddDataOption(*rs, rescan->data_dir);
  rs->add_option("--db", rescan->db, "SQLite database (default: DATA/craft.db)");
  rs->callback([rescan]() { Rescan(*rescan); });
}

}  // namespace craft::app
