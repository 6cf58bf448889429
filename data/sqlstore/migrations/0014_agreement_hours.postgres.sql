-- Version 14 on PostgreSQL: the same table and indexes as
-- 0014_agreement_hours.sql (see there why), a plpgsql trigger instead of
-- SQLite's three, and the row-level security of the agreements.
CREATE TABLE agreement_hours (
    agreement_id      BIGINT PRIMARY KEY REFERENCES agreements (id) ON DELETE CASCADE,
    course_id         BIGINT NOT NULL,
    start_date        TEXT NOT NULL,
    end_date          TEXT NOT NULL,
    period_from       BIGINT NOT NULL,
    period_to         BIGINT NOT NULL,
    granted_total_min BIGINT NOT NULL,
    held_min          BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX agreement_hours_course ON agreement_hours (course_id, period_from, period_to);
CREATE INDEX agreement_hours_running ON agreement_hours (end_date, start_date, course_id, granted_total_min, held_min);
CREATE INDEX agreement_hours_used ON agreement_hours (end_date, start_date, course_id, granted_total_min, held_min)
    WHERE granted_total_min > 0 AND held_min * 5 >= granted_total_min * 4;

-- Runs as its owner (SECURITY DEFINER): a mentor saving a session of their
-- own course moves the agreement's held minutes, which their role may only
-- read. Increments under the row lock of each agreement_hours row, so
-- concurrent writers add up.
CREATE FUNCTION mb_session_hours() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.status = 'gennemfoert' AND COALESCE(OLD.contact_min, 0) <> 0 THEN
            UPDATE agreement_hours SET held_min = held_min - COALESCE(OLD.contact_min, 0)
            WHERE course_id = OLD.course_id AND period_from <= OLD.planned_start AND period_to > OLD.planned_start;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        IF NEW.status = 'gennemfoert' AND COALESCE(NEW.contact_min, 0) <> 0 THEN
            UPDATE agreement_hours SET held_min = held_min + COALESCE(NEW.contact_min, 0)
            WHERE course_id = NEW.course_id AND period_from <= NEW.planned_start AND period_to > NEW.planned_start;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER sessions_hours AFTER INSERT OR DELETE OR UPDATE OF status, contact_min, planned_start, course_id
    ON sessions FOR EACH ROW EXECUTE FUNCTION mb_session_hours();

-- Names resolve in this schema only, as for 0010's helpers.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION mb_session_hours() SET search_path = %I, pg_temp', current_schema());
END
$$;
REVOKE EXECUTE ON FUNCTION mb_session_hours() FROM PUBLIC;

ALTER TABLE agreement_hours ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON agreement_hours
    USING ((SELECT mb_is_staff()) OR course_id IN (SELECT mb_course_ids()));
