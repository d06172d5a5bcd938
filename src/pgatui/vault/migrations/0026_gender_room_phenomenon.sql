-- Issue 16: the person's gender, sealed like the date of birth (NULL in rows of before: read as
-- "onbekend"), with a count token under the person's compartment (HMAC of "gender:<code>") so the
-- figures count per gender in SQL without opening a value; NULL for a plain row or one not taken in.
ALTER TABLE persons ADD COLUMN gender TEXT;
ALTER TABLE persons ADD COLUMN gender_token BLOB;
-- Issue 14: the room's view of the phenomenon at a weighing (kept in the weighing itself), one row
-- per ideology for the figures: the token under the case's compartment, or the code for a plain case.
CREATE TABLE weighing_ideologies (
    weighing_id INTEGER NOT NULL REFERENCES weighings(id) ON DELETE CASCADE,
    ideology    BLOB NOT NULL,
    PRIMARY KEY (weighing_id, ideology)
) WITHOUT ROWID;
