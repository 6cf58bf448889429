-- Mentorbog schema, version 1.
-- Portable SQL: the same statements run on PostgreSQL apart from the
-- identity columns (INTEGER PRIMARY KEY here, GENERATED ... AS IDENTITY
-- there). Dates are ISO text (YYYY-MM-DD), instants are Unix seconds,
-- booleans are 0/1, money is in øre.
-- Columns marked (personal) hold identifying or sensitive text; the store
-- reads and writes them in one place so they can be encrypted there.

CREATE TABLE organisation (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    name               TEXT NOT NULL,
    cvr                TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    postcode           TEXT NOT NULL DEFAULT '',
    city               TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    logo               BLOB,
    jobcentre_label    TEXT NOT NULL DEFAULT 'Jobcenter',
    hourly_rate_oere   INTEGER NOT NULL DEFAULT 0,
    report_footer      TEXT NOT NULL DEFAULT '',
    legal_basis        TEXT NOT NULL DEFAULT '',
    complaint_guidance TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE target_groups (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    legacy INTEGER NOT NULL DEFAULT 0,
    sort   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE mentors (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    phone               TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    kind                TEXT NOT NULL CHECK (kind IN ('ansat', 'frivillig')),
    qualifications      TEXT NOT NULL DEFAULT '',
    languages           TEXT NOT NULL DEFAULT '',
    competences         TEXT NOT NULL DEFAULT '',
    weekly_capacity_min INTEGER NOT NULL DEFAULT 0,
    archived            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE municipalities (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    address      TEXT NOT NULL DEFAULT '',
    ean          TEXT NOT NULL DEFAULT '',
    secure_email TEXT NOT NULL DEFAULT '',
    archived     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE caseworkers (
    id              INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    name            TEXT NOT NULL,
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    archived        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE citizens (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,          -- (personal)
    cpr                 TEXT NOT NULL DEFAULT '', -- (personal)
    address             TEXT NOT NULL DEFAULT '', -- (personal)
    postcode            TEXT NOT NULL DEFAULT '',
    city                TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '', -- (personal)
    email               TEXT NOT NULL DEFAULT '', -- (personal)
    mother_tongue       TEXT NOT NULL DEFAULT '',
    interpreter_needed  INTEGER NOT NULL DEFAULT 0,
    target_group        TEXT NOT NULL DEFAULT '',
    consent_volunteer   INTEGER NOT NULL DEFAULT 0,
    consent_sms         INTEGER NOT NULL DEFAULT 0,
    consent_email       INTEGER NOT NULL DEFAULT 0,
    profile_resources   TEXT NOT NULL DEFAULT '', -- (personal)
    profile_competences TEXT NOT NULL DEFAULT '', -- (personal)
    profile_limitations TEXT NOT NULL DEFAULT '', -- (personal)
    profile_everyday    TEXT NOT NULL DEFAULT '', -- (personal)
    profile_what_works  TEXT NOT NULL DEFAULT '', -- (personal)
    archived            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE instruments (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    scale_min  INTEGER NOT NULL,
    scale_max  INTEGER NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0,
    CHECK (scale_min < scale_max)
);

CREATE TABLE instrument_domains (
    instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    PRIMARY KEY (instrument_id, position)
);

CREATE TABLE instrument_anchors (
    instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
    value         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    PRIMARY KEY (instrument_id, value)
);

CREATE TABLE courses (
    id              INTEGER PRIMARY KEY,
    citizen_id      INTEGER NOT NULL REFERENCES citizens (id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    caseworker_id   INTEGER REFERENCES caseworkers (id),
    instrument_id   INTEGER REFERENCES instruments (id),
    mentor_id       INTEGER REFERENCES mentors (id),
    order_ref       TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('bestilt', 'aktiv', 'fastholdelse', 'afsluttet', 'afbrudt')),
    outcome         TEXT NOT NULL DEFAULT '',
    outcome_note    TEXT NOT NULL DEFAULT '', -- (personal)
    ordered_on      TEXT NOT NULL DEFAULT '',
    started_on      TEXT NOT NULL DEFAULT '',
    ended_on        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE course_mentors (
    id            INTEGER PRIMARY KEY,
    course_id     INTEGER NOT NULL REFERENCES courses (id),
    mentor_id     INTEGER NOT NULL REFERENCES mentors (id),
    from_date     TEXT NOT NULL,
    to_date       TEXT NOT NULL DEFAULT '',
    handover_note TEXT NOT NULL DEFAULT '' -- (personal)
);

CREATE TABLE agreements (
    id                  INTEGER PRIMARY KEY,
    course_id           INTEGER NOT NULL REFERENCES courses (id),
    extends_id          INTEGER REFERENCES agreements (id),
    start_date          TEXT NOT NULL,
    end_date            TEXT NOT NULL,
    hours_basis         TEXT NOT NULL CHECK (hours_basis IN ('uge', 'total')),
    granted_min         INTEGER NOT NULL CHECK (granted_min > 0),
    scope               TEXT NOT NULL CHECK (scope IN ('person', 'plads')),
    rate_oere           INTEGER NOT NULL DEFAULT 0,
    goal                TEXT NOT NULL DEFAULT '', -- (personal)
    tasks               TEXT NOT NULL DEFAULT '', -- (personal)
    roles               INTEGER NOT NULL DEFAULT 0,
    legal_basis         TEXT NOT NULL DEFAULT '',
    complaint_guidance  TEXT NOT NULL DEFAULT '',
    signed_citizen      TEXT NOT NULL DEFAULT '',
    signed_municipality TEXT NOT NULL DEFAULT '',
    signed_provider     TEXT NOT NULL DEFAULT '',
    CHECK (end_date >= start_date)
);

CREATE TABLE goals (
    id          INTEGER PRIMARY KEY,
    course_id   INTEGER NOT NULL REFERENCES courses (id),
    title       TEXT NOT NULL,              -- (personal)
    description TEXT NOT NULL DEFAULT '',   -- (personal)
    domain      TEXT NOT NULL DEFAULT '',
    created_on  TEXT NOT NULL DEFAULT '',
    achieved    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE agreement_goals (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    goal_id      INTEGER NOT NULL REFERENCES goals (id),
    PRIMARY KEY (agreement_id, goal_id)
);

CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    course_id     INTEGER NOT NULL REFERENCES courses (id),
    mentor_id     INTEGER NOT NULL REFERENCES mentors (id),
    planned_start INTEGER NOT NULL,
    planned_end   INTEGER NOT NULL,
    actual_start  INTEGER,
    actual_end    INTEGER,
    status        TEXT NOT NULL CHECK (status IN ('planlagt', 'gennemfoert', 'aflyst_borger', 'aflyst_mentor', 'udeblevet')),
    form          TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    contact_min   INTEGER NOT NULL DEFAULT 0 CHECK (contact_min >= 0),
    transport_min INTEGER NOT NULL DEFAULT 0 CHECK (transport_min >= 0),
    admin_min     INTEGER NOT NULL DEFAULT 0 CHECK (admin_min >= 0),
    roles         INTEGER NOT NULL DEFAULT 0,
    note          TEXT NOT NULL DEFAULT '', -- (personal)
    series_id     INTEGER,
    registered_at INTEGER,
    CHECK (planned_end > planned_start)
);

CREATE TABLE session_goals (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    goal_id    INTEGER NOT NULL REFERENCES goals (id),
    note       TEXT NOT NULL DEFAULT '', -- (personal)
    PRIMARY KEY (session_id, goal_id)
);

CREATE TABLE goal_scores (
    id         INTEGER PRIMARY KEY,
    goal_id    INTEGER NOT NULL REFERENCES goals (id),
    session_id INTEGER REFERENCES sessions (id),
    scored_on  TEXT NOT NULL,
    value      INTEGER NOT NULL,
    note       TEXT NOT NULL DEFAULT '' -- (personal)
);
