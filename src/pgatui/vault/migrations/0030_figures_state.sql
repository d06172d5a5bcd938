-- Issue 16 at 100 000 persons: the figures of today (open cases per phase, deadlines passed,
-- dormant files) read every open case of a municipality. From the wide case rows that was a page
-- decrypted per few cases; this index holds every column those counts read, a few per page.
CREATE INDEX cases_state ON cases(municipality_id, phase, follow_up_deadline, next_review_on, last_substantive_on);
-- Deadlines passed, per kind: the reviews due (as 0022's cases_follow_up for the follow-ups).
CREATE INDEX cases_review_due ON cases(next_review_on) WHERE next_review_on IS NOT NULL;
-- Signals per gender read the person of each signal's case: through these two narrow indexes
-- (the case's person and municipality; the person's gender token), not the wide sealed rows.
CREATE INDEX cases_person_link ON cases(id, municipality_id, person_id);
CREATE INDEX persons_gender ON persons(id, compartment, gender_token, gender);
