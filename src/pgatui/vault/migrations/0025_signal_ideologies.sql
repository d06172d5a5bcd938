-- Issue 14: a signal names one or more ideologies. The set itself is read with the signal: it is
-- the sealed `signals.ideology` (a JSON list of codes; rows of before hold one code, which still
-- reads). This table holds one row per ideology of a signal, for the figures to count in SQL: the
-- count token under the signal's compartment (HMAC of "ideology:<code>", docs/COMPARTMENTS.md),
-- or the code itself for a plain signal. A signal in a drop box has no rows until its members
-- take it in. `signals.ideology_token` stays the marker that a sealed row's tokens are written.
CREATE TABLE signal_ideologies (
    signal_id INTEGER NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
    ideology  BLOB NOT NULL,
    PRIMARY KEY (signal_id, ideology)
) WITHOUT ROWID;
-- The one ideology of each sealed signal of before: its token moves as it is (no key needed).
INSERT INTO signal_ideologies(signal_id, ideology)
    SELECT id, ideology_token FROM signals WHERE compartment IS NOT NULL AND ideology_token IS NOT NULL;
-- Plain signals: their code (or a JSON list of codes, written by older tests and tools).
INSERT OR IGNORE INTO signal_ideologies(signal_id, ideology)
    SELECT s.id, j.value FROM signals s,
        json_each(CASE WHEN s.ideology LIKE '[%' THEN s.ideology ELSE json_array(s.ideology) END) j
    WHERE s.compartment IS NULL;
