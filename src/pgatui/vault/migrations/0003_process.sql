-- The process after intake: weighings, case meetings with agenda, invitations and minutes,
-- interventions, action items, informing decisions and reviews. Everything about a case
-- cascades from it, so destroying the case removes it all (secure_delete overwrites the pages).

-- Ids named in the audit log (weighing:N, action:N, intervention:N) are never reused after a
-- destruction: AUTOINCREMENT. (Cases get the same guarantee in 0005.)

-- A weighing is one record the domain rebuilds whole (participants, views, conclusion,
-- confirmations): kept as its validated JSON, with the columns the lists and checks need.
CREATE TABLE weighings (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    held_on           TEXT NOT NULL,
    catalogue_version TEXT NOT NULL,
    concluded         INTEGER NOT NULL DEFAULT 0,
    outcome           TEXT,
    data              TEXT NOT NULL,
    opened_by         TEXT NOT NULL
);
CREATE INDEX weighings_case ON weighings(case_id, id);
CREATE INDEX weighings_open ON weighings(concluded, case_id);

-- A meeting holds no personal data of the persons discussed: date, chair, attendance of officials.
CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    held_on    TEXT NOT NULL,
    chair      TEXT NOT NULL,
    attendance TEXT NOT NULL DEFAULT '[]',
    planned_by TEXT NOT NULL
);
CREATE INDEX meetings_date ON meetings(held_on, id);

CREATE TABLE agenda_items (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    PRIMARY KEY (meeting_id, case_id)
);
CREATE INDEX agenda_case ON agenda_items(case_id);

-- A partner organisation sees a case only through an invitation for that case.
CREATE TABLE invitations (
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    organisation TEXT NOT NULL,
    PRIMARY KEY (meeting_id, case_id, organisation)
);
CREATE INDEX invitations_org ON invitations(organisation, case_id);

CREATE TABLE minutes (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    data         TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (meeting_id, case_id)
);
CREATE INDEX minutes_case ON minutes(case_id);
CREATE INDEX minutes_status ON minutes(status, meeting_id);

CREATE TABLE interventions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    owner_partner TEXT NOT NULL,
    starts_on     TEXT NOT NULL,
    evaluate_on   TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    evaluated_on  TEXT,
    evaluation    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interventions_case ON interventions(case_id);
CREATE INDEX interventions_due ON interventions(status, evaluate_on);

CREATE TABLE actions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id            INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    description        TEXT NOT NULL,
    owner              TEXT NOT NULL,
    owner_organisation TEXT NOT NULL,
    due_on             TEXT NOT NULL,
    done_on            TEXT,
    done_by            TEXT
);
CREATE INDEX actions_case ON actions(case_id);
CREATE INDEX actions_owner ON actions(owner, done_on, due_on);

CREATE TABLE informing (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    informed_on   TEXT,
    informed_by   TEXT,
    reason_not_to TEXT,
    reconsider_on TEXT,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX informing_case ON informing(case_id, id);

CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    reviewed_on  TEXT NOT NULL,
    still_needed INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    reviewed_by  TEXT NOT NULL
);
CREATE INDEX reviews_case ON reviews(case_id, id);
CREATE INDEX cases_review ON cases(next_review_on);
