-- The network's library of publications (ADR 038, ADR 040): works (a
-- dossier, a policy paper …), each with editions in German, English and
-- Leichte Sprache, each edition with versions of its PDF.
--
-- * A work is a draft until the office publishes it; only then do the
--   public (its public editions) and the centres' staff (every edition)
--   see it. Drafts are the office's and the administrators' only.
-- * An edition is public or for the network's members only. Members-only
--   editions, their versions and files are never readable in the anonymous
--   'auth' scope, so a public page cannot show them even by mistake.
-- * The PDF's bytes sit in their own table, read only for a download.
-- * Search: each edition keeps a weighted tsvector (title A, summary B, the
--   current version's text C) made from the German-folded text (ä→ae, ö→oe,
--   ü→ue, ß→ss, other accents removed, lower case), with the `german`
--   configuration for German and Leichte Sprache editions and `english` for
--   English ones; and the folded text itself under a trigram index, which
--   finds compounds ("Menschenhandel" in "Menschenhandelsberatung") that
--   the stemmer cannot. Both are written by the application in the same
--   transaction as the edition or version (publication_edition_search).
-- * Written by the coordination office and administrators only.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- German folding, the same for the stored text and the query. unaccent is
-- called with its dictionary named, so the result depends on its argument
-- only (IMMUTABLE is true of it).
CREATE FUNCTION publication_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT unaccent('unaccent'::regdictionary,
    replace(replace(replace(replace(lower(t), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'))
$$;

-- The text search configuration of an edition's language.
CREATE FUNCTION publication_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE language WHEN 'en' THEN 'english'::regconfig ELSE 'german'::regconfig END
$$;

CREATE TABLE publication_work (
  id            uuid PRIMARY KEY,
  -- The address of the work's public page.
  slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
  type          text NOT NULL CHECK (type IN ('dossier', 'policy_paper', 'report', 'statement', 'documentation')),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  -- Projects are added beside this (a nullable reference to the project a
  -- work came out of); a work stands on its own until then.
  created_at    timestamptz NOT NULL,
  -- NULL: created by the operator's command line (demo content).
  created_by    uuid REFERENCES app_user (id),
  published_at  timestamptz,
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);

CREATE TABLE publication_edition (
  id            uuid PRIMARY KEY,
  work_id       uuid NOT NULL REFERENCES publication_work (id),
  -- 'de-LS': Leichte Sprache.
  language      text NOT NULL CHECK (language IN ('de', 'en', 'de-LS')),
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  summary       text NOT NULL CHECK (length(summary) <= 4000),
  authors       text NOT NULL CHECK (length(authors) <= 500),
  issued        date NOT NULL,
  licence       text NOT NULL CHECK (length(licence) <= 100),
  visibility    text NOT NULL CHECK (visibility IN ('public', 'members')),
  search        tsvector NOT NULL DEFAULT ''::tsvector,
  search_text   text NOT NULL DEFAULT '',
  updated_at    timestamptz NOT NULL,
  UNIQUE (work_id, language)
);
CREATE INDEX publication_edition_search_idx ON publication_edition USING gin (search);
CREATE INDEX publication_edition_trgm_idx ON publication_edition USING gin (search_text gin_trgm_ops);

CREATE TABLE publication_version (
  id            uuid PRIMARY KEY,
  edition_id    uuid NOT NULL REFERENCES publication_edition (id),
  version       integer NOT NULL CHECK (version BETWEEN 1 AND 1000),
  -- The name shown and offered for download (made safe by the application).
  filename      text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  byte_size     integer NOT NULL CHECK (byte_size > 0),
  -- The text read from the PDF on upload ('' when none could be read).
  body_text     text NOT NULL,
  text_status   text NOT NULL CHECK (text_status IN ('read', 'none', 'failed')),
  is_current    boolean NOT NULL,
  uploaded_at   timestamptz NOT NULL,
  uploaded_by   uuid REFERENCES app_user (id),
  UNIQUE (edition_id, version)
);
CREATE UNIQUE INDEX publication_version_current_idx ON publication_version (edition_id) WHERE is_current;

CREATE TABLE publication_file (
  version_id    uuid PRIMARY KEY REFERENCES publication_version (id),
  data          bytea NOT NULL
);

-- Staff scopes: the office and administrators see everything, a centre's
-- staff every edition of a published work; the anonymous scope the public
-- editions of published works only.
ALTER TABLE publication_work ENABLE ROW LEVEL SECURITY;
ALTER TABLE publication_work FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON publication_work FOR SELECT
  USING (app_scope() IN ('admin', 'coordination')
         OR (app_scope() IN ('centre', 'auth') AND status = 'published'));
CREATE POLICY office_insert ON publication_work FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_update ON publication_work FOR UPDATE
  USING (app_scope() IN ('admin', 'coordination'))
  WITH CHECK (app_scope() IN ('admin', 'coordination'));

ALTER TABLE publication_edition ENABLE ROW LEVEL SECURITY;
ALTER TABLE publication_edition FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON publication_edition FOR SELECT
  USING (app_scope() IN ('admin', 'coordination')
         OR (app_scope() = 'centre'
             AND EXISTS (SELECT 1 FROM publication_work w WHERE w.id = work_id AND w.status = 'published'))
         OR (app_scope() = 'auth' AND visibility = 'public'
             AND EXISTS (SELECT 1 FROM publication_work w WHERE w.id = work_id AND w.status = 'published')));
CREATE POLICY office_insert ON publication_edition FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_update ON publication_edition FOR UPDATE
  USING (app_scope() IN ('admin', 'coordination'))
  WITH CHECK (app_scope() IN ('admin', 'coordination'));

-- Versions and files follow their edition: readable where it is (the
-- edition's own policy answers inside the subquery).
ALTER TABLE publication_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE publication_version FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON publication_version FOR SELECT
  USING (app_scope() IN ('admin', 'coordination', 'centre', 'auth')
         AND EXISTS (SELECT 1 FROM publication_edition e WHERE e.id = edition_id));
CREATE POLICY office_insert ON publication_version FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_update ON publication_version FOR UPDATE
  USING (app_scope() IN ('admin', 'coordination'))
  WITH CHECK (app_scope() IN ('admin', 'coordination'));

ALTER TABLE publication_file ENABLE ROW LEVEL SECURITY;
ALTER TABLE publication_file FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON publication_file FOR SELECT
  USING (app_scope() IN ('admin', 'coordination', 'centre', 'auth')
         AND EXISTS (SELECT 1 FROM publication_version v WHERE v.id = version_id));
CREATE POLICY office_insert ON publication_file FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));

GRANT SELECT, INSERT, UPDATE ON publication_work, publication_edition, publication_version TO schutznetz_app;
GRANT SELECT, INSERT ON publication_file TO schutznetz_app;
