-- The reporting year's course (ADR 034, "What is missing"): what the
-- coordination office did to a year and why, the reminders sent before its
-- release deadline, and the one way the office learns what each centre
-- still has to do — as counts per centre, never a record.
--
-- * case_record_answered(record) — does a record answer every mandatory
--   question? The same rule as case_record's CHECK for complete records, in
--   one place for the centre's own list and the office's counts.
-- * case_record_progress(year) — per centre: drafts, complete records whose
--   person consented but that are not released, and consented drafts that
--   still lack a mandatory answer. SECURITY DEFINER, owned by its own role,
--   answers only in the coordination scope (the office's page) and the
--   retention scope (the reminder job); counts only.
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

-- The progress counts' own role: no login, no inheritance, reads case
-- records only inside case_record_progress (ADR 034). Created here where
-- the migrating role may (the embedded database, a superuser); otherwise
-- the operator creates it first (docs/security.md, section 9).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schutznetz_progress_reader') THEN
    BEGIN
      CREATE ROLE schutznetz_progress_reader NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'The role schutznetz_progress_reader does not exist, and % may not create it.', current_user
        USING HINT = 'As a PostgreSQL superuser run once: CREATE ROLE schutznetz_progress_reader NOLOGIN NOINHERIT '
                     'NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE; GRANT schutznetz_progress_reader TO '
                     || quote_ident(current_user) || ' WITH ADMIN OPTION; (docs/security.md, section 9).';
    END;
  END IF;
END
$$;
GRANT schutznetz_progress_reader TO CURRENT_USER;

GRANT USAGE ON SCHEMA public TO schutznetz_progress_reader;
-- The whole row: case_record_answered takes it (the function returns counts only).
GRANT SELECT ON case_record TO schutznetz_progress_reader;
-- Only while the caller is the office's page or the reminder job.
CREATE POLICY progress_read ON case_record FOR SELECT TO schutznetz_progress_reader
  USING (app_scope() IN ('coordination', 'retention'));

CREATE FUNCTION case_record_progress(p_year integer)
RETURNS TABLE (centre_id uuid, drafts integer, unreleased integer, unanswered integer)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT c.centre_id,
         count(*) FILTER (WHERE c.status = 'draft')::integer,
         count(*) FILTER (WHERE c.status = 'complete' AND c.consent_statistics AND c.released_at IS NULL)::integer,
         count(*) FILTER (WHERE c.status = 'draft' AND c.consent_statistics
                            AND NOT public.case_record_answered(c))::integer
  FROM public.case_record c
  WHERE c.first_contact_year = p_year AND public.app_scope() IN ('coordination', 'retention')
  GROUP BY c.centre_id
$$;
REVOKE ALL ON FUNCTION case_record_progress(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_record_progress(integer) TO schutznetz_app;
-- Changing a function's owner needs the new owner to be allowed to create in its schema, for that moment only.
GRANT CREATE ON SCHEMA public TO schutznetz_progress_reader;
ALTER FUNCTION case_record_progress(integer) OWNER TO schutznetz_progress_reader;
REVOKE CREATE ON SCHEMA public FROM schutznetz_progress_reader;
