-- Case data: persons, cases, signals, holds, field history, destruction proof, full-text search.
CREATE TABLE persons (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    bsn           TEXT
);
CREATE INDEX persons_dob ON persons(date_of_birth);

CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY,
    number              TEXT NOT NULL UNIQUE,
    person_id           INTEGER NOT NULL REFERENCES persons(id),
    phase               TEXT NOT NULL,
    owner               TEXT NOT NULL,
    opened_on           TEXT NOT NULL,
    last_substantive_on TEXT NOT NULL,
    closed_on           TEXT,
    closure_reason      TEXT,
    last_outcome        TEXT,
    follow_up_deadline  TEXT,
    next_review_on      TEXT
);
CREATE INDEX cases_phase ON cases(phase, id);
CREATE INDEX cases_owner ON cases(owner, id);
CREATE INDEX cases_person ON cases(person_id);

CREATE TABLE signals (
    id                 INTEGER PRIMARY KEY,
    case_id            INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    received_on        TEXT NOT NULL,
    received_by        TEXT NOT NULL,
    source_kind        TEXT NOT NULL,
    observed_facts     TEXT NOT NULL,
    interpretation     TEXT NOT NULL,
    ideology           TEXT NOT NULL,
    urgency            TEXT NOT NULL,
    special_categories TEXT NOT NULL DEFAULT '[]',
    recorded_by        TEXT NOT NULL
);
CREATE INDEX signals_case ON signals(case_id);

CREATE TABLE holds (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    reason    TEXT NOT NULL,
    owner     TEXT NOT NULL,
    ends_on   TEXT NOT NULL,
    lifted_on TEXT,
    placed_by TEXT NOT NULL
);
CREATE INDEX holds_case ON holds(case_id);

-- Who changed what and when; destroyed with the case (it holds content).
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    field     TEXT NOT NULL,
    old       TEXT,
    new       TEXT,
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX history_case ON history(case_id, id);

-- Proof of destruction: case number, rule, date, actor. Never personal data.
CREATE TABLE destruction_records (
    id           INTEGER PRIMARY KEY,
    case_number  TEXT NOT NULL,
    rule_id      TEXT NOT NULL,
    destroyed_on TEXT NOT NULL,
    actor        TEXT NOT NULL
);

-- One row per case (rowid = case id): the person's name and the text of the signals.
CREATE VIRTUAL TABLE search_index USING fts5(
    name, text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
-- Deleted rows leave no tokens behind in the index (destruction must leave nothing findable).
INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1);
