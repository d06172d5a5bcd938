-- Issue 12: the free text of the process is sealed per field under the case's municipality
-- compartment, like the intake (docs/COMPARTMENTS.md, "Which columns are sealed"): the joint
-- weighing (weighings.data), the minutes (minutes.data), interventions (description,
-- evaluation), actions (description), why a dormant file stays open
-- (dormancy_justifications.reason) and the explanation of an "anders" purpose
-- (access_purpose_texts.text). Each table names its row's compartment, as holds and history do;
-- a row whose compartment is NULL was written before this migration and is plain until
-- `pgatui migrate-compartments` seals it. cases.closure_reason needs no column: the case's
-- municipality names its compartment, and a value from before is TEXT (a sealed one a BLOB).
ALTER TABLE weighings ADD COLUMN compartment TEXT;
ALTER TABLE minutes ADD COLUMN compartment TEXT;
ALTER TABLE interventions ADD COLUMN compartment TEXT;
ALTER TABLE actions ADD COLUMN compartment TEXT;
ALTER TABLE dormancy_justifications ADD COLUMN compartment TEXT;
ALTER TABLE access_purpose_texts ADD COLUMN compartment TEXT;
