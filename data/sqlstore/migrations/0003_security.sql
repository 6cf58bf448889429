-- Version 3: users and roles, the wrapped data key, the audit log and the
-- deletion log (data protection).

-- A user's password never is stored: wrapped_key is the data key sealed
-- with a key derived from the password by Argon2id (its parameters and
-- salt inside), so a successful unwrap is the password check.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('mentor', 'koordinator', 'administrator')),
    mentor_id     INTEGER REFERENCES mentors (id),
    wrapped_key   TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER NOT NULL DEFAULT 0, -- Unix seconds; survives a restart
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

-- The data key wrapped with the recovery key shown once at setup.
CREATE TABLE keyring (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    recovery_wrapped TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);

-- CPR lookup without decrypting: a keyed hash (HMAC under a key derived
-- from the data key) of the normalised number.
ALTER TABLE citizens ADD COLUMN cpr_lookup TEXT NOT NULL DEFAULT '';
CREATE INDEX citizens_cpr_lookup ON citizens (cpr_lookup);

-- Append-only audit log. Each row carries the hash of the previous row, so
-- an edited or deleted row breaks the chain. citizen_id has no foreign key:
-- when a citizen is erased, the log keeps only the id. detail never holds
-- personal values, only what kind of thing happened.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL, -- Unix seconds
    user_id    INTEGER,
    username   TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    citizen_id INTEGER,
    detail     TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_citizen ON audit_log (citizen_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

-- What a retention run or an erasure deleted: counts and kinds, never
-- names or numbers.
CREATE TABLE deletion_log (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    actor  TEXT NOT NULL,
    reason TEXT NOT NULL,
    kind   TEXT NOT NULL,
    count  INTEGER NOT NULL
);
