-- Version 12: indexes for Oversigt. Its hours accounting sums the sessions of every running
-- agreement in the database (SessionTotals: by course, planned start within
-- the agreement, and status). With the summed columns in the index the sums
-- read only the index, never the session rows with their sealed notes, so
-- the 2,000 running agreements of a large organisation cost a few index
-- ranges instead of 150,000 row look-ups.
--
-- It starts with (course_id, planned_start), so it serves every query the
-- index it replaces served (the course page, status reports, a course's
-- sessions in a range).
CREATE INDEX sessions_course_hours ON sessions (course_id, planned_start, status, planned_end, contact_min, transport_min, admin_min);
DROP INDEX sessions_course_start;

-- Oversigt's "Borgere" figure counts the citizens that are not archived
-- (CountCitizens) from this small index instead of every citizen's row.
CREATE INDEX citizens_archived ON citizens (archived);
