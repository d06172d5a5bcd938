-- Issue 18: the dashboard's retention alerts take the closed cases whose term ran out first (ORDER
-- BY the date the term runs from, LIMIT), and the figures count those past their term. Both read
-- every closed case of an outcome and sorted them (25-44 ms an outcome at 100 000 persons); these
-- indexes hold the closed cases in the order of that date, one per kind of date (the expressions
-- are vault.figures._LATEST and EVENT_DATES["closure"], and must stay equal to them).
CREATE INDEX cases_closed_latest ON cases(last_outcome,
    max(last_substantive_on, coalesce(closed_on, last_substantive_on)), number, municipality_id)
    WHERE phase = 'afgesloten';
CREATE INDEX cases_closed_closure ON cases(last_outcome,
    coalesce(closed_on, max(last_substantive_on, coalesce(closed_on, last_substantive_on))), number, municipality_id)
    WHERE phase = 'afgesloten';
