-- Version 2: the indexes behind the calendar, the hours accounting and the
-- citizen page, and the configurable lists a new organisation starts with.

CREATE INDEX sessions_mentor_start ON sessions (mentor_id, planned_start);
CREATE INDEX sessions_course_start ON sessions (course_id, planned_start);
CREATE INDEX sessions_start ON sessions (planned_start);
CREATE INDEX courses_citizen ON courses (citizen_id);
CREATE INDEX courses_mentor ON courses (mentor_id);
CREATE INDEX courses_status ON courses (status);
CREATE INDEX course_mentors_course ON course_mentors (course_id, from_date);
CREATE INDEX agreements_course ON agreements (course_id, start_date);
CREATE INDEX agreements_period ON agreements (end_date, start_date);
CREATE INDEX goals_course ON goals (course_id);
CREATE INDEX goal_scores_goal ON goal_scores (goal_id, scored_on);
CREATE INDEX caseworkers_municipality ON caseworkers (municipality_id);

-- Target groups (målgrupper) from domain.md. Ressourceforløb was abolished
-- for new citizens by the 2025 reform: kept as a legacy value.
INSERT INTO target_groups (code, name, legacy, sort) VALUES
    ('aktivitetsparat', 'Aktivitetsparate kontanthjælpsmodtagere', 0, 10),
    ('uddannelseshjaelp', 'Uddannelseshjælp (unge)', 0, 20),
    ('ressourceforloeb', 'Ressourceforløb', 1, 30),
    ('jobafklaring', 'Jobafklaringsforløb', 0, 40),
    ('sygedagpenge', 'Sygedagpenge / delvis raskmeldte', 0, 50),
    ('fleksjob', 'Fleksjob', 0, 60),
    ('fastholdelse', 'Ordinært ansatte (fastholdelse)', 0, 70),
    ('unge_uddannelse', 'Unge der påbegynder uddannelse', 0, 80),
    ('psykiatri_udskrivning', 'Udskrivning fra psykiatrisk indlæggelse', 0, 90),
    ('integration', 'Integrationsprogrammet', 0, 100),
    ('selvforsoergende', 'Selvforsørgende', 0, 110);

-- The neutral default progression instrument (see data.DefaultInstrument).
INSERT INTO instruments (id, name, scale_min, scale_max, is_default) VALUES
    (1, 'Neutral progression 1-10', 1, 10, 1);
INSERT INTO instrument_domains (instrument_id, position, name) VALUES
    (1, 1, 'Jobsøgning'),
    (1, 2, 'Kendskab til arbejdsmarkedet'),
    (1, 3, 'Helbred og mestring'),
    (1, 4, 'Samarbejdsevne'),
    (1, 5, 'Målrettethed'),
    (1, 6, 'Tro på egne evner');
INSERT INTO instrument_anchors (instrument_id, value, text) VALUES
    (1, 1, 'Slet ikke'),
    (1, 5, 'Delvist'),
    (1, 10, 'I høj grad');

-- A new organisation gets legal texts it can edit: law changes.
INSERT INTO organisation (id, name, jobcentre_label, legal_basis, complaint_guidance) VALUES
    (1, 'Min mentororganisation', 'Jobcenter',
     'Lov om en aktiv beskæftigelsesindsats, kapitel 26 (§§ 167-171).',
     'Du kan klage over kommunens afgørelse om mentorstøtte. Klagen skal sendes til kommunen senest 4 uger efter, at du har modtaget afgørelsen. Kommunen genvurderer sagen, og hvis afgørelsen fastholdes, sendes klagen videre til Ankestyrelsen.');
