-- Case ids and case numbers are never reused, not even after a destruction: the audit log
-- (case:N) and the destruction records (PGA-YYYY-NNNNN) name them. SQLite would hand out the
-- id of a destroyed newest case again, so new ids come from a high-water mark kept here.
CREATE TABLE id_watermarks (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO id_watermarks(name, value) VALUES ('cases', max(
    coalesce((SELECT max(id) FROM cases), 0),
    coalesce((SELECT max(CAST(substr(case_number, 10) AS INTEGER)) FROM destruction_records), 0)));
