-- Why someone opened a file outside their own work (issue 15): the audit event holds the purpose's
-- code only; the explanation of "anders" (free text that may name people) is kept here, beside the
-- event's sequence number, and goes with the case when the case is destroyed.
CREATE TABLE access_purpose_texts (
    audit_seq INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    text      TEXT NOT NULL
);
CREATE INDEX access_purpose_texts_case ON access_purpose_texts(case_id);
