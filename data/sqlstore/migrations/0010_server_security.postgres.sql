-- Mentorbog schema step 0010_server_security, PostgreSQL: roles hold on the
-- server too, not only in the app.
--
-- Every Mentorbog user has a PostgreSQL login role of their own (users.db_role,
-- made by mb_set_login_role below), a member of one group role per database
-- and Mentorbog role: <prefix>_mentor, <prefix>_koordinator,
-- <prefix>_administrator. The groups and their table grants are made from Go
-- after migrating (roles.go: ensureServerRoles), because the database's name
-- is part of their names. Here: the row-level security that limits a
-- mentor's role to the rows of their own citizens, exactly as the store's
-- mentorScope does (the courses whose mentor_id is the mentor's), and the
-- helper functions the policies use.
--
-- The owner that runs the migrations (and a superuser) bypasses row-level
-- security: it is the maintenance connection (setup, migrate, backup).

ALTER TABLE users ADD COLUMN db_role TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX users_db_role ON users (db_role) WHERE db_role <> '';

-- The helpers run as their owner (SECURITY DEFINER), so they read users and
-- courses past row-level security; the policies call them through a
-- sub-select, (SELECT mb_is_staff()), which PostgreSQL evaluates once per
-- query instead of once per row. session_user is the login role, also
-- after a SET ROLE to a group.

-- mb_role_prefix: the database's name lower-cased, limited to [a-z0-9_] and
-- 30 characters; the start of every role name of this database. Go computes
-- the same (rolePrefix in roles.go) to connect before it can ask.
CREATE FUNCTION mb_role_prefix() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT left(regexp_replace(translate(current_database(),
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '[^a-z0-9_]', '_', 'g'), 30)
$$;

-- mb_user_id: the active Mentorbog user connected, or NULL.
CREATE FUNCTION mb_user_id() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT id FROM users WHERE db_role = session_user::text AND disabled = 0
$$;

-- mb_username: that user's username (the audit log's author), or NULL.
CREATE FUNCTION mb_username() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT username FROM users WHERE db_role = session_user::text AND disabled = 0
$$;

-- mb_is_staff: a koordinator or an administrator, who see every citizen.
CREATE FUNCTION mb_is_staff() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT EXISTS (SELECT 1 FROM users WHERE db_role = session_user::text AND disabled = 0
        AND role IN ('koordinator', 'administrator'))
$$;

-- mb_is_admin: an administrator (users, settings, erasure).
CREATE FUNCTION mb_is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT EXISTS (SELECT 1 FROM users WHERE db_role = session_user::text AND disabled = 0
        AND role = 'administrator')
$$;

-- mb_mentor_id: the mentor record of a connected mentor, or NULL (staff, a
-- mentor user without a mentor record, anybody else): = NULL matches nothing.
CREATE FUNCTION mb_mentor_id() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT mentor_id FROM users WHERE db_role = session_user::text AND disabled = 0 AND role = 'mentor'
$$;

-- mb_course_ids: the connected mentor's courses (the store's mentorScope).
CREATE FUNCTION mb_course_ids() RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT id FROM courses WHERE mentor_id = (SELECT mb_mentor_id())
$$;

-- mb_citizen_ids: the citizens of those courses.
CREATE FUNCTION mb_citizen_ids() RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT citizen_id FROM courses WHERE mentor_id = (SELECT mb_mentor_id())
$$;

-- mb_audit_last_id: the newest audit entry, which every append chains to.
CREATE FUNCTION mb_audit_last_id() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT max(id) FROM audit_log
$$;

-- mb_set_login_role makes or updates the login role of user p_user_id:
-- p_role its name (NULL: the one it has), p_verifier a SCRAM-SHA-256 verifier
-- of its password (NULL: unchanged; a plaintext password is refused, so it
-- never reaches the server or its log). LOGIN follows users.disabled and the
-- group follows users.role. Callers: the owner; an administrator; a user
-- changing their own password. It runs as the owner, so administrators need
-- no CREATEROLE (which would reach every database of the cluster).
CREATE FUNCTION mb_set_login_role(p_user_id bigint, p_role text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    target_user users%ROWTYPE;
    caller users%ROWTYPE;
    prefix text := mb_role_prefix();
    is_owner boolean := pg_has_role(session_user, current_user, 'MEMBER');
    target text;
    grp text;
    member boolean;
BEGIN
    SELECT * INTO target_user FROM users WHERE id = p_user_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'mb_set_login_role: no user %', p_user_id;
    END IF;
    IF NOT is_owner THEN
        SELECT * INTO caller FROM users WHERE db_role = session_user::text AND disabled = 0;
        IF NOT FOUND OR NOT (caller.role = 'administrator'
            OR (caller.id = p_user_id AND COALESCE(p_role, target_user.db_role) = target_user.db_role)) THEN
            RAISE EXCEPTION 'permission denied to manage the server role of user %', p_user_id
                USING ERRCODE = '42501';
        END IF;
    END IF;
    target := COALESCE(NULLIF(p_role, ''), NULLIF(target_user.db_role, ''));
    IF target IS NULL THEN
        RETURN; -- a user without a server role (copied in): made at their next login
    END IF;
    IF target !~ '^[a-z0-9_]{1,63}$' OR left(target, length(prefix) + 1) <> prefix || '_'
        OR target IN (prefix || '_mentor', prefix || '_koordinator', prefix || '_administrator') THEN
        RAISE EXCEPTION 'mb_set_login_role: % is not a user role of this database', target;
    END IF;
    IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:' THEN
        RAISE EXCEPTION 'mb_set_login_role: the password must be a SCRAM-SHA-256 verifier';
    END IF;
    IF EXISTS (SELECT 1 FROM users WHERE db_role = target AND id <> p_user_id) THEN
        RAISE EXCEPTION 'mb_set_login_role: % belongs to another user', target;
    END IF;
    -- A user's earlier role (another name) keeps no way in.
    IF target_user.db_role <> '' AND target_user.db_role <> target
        AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = target_user.db_role) THEN
        EXECUTE format('ALTER ROLE %I NOLOGIN', target_user.db_role);
        FOREACH grp IN ARRAY ARRAY['mentor', 'koordinator', 'administrator'] LOOP
            IF EXISTS (SELECT 1 FROM pg_auth_members m
                JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
                WHERE g.rolname = prefix || '_' || grp AND r.rolname = target_user.db_role) THEN
                EXECUTE format('REVOKE %I FROM %I', prefix || '_' || grp, target_user.db_role);
            END IF;
        END LOOP;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = target) THEN
        -- Only an ordinary role is taken over (e.g. after a restore).
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = target
                AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)) THEN
            RAISE EXCEPTION 'mb_set_login_role: % is a privileged role', target;
        END IF;
        IF p_verifier IS NOT NULL THEN
            EXECUTE format('ALTER ROLE %I PASSWORD %L', target, p_verifier);
        END IF;
    ELSIF p_verifier IS NULL THEN
        RAISE EXCEPTION 'mb_set_login_role: a new role needs a password';
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', target, p_verifier);
    END IF;
    EXECUTE format('ALTER ROLE %I %s', target,
        CASE WHEN target_user.disabled = 0 THEN 'LOGIN' ELSE 'NOLOGIN' END);
    FOREACH grp IN ARRAY ARRAY['mentor', 'koordinator', 'administrator'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = prefix || '_' || grp) THEN
            RAISE EXCEPTION 'mb_set_login_role: the group role %_% is missing', prefix, grp;
        END IF;
        SELECT EXISTS (SELECT 1 FROM pg_auth_members m
            JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
            WHERE g.rolname = prefix || '_' || grp AND r.rolname = target) INTO member;
        IF grp = target_user.role AND NOT member THEN
            EXECUTE format('GRANT %I TO %I', prefix || '_' || grp, target);
        ELSIF grp <> target_user.role AND member THEN
            EXECUTE format('REVOKE %I FROM %I', prefix || '_' || grp, target);
        END IF;
    END LOOP;
    UPDATE users SET db_role = target WHERE id = p_user_id AND db_role <> target;
END
$$;
REVOKE EXECUTE ON FUNCTION mb_set_login_role(bigint, text, text) FROM PUBLIC;

-- The functions resolve names in this schema only (pg_catalog first,
-- pg_temp last), so no other role can slip a look-alike table or function
-- in front of them. Nobody else may create objects in the schema.
DO $$
DECLARE
    fn text;
BEGIN
    FOREACH fn IN ARRAY ARRAY['mb_role_prefix()', 'mb_user_id()', 'mb_username()', 'mb_is_staff()',
        'mb_is_admin()', 'mb_mentor_id()', 'mb_course_ids()', 'mb_citizen_ids()', 'mb_audit_last_id()',
        'mb_set_login_role(bigint, text, text)'] LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', fn, current_schema());
    END LOOP;
    IF pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = current_schema()), 'USAGE') THEN
        EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
    END IF;
END
$$;

-- Row-level security. A policy without WITH CHECK checks new rows with its
-- USING expression, so a mentor can neither see nor write into another
-- mentor's courses (an UPDATE or DELETE of such a row finds nothing; an
-- INSERT is refused). What each role may do at all is in the grants
-- (roles.go: serverGrants).

ALTER TABLE citizens ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_citizens ON citizens
    USING ((SELECT mb_is_staff()) OR id IN (SELECT mb_citizen_ids()));

ALTER TABLE courses ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON courses
    USING ((SELECT mb_is_staff()) OR mentor_id = (SELECT mb_mentor_id()));

ALTER TABLE course_mentors ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON course_mentors
    USING ((SELECT mb_is_staff()) OR course_id IN (SELECT mb_course_ids()));

ALTER TABLE agreements ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON agreements
    USING ((SELECT mb_is_staff()) OR course_id IN (SELECT mb_course_ids()));

ALTER TABLE agreement_goals ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON agreement_goals
    USING ((SELECT mb_is_staff()) OR agreement_id IN
        (SELECT a.id FROM agreements a WHERE a.course_id IN (SELECT mb_course_ids())));

ALTER TABLE goals ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON goals
    USING ((SELECT mb_is_staff()) OR course_id IN (SELECT mb_course_ids()));

ALTER TABLE goal_scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON goal_scores
    USING ((SELECT mb_is_staff()) OR goal_id IN
        (SELECT g.id FROM goals g WHERE g.course_id IN (SELECT mb_course_ids())));

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON sessions
    USING ((SELECT mb_is_staff()) OR course_id IN (SELECT mb_course_ids()));

ALTER TABLE session_goals ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON session_goals
    USING ((SELECT mb_is_staff()) OR session_id IN
        (SELECT s.id FROM sessions s WHERE s.course_id IN (SELECT mb_course_ids())));

ALTER TABLE session_series ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON session_series
    USING ((SELECT mb_is_staff()) OR course_id IN (SELECT mb_course_ids()));

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON reports
    USING ((SELECT mb_is_staff()) OR course_id IN (SELECT mb_course_ids()));

ALTER TABLE report_comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON report_comments
    USING ((SELECT mb_is_staff()) OR report_id IN
        (SELECT r.id FROM reports r WHERE r.course_id IN (SELECT mb_course_ids())));

-- A document without a course (a list across courses) is staff's only, as
-- in the store's scopeCourses.
ALTER TABLE generated_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_courses ON generated_reports
    USING ((SELECT mb_is_staff()) OR course_id IN (SELECT mb_course_ids()));

-- Drafts are their author's. An administrator also reaches the others'
-- (erasing a citizen and the retention run delete them; a DELETE's WHERE
-- needs the rows visible).
ALTER TABLE drafts ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_own_drafts ON drafts
    USING (user_id = (SELECT mb_user_id()));
CREATE POLICY mb_admin_drafts ON drafts
    USING ((SELECT mb_is_admin()));

-- A mentor or koordinator sees and updates only their own row (the login
-- counters and their wrapped key: the grants limit the columns); staff see
-- every user; only an administrator creates or changes users.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_users_read ON users FOR SELECT
    USING ((SELECT mb_is_staff()) OR id = (SELECT mb_user_id()));
CREATE POLICY mb_users_own ON users FOR UPDATE
    USING ((SELECT mb_is_admin()) OR id = (SELECT mb_user_id()));
CREATE POLICY mb_users_admin ON users FOR INSERT
    WITH CHECK ((SELECT mb_is_admin()));

-- Everyone appends to the audit log (it is insert-only by the grants); an
-- entry names its real author. Staff read it all (the citizen's log, the
-- administrator's audit view); a mentor reads their own entries and the
-- newest one, which their next entry chains to.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_audit_read ON audit_log FOR SELECT
    USING ((SELECT mb_is_staff()) OR user_id = (SELECT mb_user_id()) OR id = (SELECT mb_audit_last_id()));
CREATE POLICY mb_audit_append ON audit_log FOR INSERT
    WITH CHECK (user_id = (SELECT mb_user_id()) AND username = (SELECT mb_username()));

-- Settings: everyone reads; every append to the audit log moves audit_tip;
-- the rest (retention, audit anchor, backups) is the administrator's.
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY mb_settings_read ON settings FOR SELECT USING (true);
CREATE POLICY mb_settings_tip ON settings FOR INSERT
    WITH CHECK ((SELECT mb_is_admin()) OR key = 'audit_tip');
CREATE POLICY mb_settings_tip_update ON settings FOR UPDATE
    USING ((SELECT mb_is_admin()) OR key = 'audit_tip');
CREATE POLICY mb_settings_admin ON settings FOR DELETE
    USING ((SELECT mb_is_admin()));
