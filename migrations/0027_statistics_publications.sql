-- The network's published statistics: one row per publication of a
-- reporting year's catalogue, for the public (threshold 10) or for the
-- network's internal readers (threshold 5).
--
-- * A publication holds the protected tables exactly as published: every
--   cell a number or the suppression marker, never a suppressed value and
--   never the reason a cell was suppressed (a "primary" reason would say the
--   value is small). The disclosure audit's summary beside it, and who
--   published it when.
-- * Versioned: a year published again after a reopening gets the next
--   version of its audience; earlier versions stay as they were, so the
--   next one can be protected against them.
-- * Immutable: a trigger refuses every UPDATE and DELETE, and an INSERT
--   unless the year is closed, the version is the next one, and the audit
--   passed. Nothing ever deletes a publication: the records behind it are
--   deleted after the retention period, the aggregates stay.
-- * Readable by everyone where the audience is 'public' (the public page
--   reads without a session); internal ones by the coordination office
--   only. Written by the coordination scope only.
--
-- No SECURITY DEFINER function: the trigger reads reporting_year and the
-- earlier versions with the writer's own rights (the coordination scope
-- sees both).

CREATE TABLE statistics_publication (
  id                 uuid PRIMARY KEY,
  year               integer NOT NULL REFERENCES reporting_year (year),
  audience           text NOT NULL CHECK (audience IN ('public', 'internal')),
  version            integer NOT NULL CHECK (version BETWEEN 1 AND 1000),
  -- The threshold follows from the audience; stored so a reader never has to know the rule.
  threshold          integer NOT NULL,
  -- Which catalogue the tables follow (its ids and categories may grow over the years).
  catalogue_version  text NOT NULL CHECK (catalogue_version ~ '^[a-z0-9._-]{1,40}$'),
  tables             jsonb NOT NULL CHECK (jsonb_typeof(tables) = 'array'),
  audit              jsonb NOT NULL CHECK (jsonb_typeof(audit) = 'object' AND audit->>'ok' = 'true'),
  -- NULL: published by the operator's command line (demo content), never by a request.
  published_by       uuid REFERENCES app_user (id),
  published_at       timestamptz NOT NULL,
  CHECK ((audience = 'public' AND threshold = 10) OR (audience = 'internal' AND threshold = 5)),
  UNIQUE (year, audience, version)
);

CREATE FUNCTION statistics_publication_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'statistics publications are never deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'statistics publication % is published and never changes', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM reporting_year y WHERE y.year = NEW.year AND y.status = 'closed') THEN
    RAISE EXCEPTION 'statistics for % can be published only while the year is closed', NEW.year
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.version <> 1 + coalesce((SELECT max(p.version) FROM statistics_publication p
                                   WHERE p.year = NEW.year AND p.audience = NEW.audience), 0) THEN
    -- A conflict like a taken version number: someone published meanwhile.
    RAISE EXCEPTION 'statistics publication % of % (%) is not the next version', NEW.version, NEW.year, NEW.audience
      USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER statistics_publication_frozen BEFORE INSERT OR UPDATE OR DELETE ON statistics_publication
  FOR EACH ROW EXECUTE FUNCTION statistics_publication_guard();
CREATE TRIGGER statistics_publication_no_truncate BEFORE TRUNCATE ON statistics_publication
  FOR EACH STATEMENT EXECUTE FUNCTION statistics_publication_guard();

CREATE INDEX statistics_publication_public_idx ON statistics_publication (year, version) WHERE audience = 'public';

ALTER TABLE statistics_publication ENABLE ROW LEVEL SECURITY;
ALTER TABLE statistics_publication FORCE ROW LEVEL SECURITY;

CREATE POLICY public_read ON statistics_publication FOR SELECT
  USING (audience = 'public' OR app_scope() = 'coordination');
CREATE POLICY office_publish ON statistics_publication FOR INSERT
  WITH CHECK (app_scope() = 'coordination');

GRANT SELECT, INSERT ON statistics_publication TO schutznetz_app;
