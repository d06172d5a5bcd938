-- Settings of the vault, the retention policy versions in force, and more proof per destruction.

-- One row per changed setting (absent: the default of pgatui.domain.settings). Value as JSON.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Who changed which setting, when, from what to what (settings hold no personal data).
CREATE TABLE settings_history (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    old   TEXT,
    new   TEXT NOT NULL,
    actor TEXT NOT NULL,
    at    TEXT NOT NULL
);

-- Every retention policy ever installed; the newest row is in force. A version is never
-- changed or removed, so toezicht can always see under which policy a case was destroyed.
CREATE TABLE retention_policies (
    id           INTEGER PRIMARY KEY,
    version      TEXT NOT NULL UNIQUE,
    body         TEXT NOT NULL,
    installed_by TEXT NOT NULL,
    installed_at TEXT NOT NULL
);
CREATE TRIGGER retention_policies_no_update BEFORE UPDATE ON retention_policies
BEGIN
    SELECT RAISE(ABORT, 'retention policy versions are never changed');
END;
CREATE TRIGGER retention_policies_no_delete BEFORE DELETE ON retention_policies
BEGIN
    SELECT RAISE(ABORT, 'retention policy versions are never removed');
END;

-- The destruction proof also names the deadline, the policy version and the second confirmer.
ALTER TABLE destruction_records ADD COLUMN deadline TEXT;
ALTER TABLE destruction_records ADD COLUMN policy_version TEXT;
ALTER TABLE destruction_records ADD COLUMN confirmed_by TEXT;
