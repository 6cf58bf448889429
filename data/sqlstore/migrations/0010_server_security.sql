-- Mentorbog schema step 0010_server_security: roles hold on a PostgreSQL
-- server too (see 0010_server_security.postgres.sql for the real work).
-- On SQLite only the column is added, so that both backends have the same
-- tables and a copy between them needs no special case; a SQLite file has
-- no server roles and leaves it empty.

-- db_role: the PostgreSQL login role of the user (see data/sqlstore/roles.go);
-- empty when the user has none yet.
ALTER TABLE users ADD COLUMN db_role TEXT NOT NULL DEFAULT '';
