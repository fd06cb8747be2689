-- Each organisation's Ed25519 key for signing technical-file manifests (manifest.json.sig),
-- created on first use. The private key is PKCS #8 PEM; the database is the trust boundary of a
-- self-hosted installation (keep its file and backups as private as the evidence itself).
CREATE TABLE signing_keys (
  organisation_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
  private_key_pem TEXT NOT NULL,
  public_key_pem TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
