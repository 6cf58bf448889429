-- Mentorbog schema step 0007_reports: written reports (opstartsnotat,
-- statusrapport, slutrapport) with their approval workflow, comments, the
-- register of every generated PDF, and each municipality's status report
-- frequency.

ALTER TABLE municipalities ADD COLUMN report_every_weeks INTEGER NOT NULL DEFAULT 0;

CREATE TABLE reports (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('opstartsnotat', 'statusrapport', 'slutrapport')),
    course_id           INTEGER NOT NULL REFERENCES courses (id),
    agreement_id        INTEGER REFERENCES agreements (id),
    municipality_id     INTEGER REFERENCES municipalities (id),
    period_start        TEXT NOT NULL,
    period_end          TEXT NOT NULL,
    situation           TEXT NOT NULL DEFAULT '', -- (personal)
    plan                TEXT NOT NULL DEFAULT '', -- (personal)
    event_deviation     TEXT NOT NULL DEFAULT '', -- (personal)
    event_sickness      TEXT NOT NULL DEFAULT '', -- (personal)
    event_crisis        TEXT NOT NULL DEFAULT '', -- (personal)
    event_job_start     TEXT NOT NULL DEFAULT '', -- (personal)
    assessment          TEXT NOT NULL DEFAULT '', -- (personal)
    recommendation      TEXT NOT NULL DEFAULT '',
    suggested_hours_min INTEGER NOT NULL DEFAULT 0,
    citizen_comments    TEXT NOT NULL DEFAULT '', -- (personal)
    status              TEXT NOT NULL CHECK (status IN ('kladde', 'til_godkendelse', 'godkendt', 'sendt')),
    created_by          INTEGER,
    created_by_name     TEXT NOT NULL DEFAULT '',
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    submitted_at        INTEGER,
    approved_by         INTEGER,
    approved_by_name    TEXT NOT NULL DEFAULT '',
    approved_at         INTEGER,
    sent_at             INTEGER,
    CHECK (period_end >= period_start)
);

CREATE INDEX reports_course ON reports (course_id, kind, period_end);

CREATE TABLE report_comments (
    id        INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    user_id   INTEGER,
    username  TEXT NOT NULL DEFAULT '',
    at        INTEGER NOT NULL,
    text      TEXT NOT NULL DEFAULT '' -- (personal)
);

CREATE INDEX report_comments_report ON report_comments (report_id, id);

-- Every generated PDF. The file is not kept; its SHA-256 proves which file
-- was sent. File names never hold a CPR number.
CREATE TABLE generated_reports (
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER REFERENCES reports (id),
    kind            TEXT NOT NULL,
    course_id       INTEGER REFERENCES courses (id),
    citizen_id      INTEGER REFERENCES citizens (id),
    municipality_id INTEGER REFERENCES municipalities (id),
    period_start    TEXT NOT NULL DEFAULT '',
    period_end      TEXT NOT NULL DEFAULT '',
    file_name       TEXT NOT NULL,
    draft           INTEGER NOT NULL DEFAULT 0,
    sha256          TEXT NOT NULL,
    generated_by    INTEGER,
    generated_name  TEXT NOT NULL DEFAULT '',
    generated_at    INTEGER NOT NULL,
    approved_name   TEXT NOT NULL DEFAULT '',
    approved_at     INTEGER,
    sent_at         INTEGER,
    sent_to         TEXT NOT NULL DEFAULT ''
);

CREATE INDEX generated_reports_course ON generated_reports (course_id, generated_at);
CREATE INDEX generated_reports_citizen ON generated_reports (citizen_id, generated_at);
