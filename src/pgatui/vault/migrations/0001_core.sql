-- The vault's own tables: metadata (incl. the audit key) and the audit chain.
CREATE TABLE vault_meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

-- One row per audit event; `hash` chains it to the previous event (see vault/audit.py).
-- Ids only: never case content, never a secret.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_id   TEXT,
    result      TEXT NOT NULL,
    workstation TEXT NOT NULL,
    purpose     TEXT,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_actor_at ON audit_log(actor, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
