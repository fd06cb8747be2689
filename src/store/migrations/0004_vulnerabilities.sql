-- craft schema 4: the offline advisory database (OSV, NVD, CISA KEV, EPSS), the findings of each
-- version with their triage, and background jobs.
--
-- Advisories are shared by every organisation (public data). Each record is kept whole in
-- `record` (craft's JSON of vuln::advisory::Advisory, the OSV schema plus NVD's configurations),
-- and the keys the matcher looks up are in advisory_packages (ecosystem + normalised name) and
-- advisory_cpes (vendor + product). A withdrawn advisory keeps its row but loses its keys.
-- PostgreSQL: REAL is DOUBLE PRECISION there.

CREATE TABLE advisories (
  source TEXT NOT NULL CHECK (source IN ('osv', 'nvd')),
  id TEXT NOT NULL,
  modified TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  withdrawn TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  record TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (source, id)
);
-- Covers the incremental import's look-up of `modified`: the table's rows hold whole records
-- (kilobytes each), this index only the keys.
CREATE INDEX advisories_modified ON advisories (source, id, modified);

CREATE TABLE advisory_aliases (
  alias TEXT NOT NULL,
  source TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  PRIMARY KEY (alias, source, advisory_id)
);
CREATE INDEX advisory_aliases_by_advisory ON advisory_aliases (source, advisory_id);

CREATE TABLE advisory_packages (
  ecosystem_base TEXT NOT NULL,
  normalized_name TEXT NOT NULL,
  source TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  PRIMARY KEY (ecosystem_base, normalized_name, source, advisory_id)
);
CREATE INDEX advisory_packages_by_advisory ON advisory_packages (source, advisory_id);

CREATE TABLE advisory_cpes (
  vendor TEXT NOT NULL,
  product TEXT NOT NULL,
  source TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  PRIMARY KEY (vendor, product, source, advisory_id)
);
CREATE INDEX advisory_cpes_by_advisory ON advisory_cpes (source, advisory_id);

CREATE TABLE kev_entries (
  cve_id TEXT PRIMARY KEY,
  vendor_project TEXT NOT NULL DEFAULT '',
  product TEXT NOT NULL DEFAULT '',
  vulnerability_name TEXT NOT NULL DEFAULT '',
  date_added TEXT NOT NULL DEFAULT '',
  due_date TEXT NOT NULL DEFAULT '',
  known_ransomware_campaign_use TEXT NOT NULL DEFAULT '',
  short_description TEXT NOT NULL DEFAULT '',
  required_action TEXT NOT NULL DEFAULT ''
);

CREATE TABLE epss_scores (
  cve TEXT PRIMARY KEY,
  epss REAL NOT NULL,
  percentile REAL NOT NULL,
  score_date TEXT NOT NULL DEFAULT '',
  model_version TEXT NOT NULL DEFAULT ''
);

-- One row per import run: what it read and what it changed.
CREATE TABLE advisory_imports (
  seq INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  origin TEXT NOT NULL,
  added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  finished_at INTEGER NOT NULL
);

-- A vulnerability found in a component of a version. `component_key` is "purl" or
-- "name@version" when there is no purl: the identity that triage carries over between versions.
-- `resolved_at` is set when a later scan no longer finds it (kept for the record).
CREATE TABLE findings (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
  component_key TEXT NOT NULL,
  component_name TEXT NOT NULL DEFAULT '',
  component_version TEXT NOT NULL DEFAULT '',
  component_purl TEXT NOT NULL DEFAULT '',
  vuln_id TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]',
  summary TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL DEFAULT 'unknown',
  cvss_score REAL,
  cvss_vector TEXT NOT NULL DEFAULT '',
  kev INTEGER NOT NULL DEFAULT 0,
  kev_date_added TEXT NOT NULL DEFAULT '',
  kev_due_date TEXT NOT NULL DEFAULT '',
  kev_ransomware INTEGER NOT NULL DEFAULT 0,
  epss REAL,
  epss_percentile REAL,
  fixed_versions TEXT NOT NULL DEFAULT '[]',
  refs TEXT NOT NULL DEFAULT '[]',
  match_method TEXT NOT NULL DEFAULT '',
  confidence TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'under_investigation' CHECK (status IN
    ('under_investigation', 'affected', 'not_affected', 'fixed', 'false_positive')),
  justification TEXT NOT NULL DEFAULT '',
  responses TEXT NOT NULL DEFAULT '[]',
  detail TEXT NOT NULL DEFAULT '',
  impact_statement TEXT NOT NULL DEFAULT '',
  analysed_by TEXT NOT NULL DEFAULT '',
  analysed_at INTEGER,
  carried_over_from TEXT NOT NULL DEFAULT '',
  first_seen_at INTEGER NOT NULL,
  resolved_at INTEGER,
  UNIQUE (version_id, component_key, vuln_id)
);
CREATE INDEX findings_by_version ON findings (version_id, seq);
CREATE INDEX findings_by_vulnerability ON findings (organisation_id, vuln_id);
CREATE INDEX findings_by_component ON findings (organisation_id, component_key, vuln_id);

CREATE TABLE jobs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  organisation_id TEXT,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  result TEXT NOT NULL DEFAULT '{}',
  error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  finished_at INTEGER
);
