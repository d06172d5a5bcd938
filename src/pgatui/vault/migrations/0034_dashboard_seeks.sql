-- Issue 18: the dashboard's lists that read far more rows than they show, at 100 000 persons.
-- The open files in the order of their last substantive event (the longest quiet first: 36 000 quiet
-- files were read and sorted for 20; vault.accountable.first_dormant_cases names it).
-- Municipality and director in the index: a gemeente user's or a director's own are picked from it
-- without reading the other files' rows.
CREATE INDEX cases_open_quiet ON cases(last_substantive_on, id, municipality_id, director)
    WHERE phase NOT IN ('afgesloten', 'vernietigd');
-- Running interventions in the order of their evaluation date (two status ranges were merged and
-- sorted: 4 000 rows for 20).
CREATE INDEX interventions_running_due ON interventions(evaluate_on)
    WHERE status IN ('gepland', 'lopend');
-- Open action items of a person or an organisation (every open item was read to find a user's few).
CREATE INDEX actions_open_of_owner ON actions(lower(owner), due_on) WHERE done_on IS NULL;
CREATE INDEX actions_open_of_organisation ON actions(owner_organisation_id, due_on) WHERE done_on IS NULL;
-- The open cases' follow-up deadlines and review dates in date order: the dashboard's passed
-- deadlines walk each kind's own index and stop at the first 20 of the user's (vault.cases
-- DEADLINE_KINDS); the union of every passed deadline was read and sorted (8 000 rows).
CREATE INDEX cases_open_follow_up ON cases(follow_up_deadline, id)
    WHERE follow_up_deadline IS NOT NULL AND phase NOT IN ('afgesloten', 'vernietigd');
CREATE INDEX cases_open_review ON cases(next_review_on, id)
    WHERE next_review_on IS NOT NULL AND phase NOT IN ('afgesloten', 'vernietigd');
