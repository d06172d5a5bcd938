-- The register of backups made from this vault (issue 15): where, when, which key generation,
-- how large. It travels inside the encrypted database; a backup itself carries the register as
-- it was before that backup (the row is written after the copy).
CREATE TABLE backups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    path        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    generation  INTEGER NOT NULL,
    size        INTEGER NOT NULL,
    made_by     TEXT NOT NULL
);
