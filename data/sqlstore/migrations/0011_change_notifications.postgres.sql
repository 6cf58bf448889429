-- Change notifications on PostgreSQL: every insert, update or delete of a
-- record that screens show sends 'table:id' on the channel
-- mentorbog_changes. The server delivers notifications when the
-- transaction commits (never for a rollback) and merges identical ones
-- within a transaction; every Mentorbog listening on the database then
-- reloads what it shows (data/sqlstore/notify.go). The payload is the
-- table and the id only, never a value, so it exposes no personal data.
-- The list of tables is watchedTables in notify.go; a test compares them.

CREATE FUNCTION mentorbog_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('mentorbog_changes', TG_TABLE_NAME || ':' || OLD.id);
    ELSE
        PERFORM pg_notify('mentorbog_changes', TG_TABLE_NAME || ':' || NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER agreements_notify_change AFTER INSERT OR UPDATE OR DELETE ON agreements
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER caseworkers_notify_change AFTER INSERT OR UPDATE OR DELETE ON caseworkers
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER citizens_notify_change AFTER INSERT OR UPDATE OR DELETE ON citizens
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER course_mentors_notify_change AFTER INSERT OR UPDATE OR DELETE ON course_mentors
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER courses_notify_change AFTER INSERT OR UPDATE OR DELETE ON courses
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER generated_reports_notify_change AFTER INSERT OR UPDATE OR DELETE ON generated_reports
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER goal_scores_notify_change AFTER INSERT OR UPDATE OR DELETE ON goal_scores
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER goals_notify_change AFTER INSERT OR UPDATE OR DELETE ON goals
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER mentors_notify_change AFTER INSERT OR UPDATE OR DELETE ON mentors
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER municipalities_notify_change AFTER INSERT OR UPDATE OR DELETE ON municipalities
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER organisation_notify_change AFTER INSERT OR UPDATE OR DELETE ON organisation
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER reports_notify_change AFTER INSERT OR UPDATE OR DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER session_series_notify_change AFTER INSERT OR UPDATE OR DELETE ON session_series
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
CREATE TRIGGER sessions_notify_change AFTER INSERT OR UPDATE OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION mentorbog_notify_change();
