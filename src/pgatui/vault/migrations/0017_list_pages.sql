-- Issue 18: the case list filtered by phase and ordered by what falls due first seeks its page in
-- an index instead of sorting the whole phase. The expression is DUE_KEY of vault/cases.py (and of
-- migration 0006), kept identical so the index is used.
CREATE INDEX cases_phase_due ON cases(phase, coalesce(follow_up_deadline, next_review_on, '9999-12-31'), id);
