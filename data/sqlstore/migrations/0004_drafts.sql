-- Drafts: a form that is open but not yet saved, kept every few seconds and
-- on close so that a crash or a flat battery loses nothing. One draft per
-- user, kind of form and record; the title and the typed values are personal
-- data and sealed like every other personal column.
CREATE TABLE drafts (
    user_id   INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    draft_key TEXT    NOT NULL,
    title     TEXT    NOT NULL DEFAULT '',  -- (personal)
    payload   TEXT    NOT NULL DEFAULT '',  -- (personal) JSON of the typed values
    citizen_id INTEGER NOT NULL DEFAULT 0,  -- the citizen the form is about (0: none), so erasing a citizen erases their drafts
    saved_at  INTEGER NOT NULL,             -- unix seconds
    PRIMARY KEY (user_id, kind, draft_key)
);
