-- Issue 16 at 100 000 persons: the figures of today (open cases per phase, deadlines passed,
-- dormant files) read every open case of a municipality. From the wide case rows that was a page
-- decrypted per few cases; this index holds every column those counts read, a few per page.
CREATE INDEX cases_state ON cases(municipality_id, phase, follow_up_deadline, next_review_on, last_substantive_on);
-- Deadlines passed, per kind: the reviews due (as 0022's cases_follow_up for the follow-ups).
CREATE INDEX cases_review_due ON cases(next_review_on) WHERE next_review_on IS NOT NULL;
