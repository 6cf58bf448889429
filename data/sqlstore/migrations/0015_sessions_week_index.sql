-- Version 15: the week of every mentor (calendar, SessionStarts and the
-- first sessions of each moment) reads the sessions starting in a week
-- with their end and mentor. With those columns in the index the read is
-- one index range and no look-up of each session's row: at 1,000,000
-- sessions the week's 2,500 rows were 2,500 scattered table reads (8 of
-- its 11 ms). It starts with planned_start, so it serves what the index it
-- replaces served.
CREATE INDEX sessions_week ON sessions (planned_start, id, planned_end, mentor_id);
DROP INDEX sessions_start;
