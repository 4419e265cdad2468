-- Projects of the coordination office and the centres' own measures (ADR 042).
--
-- * project — a funded project: title, goal, period, status, whether it is
--   published, and its contact person's display name and role. Never an
--   address: visitors write through the contact form, not to a mailbox a
--   harvester could read off the page (hence the CHECK against '@').
-- * funder / project_funder — who funds it, with the credit line the funder
--   asks for and its logo (PNG or JPEG only, checked from the bytes by the
--   application; stored here so it is served from our own origin). A funder
--   can fund several projects.
-- * measure — what a member centre does (outreach in refugee
--   accommodation, training, information events, networking): a centre's
--   data. The centre registers, edits and withdraws its own; the office sees
--   all, accepts or returns them with a note, assigns a project and decides
--   whether an accepted one is shown on that project's public page.
--
-- Public pages read in the 'auth' scope: published projects, the funders of
-- published projects, and only the accepted measures the office chose to
-- show on a published project. Nothing in that scope may write.

CREATE TABLE project (
  id            uuid PRIMARY KEY,
  slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 80),
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  goal          text NOT NULL CHECK (char_length(goal) BETWEEN 1 AND 1000),
  summary       text NOT NULL DEFAULT '' CHECK (char_length(summary) <= 5000),
  starts_on     date NOT NULL,
  ends_on       date,
  status        text NOT NULL CHECK (status IN ('planned', 'running', 'completed')),
  published     boolean NOT NULL DEFAULT false,
  contact_name  text CHECK (char_length(contact_name) BETWEEN 1 AND 200 AND position('@' IN contact_name) = 0),
  contact_role  text CHECK (char_length(contact_role) BETWEEN 1 AND 200 AND position('@' IN contact_role) = 0),
  updated_at    timestamptz NOT NULL,
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK (contact_role IS NULL OR contact_name IS NOT NULL)
);

CREATE TABLE funder (
  id            uuid PRIMARY KEY,
  name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  credit_line   text NOT NULL CHECK (char_length(credit_line) BETWEEN 1 AND 300),
  url           text CHECK (url ~ '^https://[^\s]+$' AND char_length(url) <= 500),
  logo          bytea,
  logo_kind     text CHECK (logo_kind IN ('png', 'jpeg')),
  -- SHA-256 of the logo (hex): part of its URL, so a new logo is a new URL
  -- and the old one may be cached for a year.
  logo_hash     text CHECK (logo_hash ~ '^[0-9a-f]{64}$'),
  updated_at    timestamptz NOT NULL,
  CHECK (octet_length(logo) <= 1048576),
  CHECK ((logo IS NULL) = (logo_kind IS NULL) AND (logo IS NULL) = (logo_hash IS NULL))
);

CREATE TABLE project_funder (
  project_id    uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  funder_id     uuid NOT NULL REFERENCES funder (id) ON DELETE CASCADE,
  position      smallint NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 999),
  PRIMARY KEY (project_id, funder_id)
);
CREATE INDEX project_funder_funder_idx ON project_funder (funder_id);

CREATE TABLE measure (
  id               uuid PRIMARY KEY,
  centre_id        uuid NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
  title            text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  description      text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 2000),
  kind             text NOT NULL CHECK (kind IN ('outreach_accommodation', 'training', 'information_event', 'networking')),
  -- Where: a Land (ISO 3166-2) or the whole country; never a person's data.
  region           text NOT NULL CHECK (region ~ '^DE(-[A-Z]{2})?$'),
  starts_on        date NOT NULL,
  ends_on          date,
  status           text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'returned', 'withdrawn')),
  review_note      text CHECK (char_length(review_note) BETWEEN 1 AND 1000),
  reviewed_at      timestamptz,
  project_id       uuid REFERENCES project (id) ON DELETE SET NULL,
  shown_on_project boolean NOT NULL DEFAULT false,
  updated_at       timestamptz NOT NULL,
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK (NOT shown_on_project OR (status = 'accepted' AND project_id IS NOT NULL))
);
CREATE INDEX measure_centre_idx ON measure (centre_id, updated_at);
CREATE INDEX measure_project_idx ON measure (project_id) WHERE shown_on_project;

-- Who may change which columns of a measure: a centre its content (and
-- withdrawing it, which also takes it off a project page), the office its
-- review. The policies decide whose rows; this decides which fields, so a
-- centre cannot accept or show its own measure and the office does not
-- rewrite a centre's description.
CREATE FUNCTION measure_columns_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF app_scope() = 'centre' THEN
    IF TG_OP = 'INSERT' THEN
      IF NEW.status <> 'submitted' OR NEW.review_note IS NOT NULL OR NEW.reviewed_at IS NOT NULL
         OR NEW.project_id IS NOT NULL OR NEW.shown_on_project THEN
        RAISE EXCEPTION 'a centre registers a measure as submitted, without a review' USING ERRCODE = 'check_violation';
      END IF;
    ELSIF NEW.status NOT IN ('submitted', 'withdrawn')
       OR (NEW.status = 'submitted' AND OLD.status NOT IN ('submitted', 'returned'))
       OR NEW.review_note IS DISTINCT FROM OLD.review_note OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at
       OR NEW.project_id IS DISTINCT FROM OLD.project_id
       OR (NEW.shown_on_project AND NOT OLD.shown_on_project)
       OR (NEW.status = 'withdrawn' AND NEW.shown_on_project) THEN
      RAISE EXCEPTION 'a centre may edit, resubmit or withdraw its measure, not review it' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF app_scope() = 'coordination' THEN
    IF TG_OP = 'INSERT' OR NEW.centre_id <> OLD.centre_id OR NEW.title <> OLD.title
       OR NEW.description <> OLD.description OR NEW.kind <> OLD.kind OR NEW.region <> OLD.region
       OR NEW.starts_on <> OLD.starts_on OR NEW.ends_on IS DISTINCT FROM OLD.ends_on
       OR NEW.status NOT IN ('accepted', 'returned') OR OLD.status = 'withdrawn' THEN
      RAISE EXCEPTION 'the office reviews a measure, it does not write it' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER measure_columns_guard BEFORE INSERT OR UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION measure_columns_guard();

ALTER TABLE project ENABLE ROW LEVEL SECURITY;
ALTER TABLE project FORCE ROW LEVEL SECURITY;
ALTER TABLE funder ENABLE ROW LEVEL SECURITY;
ALTER TABLE funder FORCE ROW LEVEL SECURITY;
ALTER TABLE project_funder ENABLE ROW LEVEL SECURITY;
ALTER TABLE project_funder FORCE ROW LEVEL SECURITY;
ALTER TABLE measure ENABLE ROW LEVEL SECURITY;
ALTER TABLE measure FORCE ROW LEVEL SECURITY;

-- Projects: everybody reads the published ones; the office (and the
-- operator, for the demo content) reads and writes all.
CREATE POLICY published_read ON project FOR SELECT
  USING (published AND app_scope() <> 'none');
CREATE POLICY office_all ON project FOR ALL
  USING (app_scope() IN ('coordination', 'admin'))
  WITH CHECK (app_scope() IN ('coordination', 'admin'));
GRANT SELECT, INSERT, UPDATE, DELETE ON project TO schutznetz_app;

CREATE POLICY published_read ON project_funder FOR SELECT
  USING (app_scope() <> 'none' AND EXISTS (SELECT 1 FROM project p WHERE p.id = project_funder.project_id AND p.published));
CREATE POLICY office_all ON project_funder FOR ALL
  USING (app_scope() IN ('coordination', 'admin'))
  WITH CHECK (app_scope() IN ('coordination', 'admin'));
GRANT SELECT, INSERT, UPDATE, DELETE ON project_funder TO schutznetz_app;

-- A funder is public only as the funder of a published project.
CREATE POLICY published_read ON funder FOR SELECT
  USING (app_scope() <> 'none' AND EXISTS (
    SELECT 1 FROM project_funder pf JOIN project p ON p.id = pf.project_id
    WHERE pf.funder_id = funder.id AND p.published));
CREATE POLICY office_all ON funder FOR ALL
  USING (app_scope() IN ('coordination', 'admin'))
  WITH CHECK (app_scope() IN ('coordination', 'admin'));
GRANT SELECT, INSERT, UPDATE, DELETE ON funder TO schutznetz_app;

-- Measures: a centre's own rows; the office reads all and reviews them;
-- the public reads what the office chose to show on a published project.
-- The operator's scope sees none (the demo writes them as its centres and
-- reviews them as the office).
CREATE POLICY centre_own ON measure FOR ALL
  USING (app_scope() = 'centre' AND centre_id = app_centre_id())
  WITH CHECK (app_scope() = 'centre' AND centre_id = app_centre_id());
CREATE POLICY office_read ON measure FOR SELECT
  USING (app_scope() = 'coordination');
CREATE POLICY office_review ON measure FOR UPDATE
  USING (app_scope() = 'coordination')
  WITH CHECK (app_scope() = 'coordination');
CREATE POLICY public_shown ON measure FOR SELECT
  USING (app_scope() = 'auth' AND status = 'accepted' AND shown_on_project AND EXISTS (
    SELECT 1 FROM project p WHERE p.id = measure.project_id AND p.published));
-- No DELETE: a centre withdraws a measure; its rows go with the centre.
GRANT SELECT, INSERT, UPDATE ON measure TO schutznetz_app;
