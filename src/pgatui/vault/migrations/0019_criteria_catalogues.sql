-- The criteria catalogues adopted in this vault (issue 14): the shipped versions when the vault
-- is made or first opened after this migration (vault.criteria.adopt_shipped), then every version
-- a gemeente user or the beheerder adopts, with its reason. The newest row is in force. They live
-- inside the encrypted database, so backups carry them. No personal data.
CREATE TABLE criteria_catalogues (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     TEXT NOT NULL UNIQUE,
    body        TEXT NOT NULL,  -- the catalogue as JSON (domain.criteria.Catalogue)
    reason      TEXT NOT NULL,
    adopted_by  TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
