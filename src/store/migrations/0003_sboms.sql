-- craft schema 3: SBOMs of a version and their normalised components.
--
-- An SBOM row describes one upload: the original bytes are in the blob store (named by `sha256`,
-- served back unchanged), the check result is kept whole in `report` (JSON: validation, summary,
-- the three profile reports, score) and its headline figures in columns for lists and readiness.
-- PostgreSQL: REAL is DOUBLE PRECISION there.

CREATE TABLE sboms (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
  file_name TEXT NOT NULL DEFAULT '',
  media_type TEXT NOT NULL DEFAULT '',
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  spec_version TEXT NOT NULL,
  serial_number TEXT NOT NULL DEFAULT '',
  valid INTEGER NOT NULL,
  component_count INTEGER NOT NULL,
  purl_coverage_pct REAL NOT NULL,
  versionless_count INTEGER NOT NULL,
  quality_score REAL NOT NULL,
  grade TEXT NOT NULL,
  report TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL
);
CREATE INDEX sboms_by_version ON sboms (version_id, seq);
CREATE INDEX sboms_by_organisation ON sboms (organisation_id, seq);

-- One row per component of an SBOM (nested ones flattened). `licenses` and `hashes` are JSON
-- arrays; `licenses` holds ids, names or expressions as written, declared first.
CREATE TABLE components (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
  sbom_id TEXT NOT NULL REFERENCES sboms (id) ON DELETE CASCADE,
  ref TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  grp TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  version TEXT NOT NULL DEFAULT '',
  purl TEXT NOT NULL DEFAULT '',
  cpe TEXT NOT NULL DEFAULT '',
  supplier TEXT NOT NULL DEFAULT '',
  licenses TEXT NOT NULL DEFAULT '[]',
  hashes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX components_by_version ON components (version_id, seq);
CREATE INDEX components_by_sbom ON components (sbom_id);
CREATE INDEX components_by_purl ON components (organisation_id, purl);
