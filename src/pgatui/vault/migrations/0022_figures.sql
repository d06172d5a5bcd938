-- Issue 16, the figures screen: counts per period are computed in SQL. These indexes let the
-- period filters seek instead of scanning every signal, case and weighing of the vault.
CREATE INDEX signals_received ON signals(received_on, case_id);
CREATE INDEX cases_opened ON cases(opened_on);
CREATE INDEX weighings_held ON weighings(held_on, case_id);
-- Whether all three core partners were present at a weighing with their view recorded (the
-- letter's core demand). The weighing's JSON is deflated, so SQL cannot read it: the column is
-- written with the weighing; NULL means not yet known (rows stored before this migration, filled
-- the first time the figures are read).
ALTER TABLE weighings ADD COLUMN core_complete INTEGER;
-- The municipality of a destroyed case, so destructions can be counted per municipality (records
-- written before this migration have none and count only in the figures of every municipality).
ALTER TABLE destruction_records ADD COLUMN municipality_id INTEGER;
