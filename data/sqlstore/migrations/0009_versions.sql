-- Mentorbog schema step 0009_versions: optimistic concurrency.
--
-- Every record a screen edits carries a version, counted up by each save,
-- and who saved it last and when (changed_by is the display name or the
-- username, changed_at Unix seconds). A save names the version it started
-- from; when the row has moved on, the save is refused and the user is told
-- who changed it and when (data.ConflictError), instead of silently
-- overwriting the other user's change. Existing rows start at version 1.

ALTER TABLE organisation ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE organisation ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentors ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE mentors ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE mentors ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE municipalities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE municipalities ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE caseworkers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE caseworkers ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE caseworkers ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE citizens ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE citizens ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE citizens ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE instruments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE instruments ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE instruments ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE courses ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE courses ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE courses ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agreements ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE agreements ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE goals ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE goals ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE goal_scores ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE goal_scores ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE goal_scores ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sessions ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session_series ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE session_series ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE session_series ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reports ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
