-- Issue 11, accountable process: disposals of signals as duplicate or error, the criminal track
-- that runs alongside the PGA, and why a dormant open file stays open.

-- The proof of every disposal without a weighing (a duplicate or an error). No personal data:
-- case numbers, the kind, the users and the moment, so the FG can read it and it outlives the
-- case (like destruction_records, no foreign key: destroying the case keeps the proof).
CREATE TABLE disposals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_number  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    other_number TEXT,
    actor        TEXT NOT NULL,
    confirmed_by TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE TRIGGER disposals_no_update BEFORE UPDATE ON disposals
BEGIN
    SELECT RAISE(ABORT, 'disposal records are never changed');
END;

-- The criminal track of the latest binding weighing of a case (the weighing JSON keeps it too;
-- this row lets the dashboard find release dates without reading every weighing).
CREATE TABLE criminal_tracks (
    case_id             INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    track               TEXT NOT NULL,
    expected_release_on TEXT,
    weighing_id         INTEGER NOT NULL
);
CREATE INDEX criminal_tracks_release ON criminal_tracks(expected_release_on);

-- Why a dormant open file stays open: each justification restarts the dormancy clock.
CREATE TABLE dormancy_justifications (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    justified_on TEXT NOT NULL,
    reason       TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE INDEX dormancy_case ON dormancy_justifications(case_id, justified_on);
CREATE INDEX cases_substantive ON cases(last_substantive_on, id);
