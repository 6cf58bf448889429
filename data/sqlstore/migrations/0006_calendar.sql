-- Version 6: the calendar. Recurring series, the course's usual form and
-- place (the defaults of the after-meeting form), and the indexes behind
-- the calendar's range queries and the overview's lists.

-- A recurring series: the rule its sessions were planned by. The sessions
-- themselves are ordinary rows pointing here through sessions.series_id, so
-- one of them can be moved or cancelled on its own ("kun dette").
CREATE TABLE session_series (
    id             INTEGER PRIMARY KEY,
    course_id      INTEGER NOT NULL REFERENCES courses (id),
    mentor_id      INTEGER NOT NULL REFERENCES mentors (id),
    first_start    INTEGER NOT NULL,             -- unix seconds
    length_min     INTEGER NOT NULL CHECK (length_min > 0),
    interval_weeks INTEGER NOT NULL CHECK (interval_weeks IN (1, 2)),
    until_date     TEXT NOT NULL,                -- YYYY-MM-DD, Danish day
    form           TEXT NOT NULL DEFAULT '',
    place          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_series_course ON session_series (course_id);

ALTER TABLE courses ADD COLUMN usual_form TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN usual_place TEXT NOT NULL DEFAULT '';

-- "This and later" in a series; the sessions lacking registration
-- (status = 'planlagt' and in the past) without reading every session.
CREATE INDEX sessions_series_start ON sessions (series_id, planned_start);
CREATE INDEX sessions_status_start ON sessions (status, planned_start);
