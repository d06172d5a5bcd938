-- The register of organisations (issue 11), the municipality and case director of every case,
-- and organisation ids beside the names in invitations, actions and interventions.
-- Filling these for an existing vault needs the keyring (who created a case, of which
-- organisation and role): pgatui.vault.organisations.migrate_existing does that at the first open.
CREATE TABLE organisations (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL
);

ALTER TABLE cases ADD COLUMN municipality_id INTEGER REFERENCES organisations(id);
ALTER TABLE cases ADD COLUMN director TEXT;
CREATE INDEX cases_municipality ON cases(municipality_id, id);
CREATE INDEX cases_director ON cases(director, id);
-- A signal about a person whose case is past intake: the case is an agenda candidate until it is
-- put on an agenda again.
ALTER TABLE cases ADD COLUMN new_signal_on TEXT;

ALTER TABLE invitations ADD COLUMN organisation_id INTEGER REFERENCES organisations(id);
CREATE INDEX invitations_org_id ON invitations(organisation_id, case_id);
ALTER TABLE actions ADD COLUMN owner_organisation_id INTEGER REFERENCES organisations(id);
ALTER TABLE interventions ADD COLUMN owner_partner_id INTEGER REFERENCES organisations(id);

-- Notices on a dashboard that are not deadlines (a handover: the old and new director are told).
CREATE TABLE notices (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    login      TEXT NOT NULL,
    case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    created_on TEXT NOT NULL,
    seen_on    TEXT
);
CREATE INDEX notices_login ON notices(login, seen_on, id);
