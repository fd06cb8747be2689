-- A counter that every write to the advisory database (OSV and NVD records, the KEV catalogue,
-- the EPSS scores) raises in its own transaction. A server keeps the candidate advisories of its
-- scans in memory (store/scan_cache.h) while the counter is unchanged, so a write by any process
-- sharing the database (an import beside the server) makes the next scan read them again.
CREATE TABLE advisory_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO advisory_generation (id, generation) VALUES (1, 0);
