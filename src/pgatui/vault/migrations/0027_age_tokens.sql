-- Issue 16 item 4 (issue 18): signals by age band are counted in SQL. The date of birth is sealed
-- per compartment, so beside each sealed signal a blind token of the person's age band at the
-- signal's date is kept: HMAC under the compartment's search key of 'age:<band>' (as the
-- ideology token). Written at intake, at the import of a drop box and at a re-seal; existing
-- sealed signals are given theirs by the next session of a member (cases.fill_age_tokens).
ALTER TABLE signals ADD COLUMN age_token BLOB;
-- The signals still without one (the backfill finds them by compartment without a scan).
CREATE INDEX signals_age_missing ON signals(compartment) WHERE age_token IS NULL AND compartment IS NOT NULL;
-- The figures read the tokens from the period index, never from the wide signal rows (the sealed
-- ideology of 0022's index made it wide and is not what a member counts; plain rows are rare).
DROP INDEX IF EXISTS signals_figures;
CREATE INDEX signals_figures ON signals(received_on, case_id, source_kind, compartment, ideology_token, age_token);
