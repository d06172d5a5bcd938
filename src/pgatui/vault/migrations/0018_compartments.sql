-- Compartments (issue 12, docs/COMPARTMENTS.md): person and signal content is sealed per field
-- under the key of the case's municipality compartment; the data key opens only plain columns.
-- Numbered 0018: db.migrate applies only numbers above user_version, and existing vaults are at
-- 0017 already. Rows already in such a vault stay plain (compartment NULL) until the beheerder's
-- `pgatui vault migrate-compartments` seals them (vault/compartment_migration.py).
-- The sealed columns keep their declared type: SQLite stores a BLOB as a BLOB in a TEXT column,
-- and a NOT NULL column holds the placeholder X'' between the INSERT and the UPDATE that seals
-- it with the row id. A row with compartment NULL is from before this migration (plain).
ALTER TABLE persons ADD COLUMN compartment TEXT;
-- The duplicate check at intake: HMAC of name + date of birth under the compartment's search key.
ALTER TABLE persons ADD COLUMN match_token BLOB;
CREATE INDEX persons_match ON persons(match_token, compartment);
-- It ordered the date of birth: an index would keep sealed values' neighbours as dividers, and
-- sealed values have no order.
DROP INDEX persons_dob;
ALTER TABLE signals ADD COLUMN compartment TEXT;
-- A blind category token beside the sealed ideology (HMAC of the enum value under the search
-- key): a member can GROUP BY it and map tokens back to labels (issue 16's figures in SQL).
ALTER TABLE signals ADD COLUMN ideology_token BLOB;
CREATE INDEX signals_ideology ON signals(compartment, ideology_token);
-- Free-text columns of the process, sealed like the intake (docs/COMPARTMENTS.md, the table).
ALTER TABLE holds ADD COLUMN compartment TEXT;
ALTER TABLE history ADD COLUMN compartment TEXT;
ALTER TABLE informing ADD COLUMN compartment TEXT;
ALTER TABLE reviews ADD COLUMN compartment TEXT;
-- A small number per compartment keeps the blind index rows short.
CREATE TABLE compartment_numbers (
    no INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE
);
-- As vault/blind_index.py SCHEMA: (compartment, token, case) and each case's packed token list.
CREATE TABLE blind_index (
    compartment_no INTEGER NOT NULL,
    token          BLOB NOT NULL,
    owner          INTEGER NOT NULL,
    PRIMARY KEY (compartment_no, token, owner)
) WITHOUT ROWID;
CREATE TABLE blind_index_owners (
    compartment_no INTEGER NOT NULL,
    owner          INTEGER NOT NULL,
    tokens         BLOB NOT NULL,
    PRIMARY KEY (compartment_no, owner)
) WITHOUT ROWID;
-- The full-text index held names and signal texts in plain: gone, the blind index replaces it.
DROP TABLE search_index;
-- What was shared with a partner organisation (today: the person's name of a case it was
-- invited to), re-sealed under `partner:<organisation id>`: the partner holds no key of the
-- municipality. `value` is a drop box of the partner compartment (or, after a re-key by a
-- member, a sealed field), associated data `shared_copies|<field>|<case id>`. A destroyed case
-- takes its copies with it.
CREATE TABLE shared_copies (
    compartment TEXT NOT NULL,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    value       BLOB NOT NULL,
    PRIMARY KEY (compartment, case_id, field)
) WITHOUT ROWID;
CREATE INDEX shared_copies_case ON shared_copies(case_id);
