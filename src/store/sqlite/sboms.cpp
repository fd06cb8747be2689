// SBOMs: one row per upload (the bytes are in the blob store, named by SHA-256) and one row per
// normalised component, written together.
#include <nlohmann/json.hpp>

#include "core/digest.h"
#include "store/ids.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {
namespace {

const char* const kSbomColumns =
    "s.seq, s.id, s.organisation_id, s.version_id, s.file_name, s.media_type, s.size, s.sha256, "
    "s.format, s.spec_version, s.serial_number, s.valid, s.component_count, s.purl_coverage_pct, "
    "s.versionless_count, s.quality_score, s.grade, s.uploaded_by, s.uploaded_at";

// Columns 1.. of kSbomColumns (0 is seq).
SbomRecord ReadSbom(const Statement& st) {
  SbomRecord r;
  r.id = st.Text(1);
  r.organisation_id = st.Text(2);
  r.version_id = st.Text(3);
  r.file_name = st.Text(4);
  r.media_type = st.Text(5);
  r.size = static_cast<std::uint64_t>(st.Int(6));
  r.sha256 = st.Text(7);
  r.format = st.Text(8);
  r.spec_version = st.Text(9);
  r.serial_number = st.Text(10);
  r.valid = st.Bool(11);
  r.component_count = st.Int(12);
  r.purl_coverage_pct = st.Double(13);
  r.versionless_count = st.Int(14);
  r.quality_score = st.Double(15);
  r.grade = st.Text(16);
  r.uploaded_by = st.Text(17);
  r.uploaded_at = st.Int(18);
  return r;
}

const char* const kComponentColumns =
    "c.seq, c.id, c.sbom_id, c.ref, c.type, c.grp, c.name, c.version, c.purl, c.cpe, c.supplier, "
    "c.licenses, c.hashes";

ComponentRecord ReadComponent(const Statement& st) {
  ComponentRecord r;
  r.id = st.Text(1);
  r.sbom_id = st.Text(2);
  r.ref = st.Text(3);
  r.type = st.Text(4);
  r.group = st.Text(5);
  r.name = st.Text(6);
  r.version = st.Text(7);
  r.purl = st.Text(8);
  r.cpe = st.Text(9);
  r.supplier = st.Text(10);
  const auto licenses = nlohmann::json::parse(st.TextView(11), nullptr, false);
  if (licenses.is_array()) {
    for (const auto& l : licenses) {
      if (l.is_string()) r.licenses.push_back(l.get<std::string>());
    }
  }
  const auto hashes = nlohmann::json::parse(st.TextView(12), nullptr, false);
  if (hashes.is_array()) {
    for (const auto& h : hashes) {
      if (h.is_object()) r.hashes.emplace_back(h.value("alg", ""), h.value("content", ""));
    }
  }
  return r;
}

void InsertComponent(Connection& c, const SbomRecord& sbom, const ComponentRecord& component) {
  nlohmann::json hashes = nlohmann::json::array();
  for (const auto& [alg, value] : component.hashes) {
    hashes.push_back({{"alg", alg}, {"content", value}});
  }
  c.Prepare(
       "INSERT INTO components (id, organisation_id, version_id, sbom_id, ref, type, grp, name, "
       "version, purl, cpe, supplier, licenses, hashes) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(NewUuid())
      .Bind(sbom.organisation_id)
      .Bind(sbom.version_id)
      .Bind(sbom.id)
      .Bind(component.ref)
      .Bind(component.type)
      .Bind(component.group)
      .Bind(component.name)
      .Bind(component.version)
      .Bind(component.purl)
      .Bind(component.cpe)
      .Bind(component.supplier)
      .Bind(nlohmann::json(component.licenses).dump())
      .Bind(hashes.dump())
      .Run();
}

nlohmann::json SbomAuditJson(const SbomRecord& s) {
  return {{"id", s.id},
          {"version_id", s.version_id},
          {"file_name", s.file_name},
          {"sha256", s.sha256},
          {"size", s.size},
          {"format", s.format},
          {"spec_version", s.spec_version},
          {"valid", s.valid},
          {"component_count", s.component_count},
          {"quality_score", s.quality_score}};
}

}  // namespace

SbomRecord SqliteStore::CreateSbom(const SbomRecord& sbom,
                                   const std::vector<ComponentRecord>& components,
                                   const Actor& actor) {
  Require(core::IsSha256Hex(sbom.sha256), "sha256 must be 64 lowercase hexadecimal characters");
  return Write([&](Connection& c) {
    if (!FindVersion(c, sbom.organisation_id, sbom.version_id)) {
      ThrowNotFound("version", sbom.version_id);
    }
    SbomRecord created = sbom;
    created.id = NewUuid();
    created.uploaded_at = Now();
    c.Prepare(
         "INSERT INTO sboms (id, organisation_id, version_id, file_name, media_type, size, "
         "sha256, format, spec_version, serial_number, valid, component_count, purl_coverage_pct, "
         "versionless_count, quality_score, grade, report, uploaded_by, uploaded_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .Bind(created.id)
        .Bind(created.organisation_id)
        .Bind(created.version_id)
        .Bind(created.file_name)
        .Bind(created.media_type)
        .Bind(static_cast<std::int64_t>(created.size))
        .Bind(created.sha256)
        .Bind(created.format)
        .Bind(created.spec_version)
        .Bind(created.serial_number)
        .Bind(created.valid)
        .Bind(created.component_count)
        .Bind(created.purl_coverage_pct)
        .Bind(created.versionless_count)
        .Bind(created.quality_score)
        .Bind(created.grade)
        .Bind(created.report)
        .Bind(created.uploaded_by)
        .Bind(created.uploaded_at)
        .Run();
    for (const ComponentRecord& component : components) InsertComponent(c, created, component);
    AppendAudit(c, actor,
                {created.organisation_id, "sbom.create", "sbom", created.id, "",
                 SbomAuditJson(created).dump()});
    return created;
  });
}

std::optional<SbomRecord> SqliteStore::GetSbom(const std::string& org_id,
                                               const std::string& sbom_id) {
  static const std::string sql = std::string("SELECT ") + kSbomColumns +
                                 ", s.report FROM sboms s WHERE s.id = ? AND s.organisation_id = ?";
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(sbom_id).Bind(org_id);
  if (!st.Step()) return std::nullopt;
  SbomRecord r = ReadSbom(st);
  r.report = st.Text(19);
  return r;
}

Page<SbomRecord> SqliteStore::ListSboms(const std::string& org_id, const std::string& version_id,
                                        const PageRequest& page) {
  static const std::string sql =
      std::string("SELECT ") + kSbomColumns +
      " FROM sboms s WHERE s.version_id = ? AND s.organisation_id = ? AND s.seq > ? "
      "ORDER BY s.seq LIMIT ?";
  const int limit = ClampLimit(page.limit);
  ConnectionPool::Lease lease = pool_.Acquire();
  if (!FindVersion(*lease, org_id, version_id)) ThrowNotFound("version", version_id);
  Statement st = lease->Prepare(sql);
  st.Bind(version_id).Bind(org_id).Bind(DecodeCursor(page.cursor)).Bind(limit + 1);
  return ReadPage<SbomRecord>(st, limit, ReadSbom);
}

std::vector<SbomRecord> SqliteStore::SbomsOf(const std::string& org_id,
                                             const std::string& version_id) {
  static const std::string sql = std::string("SELECT ") + kSbomColumns +
                                 " FROM sboms s WHERE s.version_id = ? AND s.organisation_id = ? "
                                 "ORDER BY s.seq";
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(version_id).Bind(org_id);
  std::vector<SbomRecord> out;
  while (st.Step()) out.push_back(ReadSbom(st));
  return out;
}

Page<ComponentRecord> SqliteStore::ListComponents(const std::string& org_id,
                                                  const std::string& version_id,
                                                  const ComponentQuery& query,
                                                  const PageRequest& page) {
  static const std::string sql =
      std::string("SELECT ") + kComponentColumns +
      " FROM components c WHERE c.version_id = ? AND c.organisation_id = ? AND c.seq > ? "
      "AND (? = '' OR instr(lower(c.name), lower(?)) > 0 OR instr(lower(c.grp), lower(?)) > 0 "
      "OR instr(lower(c.purl), lower(?)) > 0) AND (? = '' OR c.type = ?) ORDER BY c.seq LIMIT ?";
  const int limit = ClampLimit(page.limit);
  ConnectionPool::Lease lease = pool_.Acquire();
  if (!FindVersion(*lease, org_id, version_id)) ThrowNotFound("version", version_id);
  Statement st = lease->Prepare(sql);
  st.Bind(version_id).Bind(org_id).Bind(DecodeCursor(page.cursor));
  st.Bind(query.q).Bind(query.q).Bind(query.q).Bind(query.q);
  st.Bind(query.type).Bind(query.type).Bind(limit + 1);
  return ReadPage<ComponentRecord>(st, limit, ReadComponent);
}

std::vector<ComponentRecord> SqliteStore::ComponentsOf(const std::string& org_id,
                                                       const std::string& version_id) {
  static const std::string sql =
      std::string("SELECT ") + kComponentColumns +
      " FROM components c WHERE c.version_id = ? AND c.organisation_id = ? ORDER BY c.seq";
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(sql);
  st.Bind(version_id).Bind(org_id);
  std::vector<ComponentRecord> out;
  while (st.Step()) out.push_back(ReadComponent(st));
  return out;
}

}  // namespace craft::store::sqlite
