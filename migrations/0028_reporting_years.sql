-- The reporting year's course (ADR 034, "What is missing"): what the
-- coordination office did to a year and why, the reminders sent before its
-- release deadline, and the one way the office learns what each centre
-- still has to do — as counts per centre, never a record.
--
-- * case_record_answered(record) — does a record answer every mandatory
--   question? The same rule as case_record's CHECK for complete records, in
--   one place for the centre's own list and the office's counts.
-- * case_record_progress — per centre and year: drafts, complete records
--   whose person consented but that are not released, and consented drafts
--   that still lack a mandatory answer. Kept by triggers on case_record that
--   run with the writer's own rights in the writer's own scope (a centre
--   updates its own row only), so the office reads counts without any path
--   into the records: the statistics' case_statistics stays the only function
--   that reads records with its owner's rights (ADR 034).
-- * reporting_year_event — opened, closed, reopened: when, by whom, the
--   deadline set, and the reason of a reopening (kept for every reopening;
--   reporting_year holds only the latest).
-- * reporting_year_reminder — which reminder (days before which deadline)
--   went out, so each is sent once, and again only for a new deadline.

CREATE FUNCTION case_record_answered(r case_record) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT r.first_contact_year IS NOT NULL AND r.first_contact_quarter IS NOT NULL AND r.consent_statistics IS NOT NULL
    AND r.possibly_counted_elsewhere IS NOT NULL AND r.trafficking_status IS NOT NULL AND r.gender IS NOT NULL
    AND (r.age_unknown OR r.age_at_first_contact IS NOT NULL) AND r.minor_at_exploitation IS NOT NULL
    AND r.unaccompanied_minor IS NOT NULL AND r.citizenship IS NOT NULL
    AND coalesce(cardinality(r.country_of_recruitment) > 0, false)
    AND coalesce(cardinality(r.country_of_exploitation) > 0, false)
    AND coalesce(cardinality(r.exploitation_forms) > 0, false)
    AND ('labour' <> ALL (r.exploitation_forms) OR r.labour_sector IS NOT NULL)
    AND r.means_of_control IS NOT NULL AND r.recruiter_relation IS NOT NULL AND r.first_contact_online IS NOT NULL
    AND coalesce(cardinality(r.exploitation_timing) > 0, false) AND r.asylum_stage IS NOT NULL
    AND r.residence_status_first IS NOT NULL AND r.residence_status_end IS NOT NULL
    AND r.referral_source IS NOT NULL AND r.criminal_proceedings IS NOT NULL
    AND coalesce(cardinality(r.support_provided) > 0, false)
$$;

CREATE TABLE reporting_year_event (
  id               uuid PRIMARY KEY,
  year             integer NOT NULL REFERENCES reporting_year (year),
  action           text NOT NULL CHECK (action IN ('opened', 'closed', 'reopened')),
  at               timestamptz NOT NULL,
  -- Who did it (no foreign key: the history outlives an account).
  actor_id         uuid,
  -- The deadline the year was opened or reopened with.
  release_deadline date,
  reason           text CHECK (char_length(reason) BETWEEN 1 AND 500),
  CHECK ((action = 'reopened') = (reason IS NOT NULL)),
  CHECK ((action = 'closed') = (release_deadline IS NULL))
);
CREATE INDEX reporting_year_event_year_idx ON reporting_year_event (year, at);

CREATE TABLE reporting_year_reminder (
  year             integer NOT NULL REFERENCES reporting_year (year),
  release_deadline date NOT NULL,
  days_before      smallint NOT NULL CHECK (days_before BETWEEN 1 AND 60),
  sent_at          timestamptz NOT NULL,
  -- How many centres were reminded (the mails themselves went to their leads).
  centres          integer NOT NULL CHECK (centres >= 0),
  PRIMARY KEY (year, release_deadline, days_before)
);

ALTER TABLE reporting_year_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE reporting_year_event FORCE ROW LEVEL SECURITY;
ALTER TABLE reporting_year_reminder ENABLE ROW LEVEL SECURITY;
ALTER TABLE reporting_year_reminder FORCE ROW LEVEL SECURITY;

CREATE POLICY office_read ON reporting_year_event FOR SELECT
  USING (app_scope() IN ('coordination', 'admin'));
CREATE POLICY office_insert ON reporting_year_event FOR INSERT
  WITH CHECK (app_scope() = 'coordination');
CREATE POLICY reminder_job ON reporting_year_reminder FOR ALL
  USING (app_scope() = 'retention')
  WITH CHECK (app_scope() = 'retention');
CREATE POLICY office_read ON reporting_year_reminder FOR SELECT
  USING (app_scope() IN ('coordination', 'admin'));

GRANT SELECT, INSERT ON reporting_year_event TO schutznetz_app;
GRANT SELECT, INSERT ON reporting_year_reminder TO schutznetz_app;

-- What each centre still has to do for a year, as counts (see the header).
-- A centre could overwrite its own row by hand; it would only misreport its
-- own progress to the office, which is no way into anybody's records.
CREATE TABLE case_record_progress (
  centre_id  uuid NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
  year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  -- No CHECK (>= 0): an upsert's proposed row carries the statement's delta,
  -- which is negative when records leave a count, and PostgreSQL checks the
  -- proposed row before it finds the conflict.
  drafts     integer NOT NULL DEFAULT 0,
  unreleased integer NOT NULL DEFAULT 0,
  unanswered integer NOT NULL DEFAULT 0,
  PRIMARY KEY (centre_id, year)
);

-- Nothing to seed: case_record arrives with this release (0026) and is empty.

ALTER TABLE case_record_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_record_progress FORCE ROW LEVEL SECURITY;
-- The writing centre keeps its own row; the retention jobs keep every row
-- (they delete closed years' records); the office only reads.
CREATE POLICY centre_own ON case_record_progress FOR ALL
  USING (app_scope() = 'centre' AND centre_id = app_centre_id())
  WITH CHECK (app_scope() = 'centre' AND centre_id = app_centre_id());
CREATE POLICY retention_all ON case_record_progress FOR ALL
  USING (app_scope() = 'retention')
  WITH CHECK (app_scope() = 'retention');
CREATE POLICY office_read ON case_record_progress FOR SELECT
  USING (app_scope() = 'coordination');
GRANT SELECT, INSERT, UPDATE, DELETE ON case_record_progress TO schutznetz_app;

-- What one record adds to its centre's counts (sign -1: what it takes away).
CREATE FUNCTION case_record_progress_of(r case_record, sign integer) RETURNS integer[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    sign * (r.status = 'draft')::integer,
    sign * (r.status = 'complete' AND coalesce(r.consent_statistics, false) AND r.released_at IS NULL)::integer,
    sign * (r.status = 'draft' AND coalesce(r.consent_statistics, false) AND NOT case_record_answered(r))::integer]
$$;

-- Statement-level, with the statement's old and new rows: one upsert per
-- centre and year a statement touched, however many records it wrote (an
-- import of thousands of records costs one), and none where the counts do
-- not move (released records deleted by the retention job leave the table
-- alone). Each branch names only the transition tables its event has.
CREATE FUNCTION case_record_progress_keep() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_record_progress AS p (centre_id, year, drafts, unreleased, unanswered)
    SELECT centre_id, year, sum(c[1]), sum(c[2]), sum(c[3])
    FROM (SELECT n.centre_id, n.first_contact_year AS year, case_record_progress_of(n, 1) AS c
          FROM new_rows n WHERE n.first_contact_year IS NOT NULL) x
    GROUP BY centre_id, year
    HAVING sum(c[1]) <> 0 OR sum(c[2]) <> 0 OR sum(c[3]) <> 0
    ON CONFLICT (centre_id, year) DO UPDATE
      SET drafts = p.drafts + excluded.drafts, unreleased = p.unreleased + excluded.unreleased,
          unanswered = p.unanswered + excluded.unanswered;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO case_record_progress AS p (centre_id, year, drafts, unreleased, unanswered)
    SELECT centre_id, year, sum(c[1]), sum(c[2]), sum(c[3])
    FROM (SELECT o.centre_id, o.first_contact_year AS year, case_record_progress_of(o, -1) AS c
          FROM old_rows o WHERE o.first_contact_year IS NOT NULL) x
    GROUP BY centre_id, year
    HAVING sum(c[1]) <> 0 OR sum(c[2]) <> 0 OR sum(c[3]) <> 0
    ON CONFLICT (centre_id, year) DO UPDATE
      SET drafts = p.drafts + excluded.drafts, unreleased = p.unreleased + excluded.unreleased,
          unanswered = p.unanswered + excluded.unanswered;
  ELSE
    INSERT INTO case_record_progress AS p (centre_id, year, drafts, unreleased, unanswered)
    SELECT centre_id, year, sum(c[1]), sum(c[2]), sum(c[3])
    FROM (SELECT n.centre_id, n.first_contact_year AS year, case_record_progress_of(n, 1) AS c
          FROM new_rows n WHERE n.first_contact_year IS NOT NULL
          UNION ALL
          SELECT o.centre_id, o.first_contact_year, case_record_progress_of(o, -1)
          FROM old_rows o WHERE o.first_contact_year IS NOT NULL) x
    GROUP BY centre_id, year
    HAVING sum(c[1]) <> 0 OR sum(c[2]) <> 0 OR sum(c[3]) <> 0
    ON CONFLICT (centre_id, year) DO UPDATE
      SET drafts = p.drafts + excluded.drafts, unreleased = p.unreleased + excluded.unreleased,
          unanswered = p.unanswered + excluded.unanswered;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER case_record_progress_insert AFTER INSERT ON case_record
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_record_progress_keep();
CREATE TRIGGER case_record_progress_update AFTER UPDATE ON case_record
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_record_progress_keep();
CREATE TRIGGER case_record_progress_delete AFTER DELETE ON case_record
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_record_progress_keep();
