-- Mentorbog schema step 0005_forms: what the citizen, course and agreement
-- forms add to the model.
-- needs: what the support is about ("angst", "gæld"), matched against the
-- mentors' competences; health data, so (personal) and sealed.
ALTER TABLE citizens ADD COLUMN needs TEXT NOT NULL DEFAULT ''; -- (personal)
-- mentor_id: the mentor the agreement names (the law wants the mentor's name
-- and contact in it); NULL means the course's mentor.
ALTER TABLE agreements ADD COLUMN mentor_id INTEGER REFERENCES mentors (id);
