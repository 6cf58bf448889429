-- Version 14: the held hours of every agreement, kept up to date by the
-- database, so that Oversigt's warnings (over 80 %, over 100 %, ending
-- soon) are a few index ranges instead of summing the sessions of every
-- running agreement on each load (2,000 agreements and 72,000 session
-- index entries in a large organisation).
--
-- One row per agreement: its period as the hours accounting counts it
-- (data.AgreementPeriod: unix seconds of the Danish day starts, so that no
-- trigger needs a time zone; written from Go when the agreement is saved,
-- and by this version's Go step for the agreements already there), its
-- granted contact time for the whole period (Agreement.GrantedTotalMin)
-- and held_min, the contact minutes of the course's held sessions planned
-- to start in the period: data.Account's UsedMin.
CREATE TABLE agreement_hours (
    agreement_id      INTEGER PRIMARY KEY REFERENCES agreements (id) ON DELETE CASCADE,
    course_id         INTEGER NOT NULL,
    start_date        TEXT NOT NULL,
    end_date          TEXT NOT NULL,
    period_from       INTEGER NOT NULL,
    period_to         INTEGER NOT NULL,
    granted_total_min INTEGER NOT NULL,
    held_min          INTEGER NOT NULL DEFAULT 0
);

-- The session triggers find the agreements a session counts for.
CREATE INDEX agreement_hours_course ON agreement_hours (course_id, period_from, period_to);
-- The agreements ending soon: a range of end dates.
CREATE INDEX agreement_hours_running ON agreement_hours (end_date, start_date, course_id, granted_total_min, held_min);
-- The agreements at 80 % of their hours or more, running or to come: the
-- few that warn, not every agreement that ever ran. The warnings' queries
-- repeat the predicate word for word, so both databases use the index.
CREATE INDEX agreement_hours_used ON agreement_hours (end_date, start_date, course_id, granted_total_min, held_min)
    WHERE granted_total_min > 0 AND held_min * 5 >= granted_total_min * 4;

-- Every write of a session moves the held minutes of the agreements it
-- counts for: increments, not sums, so that writers at the same time stay
-- right (each update takes the agreement row's lock on PostgreSQL).
CREATE TRIGGER sessions_hours_insert AFTER INSERT ON sessions
WHEN NEW.status = 'gennemfoert' AND COALESCE(NEW.contact_min, 0) <> 0
BEGIN
    UPDATE agreement_hours SET held_min = held_min + COALESCE(NEW.contact_min, 0)
    WHERE course_id = NEW.course_id AND period_from <= NEW.planned_start AND period_to > NEW.planned_start;
END;

CREATE TRIGGER sessions_hours_delete AFTER DELETE ON sessions
WHEN OLD.status = 'gennemfoert' AND COALESCE(OLD.contact_min, 0) <> 0
BEGIN
    UPDATE agreement_hours SET held_min = held_min - COALESCE(OLD.contact_min, 0)
    WHERE course_id = OLD.course_id AND period_from <= OLD.planned_start AND period_to > OLD.planned_start;
END;

CREATE TRIGGER sessions_hours_update AFTER UPDATE OF status, contact_min, planned_start, course_id ON sessions
WHEN OLD.status = 'gennemfoert' OR NEW.status = 'gennemfoert'
BEGIN
    UPDATE agreement_hours SET held_min = held_min - COALESCE(OLD.contact_min, 0)
    WHERE OLD.status = 'gennemfoert'
        AND course_id = OLD.course_id AND period_from <= OLD.planned_start AND period_to > OLD.planned_start;
    UPDATE agreement_hours SET held_min = held_min + COALESCE(NEW.contact_min, 0)
    WHERE NEW.status = 'gennemfoert'
        AND course_id = NEW.course_id AND period_from <= NEW.planned_start AND period_to > NEW.planned_start;
END;
