-- The recommendations tracker (ADR 041): what the network demands of
-- legislators, ministries and authorities, who made the demand how
-- strongly (its sources), what the addressee says has happened and what
-- the network itself thinks has happened (two dated, append-only status
-- histories), and the evidence behind it.
--
-- Public content: everyone reads a published recommendation with its
-- sources, history and evidence (the public pages read in the anonymous
-- 'auth' scope); drafts only the coordination office and administrators
-- (and the reminder job, in the 'retention' scope). Only the office and
-- administrators write. The lists are those of
-- src/features/recommendations/vocabulary.ts (a test compares them).

CREATE TABLE recommendation (
  id               uuid PRIMARY KEY,
  slug             text NOT NULL UNIQUE CHECK (length(slug) BETWEEN 3 AND 100 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- The challenge from practice the recommendation answers.
  challenge        text NOT NULL CHECK (length(challenge) BETWEEN 1 AND 4000),
  body             text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  addressee_kind   text NOT NULL CHECK (addressee_kind IN ('legislator', 'federal_ministry', 'state_ministry', 'authority',
                     'youth_welfare_office', 'police_justice', 'municipality', 'other')),
  addressee_name   text NOT NULL CHECK (length(addressee_name) BETWEEN 1 AND 200),
  themes           text[] NOT NULL DEFAULT '{}' CHECK (themes <@ ARRAY['identification', 'accommodation', 'residence',
                     'child_protection', 'counselling_funding', 'interpreting', 'criminal_proceedings', 'compensation',
                     'data']::text[]),
  affected_groups  text[] NOT NULL DEFAULT '{}' CHECK (affected_groups <@ ARRAY['women', 'minors', 'unaccompanied_minors',
                     'refugees', 'lgbtiq', 'persons_with_disabilities', 'men']::text[]),
  published        boolean NOT NULL DEFAULT false,
  -- Set when this recommendation was merged into another: its sources moved
  -- there, and its page redirects there. It stays as a row so old links and
  -- its own history keep working.
  merged_into      uuid REFERENCES recommendation (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT recommendation_not_merged_into_itself CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE INDEX recommendation_merged_into ON recommendation (merged_into) WHERE merged_into IS NOT NULL;

-- A source makes the demand with its own strength. Merging moves sources,
-- so recommendation_id may change; nothing else about a source does.
CREATE TABLE recommendation_source (
  id                 uuid PRIMARY KEY,
  recommendation_id  uuid NOT NULL REFERENCES recommendation (id),
  source_kind        text NOT NULL CHECK (source_kind IN ('network_dossier', 'policy_paper', 'greta_report', 'statement', 'other')),
  strength           text NOT NULL CHECK (strength IN ('urge', 'consider', 'invite')),
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- The place in the source: a paragraph, a page, a recommendation number.
  reference          text NOT NULL DEFAULT '' CHECK (length(reference) <= 300),
  url                text CHECK (url ~ '^https://[^\s]+$' AND length(url) <= 500),
  issued_on          date,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recommendation_source_of ON recommendation_source (recommendation_id);

-- Both status tracks as one append-only history: an entry is never changed
-- or removed (no UPDATE or DELETE is granted); the current status of a
-- track is its latest entry (by date, then by when it was recorded).
CREATE TABLE recommendation_status (
  id                 uuid PRIMARY KEY,
  recommendation_id  uuid NOT NULL REFERENCES recommendation (id),
  track              text NOT NULL CHECK (track IN ('addressee', 'assessment')),
  status             text NOT NULL,
  -- The day the status was stated (the addressee's answer, the network's assessment).
  stated_on          date NOT NULL,
  -- Where it was stated: a letter, a government answer, the network's annual report.
  source             text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
  url                text CHECK (url ~ '^https://[^\s]+$' AND length(url) <= 500),
  note               text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  recorded_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT recommendation_status_addressee CHECK (track <> 'addressee' OR status IN ('no_response', 'under_review',
    'announced', 'in_progress', 'implemented', 'declined')),
  CONSTRAINT recommendation_status_assessment CHECK (track <> 'assessment' OR status IN ('not_started', 'in_progress',
    'partly', 'implemented', 'rejected'))
);
CREATE INDEX recommendation_status_history ON recommendation_status (recommendation_id, track, stated_on DESC, recorded_at DESC);

-- Evidence: one table, a kind and the target columns of each kind. A new
-- kind (survey, event) is a later migration that widens the kind CHECK and
-- adds its columns and its own constraint; existing rows are untouched.
-- publication_id has no foreign key yet: the publications table arrives in
-- a migration of its own, which adds it.
CREATE TABLE recommendation_evidence (
  id                  uuid PRIMARY KEY,
  recommendation_id   uuid NOT NULL REFERENCES recommendation (id) ON DELETE CASCADE,
  kind                text NOT NULL CHECK (kind IN ('publication', 'statistics_table', 'external')),
  -- How this supports the recommendation: every link says it.
  support             text NOT NULL CHECK (length(support) BETWEEN 1 AND 1000),
  publication_id      uuid,
  statistics_year     integer CHECK (statistics_year BETWEEN 2000 AND 2100),
  statistics_table    text CHECK (statistics_table ~ '^[a-z0-9_]{1,64}$'),
  external_title      text CHECK (length(external_title) BETWEEN 1 AND 300),
  external_reference  text CHECK (length(external_reference) <= 300),
  external_url        text CHECK (external_url ~ '^https://[^\s]+$' AND length(external_url) <= 500),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT recommendation_evidence_publication CHECK (kind <> 'publication' OR publication_id IS NOT NULL),
  CONSTRAINT recommendation_evidence_statistics_table CHECK (kind <> 'statistics_table'
    OR (statistics_year IS NOT NULL AND statistics_table IS NOT NULL)),
  CONSTRAINT recommendation_evidence_external CHECK (kind <> 'external' OR external_title IS NOT NULL)
);
CREATE INDEX recommendation_evidence_of ON recommendation_evidence (recommendation_id);

-- Published recommendations whose latest assessment is older than the
-- configured time (or that have none), as the reminder job last found
-- them; the office's start page lists them. The job replaces the rows on
-- every run, so running it twice changes nothing.
CREATE TABLE recommendation_assessment_due (
  recommendation_id   uuid PRIMARY KEY REFERENCES recommendation (id) ON DELETE CASCADE,
  latest_assessment   date,
  found_at            timestamptz NOT NULL
);

ALTER TABLE recommendation ENABLE ROW LEVEL SECURITY;
ALTER TABLE recommendation FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON recommendation FOR SELECT
  USING (published OR app_scope() IN ('admin', 'coordination', 'retention'));
CREATE POLICY office_insert ON recommendation FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_update ON recommendation FOR UPDATE
  USING (app_scope() IN ('admin', 'coordination'))
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
GRANT SELECT, INSERT, UPDATE ON recommendation TO schutznetz_app;

-- The parts of a recommendation are visible exactly when it is (the
-- subquery runs under recommendation's own policy).
ALTER TABLE recommendation_source ENABLE ROW LEVEL SECURITY;
ALTER TABLE recommendation_source FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON recommendation_source FOR SELECT
  USING (EXISTS (SELECT 1 FROM recommendation r WHERE r.id = recommendation_id));
CREATE POLICY office_insert ON recommendation_source FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_update ON recommendation_source FOR UPDATE
  USING (app_scope() IN ('admin', 'coordination'))
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
GRANT SELECT, INSERT, UPDATE (recommendation_id) ON recommendation_source TO schutznetz_app;

ALTER TABLE recommendation_status ENABLE ROW LEVEL SECURITY;
ALTER TABLE recommendation_status FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON recommendation_status FOR SELECT
  USING (EXISTS (SELECT 1 FROM recommendation r WHERE r.id = recommendation_id));
CREATE POLICY office_insert ON recommendation_status FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
GRANT SELECT, INSERT ON recommendation_status TO schutznetz_app;

ALTER TABLE recommendation_evidence ENABLE ROW LEVEL SECURITY;
ALTER TABLE recommendation_evidence FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON recommendation_evidence FOR SELECT
  USING (EXISTS (SELECT 1 FROM recommendation r WHERE r.id = recommendation_id));
CREATE POLICY office_insert ON recommendation_evidence FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_delete ON recommendation_evidence FOR DELETE
  USING (app_scope() IN ('admin', 'coordination'));
GRANT SELECT, INSERT, DELETE ON recommendation_evidence TO schutznetz_app;

ALTER TABLE recommendation_assessment_due ENABLE ROW LEVEL SECURITY;
ALTER TABLE recommendation_assessment_due FORCE ROW LEVEL SECURITY;
CREATE POLICY office_read ON recommendation_assessment_due FOR SELECT
  USING (app_scope() IN ('admin', 'coordination', 'retention'));
CREATE POLICY job_insert ON recommendation_assessment_due FOR INSERT
  WITH CHECK (app_scope() = 'retention');
CREATE POLICY job_delete ON recommendation_assessment_due FOR DELETE
  USING (app_scope() = 'retention');
GRANT SELECT, INSERT, DELETE ON recommendation_assessment_due TO schutznetz_app;
