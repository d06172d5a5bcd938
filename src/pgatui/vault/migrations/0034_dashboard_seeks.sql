-- Issue 18: the dashboard's three lists that read far more rows than they show, at 100 000 persons.
-- The open files in the order of their last substantive event (the longest quiet first: 36 000 quiet
-- files were read and sorted for 20; vault.accountable.first_dormant_cases names it).
CREATE INDEX cases_open_quiet ON cases(last_substantive_on, id)
    WHERE phase NOT IN ('afgesloten', 'vernietigd');
-- Running interventions in the order of their evaluation date (two status ranges were merged and
-- sorted: 4 000 rows for 20).
CREATE INDEX interventions_running_due ON interventions(evaluate_on)
    WHERE status IN ('gepland', 'lopend');
-- Open action items of a person or an organisation (every open item was read to find a user's few).
CREATE INDEX actions_open_of_owner ON actions(lower(owner), due_on) WHERE done_on IS NULL;
CREATE INDEX actions_open_of_organisation ON actions(owner_organisation_id, due_on) WHERE done_on IS NULL;
