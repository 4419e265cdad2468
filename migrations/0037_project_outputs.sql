-- Connecting the library, the recommendations tracker and the projects
-- (ADR 040, 041, 042): a work and a recommendation may name the project
-- they came out of, and an evidence link of kind 'publication' points at a
-- work of the library.
--
-- Evidence points at publication_work, not at an edition or a version: the
-- work is the citable unit (its public page lists its editions in every
-- language), and editions and versions come and go beneath it.
--
-- ON DELETE RESTRICT: nothing deletes works (no DELETE is granted on
-- publication_work), and if an operator ever did, evidence must not lose
-- its target silently. SET NULL is no option either: the CHECK
-- recommendation_evidence_publication requires publication_id for the
-- kind 'publication', so the delete would fail on it anyway, with a less
-- clear message. No demo row breaks: the demo's evidence links of this kind
-- are written after the demo library.
ALTER TABLE recommendation_evidence
  ADD CONSTRAINT recommendation_evidence_publication_id_fkey
  FOREIGN KEY (publication_id) REFERENCES publication_work (id) ON DELETE RESTRICT;
CREATE INDEX recommendation_evidence_publication ON recommendation_evidence (publication_id)
  WHERE publication_id IS NOT NULL;

-- The project a work or a recommendation came out of. SET NULL: a project
-- gone (projects are not deleted by the application either) leaves its
-- outputs standing on their own, as they did before projects existed.
--
-- Row-level security is unchanged and enough: the column is readable
-- wherever the work or recommendation is, but a reference is only a uuid;
-- the project itself stays invisible in the anonymous scope until it is
-- published (the project table's own policy), and the public pages show a
-- project only through a join under that policy. The project page's
-- outputs are read the other way round — from a published project to its
-- published works' public editions and its published recommendations —
-- so an unpublished work or recommendation never appears there.
ALTER TABLE publication_work ADD COLUMN project_id uuid REFERENCES project (id) ON DELETE SET NULL;
CREATE INDEX publication_work_project ON publication_work (project_id) WHERE project_id IS NOT NULL;

ALTER TABLE recommendation ADD COLUMN project_id uuid REFERENCES project (id) ON DELETE SET NULL;
CREATE INDEX recommendation_project ON recommendation (project_id) WHERE project_id IS NOT NULL;

-- The office sets the reference on its edit forms: the application role
-- may update the columns where it may update the row (publication_work
-- and recommendation already grant UPDATE on every column).
