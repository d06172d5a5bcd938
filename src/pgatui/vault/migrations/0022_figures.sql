-- Issue 16, the figures screen: counts per period are computed in SQL. Signals and weighings are
-- wide rows (the observed facts; the deflated weighing), and every page read is a page decrypted:
-- these indexes hold every column the figures read, so the counts never touch those rows.
-- Whether all three core partners were present at a weighing with their view recorded (the
-- letter's core demand). The weighing's JSON is deflated, so SQL cannot read it: the column is
-- written with the weighing; NULL means not yet known (rows stored before this migration, filled
-- the first time the figures are read).
ALTER TABLE weighings ADD COLUMN core_complete INTEGER;
CREATE INDEX weighings_core_unknown ON weighings(id) WHERE core_complete IS NULL;
CREATE INDEX signals_figures ON signals(received_on, case_id, source_kind, ideology);
CREATE INDEX signals_first ON signals(case_id, received_on);
CREATE INDEX weighings_figures ON weighings(held_on, case_id, concluded, outcome, core_complete);
CREATE INDEX weighings_case_outcome ON weighings(case_id, outcome, held_on);
CREATE INDEX cases_figures ON cases(opened_on, municipality_id, phase);
CREATE INDEX cases_closed ON cases(phase, last_outcome, closed_on, last_substantive_on, municipality_id);
-- Deadlines passed today (the figures and the dashboard): only the rows that have one.
CREATE INDEX cases_follow_up ON cases(follow_up_deadline) WHERE follow_up_deadline IS NOT NULL;
CREATE INDEX actions_open_due ON actions(due_on) WHERE done_on IS NULL;
-- The municipality of a destroyed case, so destructions can be counted per municipality (records
-- written before this migration have none and count only in the figures of every municipality).
ALTER TABLE destruction_records ADD COLUMN municipality_id INTEGER;
