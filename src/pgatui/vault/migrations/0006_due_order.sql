-- The case list can be paged by what falls due first: a "more information" deadline or the
-- next review. One expression, kept identical in vault/cases.py (DUE_KEY), so the index is used.
CREATE INDEX cases_due ON cases(coalesce(follow_up_deadline, next_review_on, '9999-12-31'), id);
