-- Anonymous case documentation (ADR 034): each counselling centre documents
-- the persons it counsels as records without names, birth dates, addresses or
-- free text; the network counts them only through one aggregates-only path.
--
-- * reporting_year — the network's yearly data collection. Everyone working
--   in a scope that needs it reads it; only the coordination office opens,
--   closes and reopens a year.
-- * case_record — a centre's own records. Only its own members (scope
--   'centre') read and write them; the retention jobs read and delete; the
--   administrators and the coordination office see NO row.
-- * country_region — ISO 3166-1 alpha-2 codes (plus XK for Kosovo, XX for
--   unknown, XS for stateless) and the region the network publishes them as.
-- * schutznetz_statistics_reader — the role that will own case_statistics(year),
--   the only way records are counted across centres (ADR 034). The function
--   and the counts it reads, kept as records are written, come with 0029
--   (ADR 037); the role reads no record.

CREATE TABLE country_region (
  code   char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
  region text NOT NULL CHECK (region IN ('germany', 'eu_eea', 'other_europe', 'west_africa', 'east_africa',
                                         'other_africa', 'middle_east_north_africa', 'central_south_asia',
                                         'east_southeast_asia_pacific', 'americas', 'stateless_unknown'))
);

-- UN M49 regions, with the network's deviations: the EU/EEA states and the EU's
-- outermost regions form one region; Turkey and the Caucasus count as other
-- Europe; Antarctica (no population) as unknown.
INSERT INTO country_region (code, region) VALUES
  ('DE', 'germany'),
  ('AT', 'eu_eea'), ('AX', 'eu_eea'), ('BE', 'eu_eea'), ('BG', 'eu_eea'), ('CY', 'eu_eea'), ('CZ', 'eu_eea'), ('DK', 'eu_eea'), ('EE', 'eu_eea'),
  ('ES', 'eu_eea'), ('FI', 'eu_eea'), ('FR', 'eu_eea'), ('GF', 'eu_eea'), ('GP', 'eu_eea'), ('GR', 'eu_eea'), ('HR', 'eu_eea'), ('HU', 'eu_eea'),
  ('IE', 'eu_eea'), ('IS', 'eu_eea'), ('IT', 'eu_eea'), ('LI', 'eu_eea'), ('LT', 'eu_eea'), ('LU', 'eu_eea'), ('LV', 'eu_eea'), ('MF', 'eu_eea'),
  ('MQ', 'eu_eea'), ('MT', 'eu_eea'), ('NL', 'eu_eea'), ('NO', 'eu_eea'), ('PL', 'eu_eea'), ('PT', 'eu_eea'), ('RE', 'eu_eea'), ('RO', 'eu_eea'),
  ('SE', 'eu_eea'), ('SI', 'eu_eea'), ('SJ', 'eu_eea'), ('SK', 'eu_eea'), ('YT', 'eu_eea'),
  ('AD', 'other_europe'), ('AL', 'other_europe'), ('AM', 'other_europe'), ('AZ', 'other_europe'), ('BA', 'other_europe'), ('BY', 'other_europe'), ('CH', 'other_europe'), ('FO', 'other_europe'),
  ('GB', 'other_europe'), ('GE', 'other_europe'), ('GG', 'other_europe'), ('GI', 'other_europe'), ('IM', 'other_europe'), ('JE', 'other_europe'), ('MC', 'other_europe'), ('MD', 'other_europe'),
  ('ME', 'other_europe'), ('MK', 'other_europe'), ('RS', 'other_europe'), ('RU', 'other_europe'), ('SM', 'other_europe'), ('TR', 'other_europe'), ('UA', 'other_europe'), ('VA', 'other_europe'),
  ('XK', 'other_europe'),
  ('BF', 'west_africa'), ('BJ', 'west_africa'), ('CI', 'west_africa'), ('CV', 'west_africa'), ('GH', 'west_africa'), ('GM', 'west_africa'), ('GN', 'west_africa'), ('GW', 'west_africa'),
  ('LR', 'west_africa'), ('ML', 'west_africa'), ('MR', 'west_africa'), ('NE', 'west_africa'), ('NG', 'west_africa'), ('SH', 'west_africa'), ('SL', 'west_africa'), ('SN', 'west_africa'),
  ('TG', 'west_africa'),
  ('BI', 'east_africa'), ('DJ', 'east_africa'), ('ER', 'east_africa'), ('ET', 'east_africa'), ('IO', 'east_africa'), ('KE', 'east_africa'), ('KM', 'east_africa'), ('MG', 'east_africa'),
  ('MU', 'east_africa'), ('MW', 'east_africa'), ('MZ', 'east_africa'), ('RW', 'east_africa'), ('SC', 'east_africa'), ('SO', 'east_africa'), ('SS', 'east_africa'), ('TF', 'east_africa'),
  ('TZ', 'east_africa'), ('UG', 'east_africa'), ('ZM', 'east_africa'), ('ZW', 'east_africa'),
  ('AO', 'other_africa'), ('BW', 'other_africa'), ('CD', 'other_africa'), ('CF', 'other_africa'), ('CG', 'other_africa'), ('CM', 'other_africa'), ('GA', 'other_africa'), ('GQ', 'other_africa'),
  ('LS', 'other_africa'), ('NA', 'other_africa'), ('ST', 'other_africa'), ('SZ', 'other_africa'), ('TD', 'other_africa'), ('ZA', 'other_africa'),
  ('AE', 'middle_east_north_africa'), ('BH', 'middle_east_north_africa'), ('DZ', 'middle_east_north_africa'), ('EG', 'middle_east_north_africa'), ('EH', 'middle_east_north_africa'), ('IL', 'middle_east_north_africa'), ('IQ', 'middle_east_north_africa'), ('JO', 'middle_east_north_africa'),
  ('KW', 'middle_east_north_africa'), ('LB', 'middle_east_north_africa'), ('LY', 'middle_east_north_africa'), ('MA', 'middle_east_north_africa'), ('OM', 'middle_east_north_africa'), ('PS', 'middle_east_north_africa'), ('QA', 'middle_east_north_africa'), ('SA', 'middle_east_north_africa'),
  ('SD', 'middle_east_north_africa'), ('SY', 'middle_east_north_africa'), ('TN', 'middle_east_north_africa'), ('YE', 'middle_east_north_africa'),
  ('AF', 'central_south_asia'), ('BD', 'central_south_asia'), ('BT', 'central_south_asia'), ('IN', 'central_south_asia'), ('IR', 'central_south_asia'), ('KG', 'central_south_asia'), ('KZ', 'central_south_asia'), ('LK', 'central_south_asia'),
  ('MV', 'central_south_asia'), ('NP', 'central_south_asia'), ('PK', 'central_south_asia'), ('TJ', 'central_south_asia'), ('TM', 'central_south_asia'), ('UZ', 'central_south_asia'),
  ('AS', 'east_southeast_asia_pacific'), ('AU', 'east_southeast_asia_pacific'), ('BN', 'east_southeast_asia_pacific'), ('CC', 'east_southeast_asia_pacific'), ('CK', 'east_southeast_asia_pacific'), ('CN', 'east_southeast_asia_pacific'), ('CX', 'east_southeast_asia_pacific'), ('FJ', 'east_southeast_asia_pacific'),
  ('FM', 'east_southeast_asia_pacific'), ('GU', 'east_southeast_asia_pacific'), ('HK', 'east_southeast_asia_pacific'), ('HM', 'east_southeast_asia_pacific'), ('ID', 'east_southeast_asia_pacific'), ('JP', 'east_southeast_asia_pacific'), ('KH', 'east_southeast_asia_pacific'), ('KI', 'east_southeast_asia_pacific'),
  ('KP', 'east_southeast_asia_pacific'), ('KR', 'east_southeast_asia_pacific'), ('LA', 'east_southeast_asia_pacific'), ('MH', 'east_southeast_asia_pacific'), ('MM', 'east_southeast_asia_pacific'), ('MN', 'east_southeast_asia_pacific'), ('MO', 'east_southeast_asia_pacific'), ('MP', 'east_southeast_asia_pacific'),
  ('MY', 'east_southeast_asia_pacific'), ('NC', 'east_southeast_asia_pacific'), ('NF', 'east_southeast_asia_pacific'), ('NR', 'east_southeast_asia_pacific'), ('NU', 'east_southeast_asia_pacific'), ('NZ', 'east_southeast_asia_pacific'), ('PF', 'east_southeast_asia_pacific'), ('PG', 'east_southeast_asia_pacific'),
  ('PH', 'east_southeast_asia_pacific'), ('PN', 'east_southeast_asia_pacific'), ('PW', 'east_southeast_asia_pacific'), ('SB', 'east_southeast_asia_pacific'), ('SG', 'east_southeast_asia_pacific'), ('TH', 'east_southeast_asia_pacific'), ('TK', 'east_southeast_asia_pacific'), ('TL', 'east_southeast_asia_pacific'),
  ('TO', 'east_southeast_asia_pacific'), ('TV', 'east_southeast_asia_pacific'), ('TW', 'east_southeast_asia_pacific'), ('UM', 'east_southeast_asia_pacific'), ('VN', 'east_southeast_asia_pacific'), ('VU', 'east_southeast_asia_pacific'), ('WF', 'east_southeast_asia_pacific'), ('WS', 'east_southeast_asia_pacific'),
  ('AG', 'americas'), ('AI', 'americas'), ('AR', 'americas'), ('AW', 'americas'), ('BB', 'americas'), ('BL', 'americas'), ('BM', 'americas'), ('BO', 'americas'),
  ('BQ', 'americas'), ('BR', 'americas'), ('BS', 'americas'), ('BV', 'americas'), ('BZ', 'americas'), ('CA', 'americas'), ('CL', 'americas'), ('CO', 'americas'),
  ('CR', 'americas'), ('CU', 'americas'), ('CW', 'americas'), ('DM', 'americas'), ('DO', 'americas'), ('EC', 'americas'), ('FK', 'americas'), ('GD', 'americas'),
  ('GL', 'americas'), ('GS', 'americas'), ('GT', 'americas'), ('GY', 'americas'), ('HN', 'americas'), ('HT', 'americas'), ('JM', 'americas'), ('KN', 'americas'),
  ('KY', 'americas'), ('LC', 'americas'), ('MS', 'americas'), ('MX', 'americas'), ('NI', 'americas'), ('PA', 'americas'), ('PE', 'americas'), ('PM', 'americas'),
  ('PR', 'americas'), ('PY', 'americas'), ('SR', 'americas'), ('SV', 'americas'), ('SX', 'americas'), ('TC', 'americas'), ('TT', 'americas'), ('US', 'americas'),
  ('UY', 'americas'), ('VC', 'americas'), ('VE', 'americas'), ('VG', 'americas'), ('VI', 'americas'),
  ('AQ', 'stateless_unknown'), ('XS', 'stateless_unknown'), ('XX', 'stateless_unknown');

CREATE TABLE reporting_year (
  year             integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  status           text NOT NULL CHECK (status IN ('open', 'closed')),
  release_deadline date NOT NULL,
  opened_at        timestamptz NOT NULL,
  closed_at        timestamptz,
  reopened_at      timestamptz,
  reopen_reason    text CHECK (char_length(reopen_reason) BETWEEN 1 AND 500),
  CHECK (status = 'open' OR closed_at IS NOT NULL)
);

-- Every value column may be empty while the record is a draft; a complete
-- record has every mandatory one (the CHECK below). Multi-choice fields are
-- arrays: NULL is "not answered yet", '{}' "none".
CREATE TABLE case_record (
  id                         uuid PRIMARY KEY,
  centre_id                  uuid NOT NULL REFERENCES centre (id),
  status                     text NOT NULL CHECK (status IN ('draft', 'complete')),
  first_contact_year         integer CHECK (first_contact_year BETWEEN 2000 AND 2100),
  first_contact_quarter      smallint CHECK (first_contact_quarter BETWEEN 1 AND 4),
  consent_statistics         boolean,
  released_at                timestamptz,
  possibly_counted_elsewhere text CHECK (possibly_counted_elsewhere IN ('yes', 'no', 'unknown')),
  trafficking_status         text CHECK (trafficking_status IN ('presumed', 'police', 'court', 'ngo', 'other',
                                                                'not_trafficking')),
  gender                     text CHECK (gender IN ('female', 'male', 'trans', 'non_binary', 'unknown')),
  age_at_first_contact       smallint CHECK (age_at_first_contact BETWEEN 0 AND 99),
  age_unknown                boolean NOT NULL DEFAULT false,
  minor_at_exploitation      text CHECK (minor_at_exploitation IN ('yes', 'no', 'unknown')),
  unaccompanied_minor        text CHECK (unaccompanied_minor IN ('unaccompanied', 'separated', 'accompanied',
                                                                  'not_applicable')),
  citizenship                char(2) REFERENCES country_region (code),
  country_of_recruitment     text[] CHECK (cardinality(country_of_recruitment) <= 30),
  country_of_exploitation    text[] CHECK (cardinality(country_of_exploitation) <= 30),
  exploitation_forms         text[] CHECK (exploitation_forms <@ ARRAY['sexual', 'labour', 'begging', 'criminality',
                                                                       'forced_marriage', 'organ_removal', 'other',
                                                                       'unclear']),
  labour_sector              text CHECK (labour_sector ~ '^[A-U]$'),
  means_of_control           text[] CHECK (means_of_control <@ ARRAY['debt_bondage', 'takes_earnings',
                                                                   'withholds_documents', 'threats',
                                                                   'threat_of_authorities', 'restricted_movement',
                                                                   'violence', 'psychological_abuse',
                                                                   'spiritual_coercion', 'substances', 'isolation']),
  recruiter_relation         text CHECK (recruiter_relation IN ('intimate_partner', 'family', 'friend', 'employer',
                                                                'other', 'unknown')),
  first_contact_online       text CHECK (first_contact_online IN ('yes', 'no', 'unknown')),
  exploitation_timing        text[] CHECK (exploitation_timing <@ ARRAY['before_flight', 'during_flight',
                                                                         'germany_before_asylum', 'during_asylum',
                                                                         'after_asylum_decision', 'not_applicable']),
  asylum_stage               text CHECK (asylum_stage IN ('none', 'not_filed', 'pending', 'dublin', 'rejected',
                                                          'protection', 'unknown')),
  residence_status_first     text CHECK (residence_status_first IN ('german', 'eu', 'gestattung', 'duldung',
                                                                      'reflection_59_7', 'residence_25_4a',
                                                                      'other_title', 'none', 'unknown')),
  residence_status_end       text CHECK (residence_status_end IN ('german', 'eu', 'gestattung', 'duldung',
                                                                    'reflection_59_7', 'residence_25_4a',
                                                                    'other_title', 'none', 'unknown')),
  referral_source            text CHECK (referral_source IN ('self', 'police', 'customs', 'bamf', 'foreigners_office',
                                                             'jugendamt', 'reception_centre', 'other_fbs', 'other_ngo',
                                                             'medical', 'lawyer', 'private', 'unknown')),
  criminal_proceedings       text CHECK (criminal_proceedings IN ('none', 'investigation', 'charges', 'trial',
                                                                  'unknown')),
  support_provided           text[] CHECK (support_provided <@ ARRAY['psychosocial', 'accompaniment', 'asylum_support',
                                                                     'crisis', 'shelter', 'medical', 'legal', 'therapy',
                                                                     'financial', 'pregnancy_children', 'return',
                                                                     'other']),
  created_at                 timestamptz NOT NULL,
  updated_at                 timestamptz NOT NULL,
  CHECK (updated_at >= created_at),
  -- Only a complete record whose person consented can be released for the yearly analysis.
  CHECK (released_at IS NULL OR (status = 'complete' AND consent_statistics)),
  CHECK (NOT (age_unknown AND age_at_first_contact IS NOT NULL)),
  -- The minors' question is asked only below 18 (or when the age is unknown).
  CHECK (age_at_first_contact IS NULL OR age_at_first_contact < 18 OR unaccompanied_minor IS NULL
         OR unaccompanied_minor = 'not_applicable'),
  -- The sector only for labour exploitation.
  CHECK (labour_sector IS NULL OR 'labour' = ANY (exploitation_forms)),
  CHECK (array_position(country_of_recruitment, NULL) IS NULL AND array_position(country_of_exploitation, NULL) IS NULL
         AND array_position(exploitation_forms, NULL) IS NULL AND array_position(means_of_control, NULL) IS NULL
         AND array_position(exploitation_timing, NULL) IS NULL AND array_position(support_provided, NULL) IS NULL),
  -- A complete record answers every mandatory question (src/features/case-records/schema.ts decides the rest).
  CHECK (status = 'draft' OR (
    first_contact_year IS NOT NULL AND first_contact_quarter IS NOT NULL AND consent_statistics IS NOT NULL
    AND possibly_counted_elsewhere IS NOT NULL AND trafficking_status IS NOT NULL AND gender IS NOT NULL
    AND (age_unknown OR age_at_first_contact IS NOT NULL) AND minor_at_exploitation IS NOT NULL
    AND unaccompanied_minor IS NOT NULL AND citizenship IS NOT NULL
    AND cardinality(country_of_recruitment) > 0 AND cardinality(country_of_exploitation) > 0
    AND cardinality(exploitation_forms) > 0 AND ('labour' <> ALL (exploitation_forms) OR labour_sector IS NOT NULL)
    AND means_of_control IS NOT NULL AND recruiter_relation IS NOT NULL AND first_contact_online IS NOT NULL
    AND cardinality(exploitation_timing) > 0 AND asylum_stage IS NOT NULL AND residence_status_first IS NOT NULL
    AND residence_status_end IS NOT NULL AND referral_source IS NOT NULL AND criminal_proceedings IS NOT NULL
    AND cardinality(support_provided) > 0))
);
CREATE INDEX case_record_centre_idx ON case_record (centre_id, first_contact_year);
-- The statistics read one year's released records.
CREATE INDEX case_record_released_year_idx ON case_record (first_contact_year) WHERE released_at IS NOT NULL;

-- A closed year's records are locked: no insert, change or deletion, except
-- by the retention jobs (the year's end of life). Corrections go through an
-- audited reopening of the year. Also checks what a CHECK cannot: every
-- country code is a known one (Kosovo and "unknown" allowed, "stateless" only
-- as a citizenship), none twice.
CREATE FUNCTION case_record_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  years integer[];
BEGIN
  IF app_scope() <> 'retention' THEN
    IF TG_OP = 'INSERT' THEN
      years := ARRAY[NEW.first_contact_year];
    ELSIF TG_OP = 'UPDATE' THEN
      years := ARRAY[OLD.first_contact_year, NEW.first_contact_year];
    ELSE
      years := ARRAY[OLD.first_contact_year];
    END IF;
    IF EXISTS (SELECT 1 FROM reporting_year y WHERE y.year = ANY (years) AND y.status = 'closed') THEN
      RAISE EXCEPTION 'case_record: the reporting year is closed'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'case_record_year_closed';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(NEW.country_of_recruitment || NEW.country_of_exploitation) AS c(code)
             WHERE c.code = 'XS' OR c.code NOT IN (SELECT r.code FROM country_region r))
     OR cardinality(NEW.country_of_recruitment) <> (SELECT count(DISTINCT c) FROM unnest(NEW.country_of_recruitment) c)
     OR cardinality(NEW.country_of_exploitation) <> (SELECT count(DISTINCT c) FROM unnest(NEW.country_of_exploitation) c)
     OR cardinality(NEW.exploitation_forms) <> (SELECT count(DISTINCT c) FROM unnest(NEW.exploitation_forms) c)
     OR cardinality(NEW.means_of_control) <> (SELECT count(DISTINCT c) FROM unnest(NEW.means_of_control) c)
     OR cardinality(NEW.exploitation_timing) <> (SELECT count(DISTINCT c) FROM unnest(NEW.exploitation_timing) c)
     OR cardinality(NEW.support_provided) <> (SELECT count(DISTINCT c) FROM unnest(NEW.support_provided) c) THEN
    RAISE EXCEPTION 'case_record: unknown or repeated value in a list'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_record_lists';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER case_record_guard BEFORE INSERT OR UPDATE OR DELETE ON case_record
  FOR EACH ROW EXECUTE FUNCTION case_record_guard();

ALTER TABLE reporting_year ENABLE ROW LEVEL SECURITY;
ALTER TABLE reporting_year FORCE ROW LEVEL SECURITY;
ALTER TABLE case_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_record FORCE ROW LEVEL SECURITY;

CREATE POLICY year_read ON reporting_year FOR SELECT
  USING (app_scope() IN ('centre', 'coordination', 'admin', 'retention'));
CREATE POLICY coordination_insert ON reporting_year FOR INSERT
  WITH CHECK (app_scope() = 'coordination');
CREATE POLICY coordination_update ON reporting_year FOR UPDATE
  USING (app_scope() = 'coordination')
  WITH CHECK (app_scope() = 'coordination');

-- The owning centre only; the policies name the centre scope, never
-- app_centre_visible(), so the administrators and the coordination office see nothing.
CREATE POLICY centre_records ON case_record FOR ALL
  USING (app_scope() = 'centre' AND centre_id = app_centre_id())
  WITH CHECK (app_scope() = 'centre' AND centre_id = app_centre_id());
CREATE POLICY retention_read ON case_record FOR SELECT USING (app_scope() = 'retention');
CREATE POLICY retention_delete ON case_record FOR DELETE USING (app_scope() = 'retention');

GRANT SELECT ON country_region TO schutznetz_app;
GRANT SELECT, INSERT ON reporting_year TO schutznetz_app;
GRANT UPDATE (status, release_deadline, closed_at, reopened_at, reopen_reason) ON reporting_year TO schutznetz_app;
GRANT SELECT, INSERT, DELETE ON case_record TO schutznetz_app;
GRANT UPDATE (status, first_contact_year, first_contact_quarter, consent_statistics, released_at,
              possibly_counted_elsewhere, trafficking_status, gender, age_at_first_contact, age_unknown,
              minor_at_exploitation, unaccompanied_minor, citizenship, country_of_recruitment, country_of_exploitation,
              exploitation_forms, labour_sector, means_of_control, recruiter_relation, first_contact_online,
              exploitation_timing, asylum_stage, residence_status_first, residence_status_end, referral_source,
              criminal_proceedings, support_provided, updated_at) ON case_record TO schutznetz_app;

-- The statistics' own role: no login, no inheritance; reads only the
-- columns the counts need, only released records (ADR 034). Created here
-- where the migrating role may (the embedded database, a superuser);
-- otherwise the operator creates it first (docs/security.md, section 9).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schutznetz_statistics_reader') THEN
    BEGIN
      CREATE ROLE schutznetz_statistics_reader NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'The role schutznetz_statistics_reader does not exist, and % may not create it.', current_user
        USING HINT = 'As a PostgreSQL superuser run once: CREATE ROLE schutznetz_statistics_reader NOLOGIN NOINHERIT '
                     'NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE; GRANT schutznetz_statistics_reader TO '
                     || quote_ident(current_user) || ' WITH ADMIN OPTION; (docs/security.md, section 9).';
    END;
  END IF;
END
$$;
-- The migrating role must be able to hand the function to it.
GRANT schutznetz_statistics_reader TO CURRENT_USER;

GRANT USAGE ON SCHEMA public TO schutznetz_statistics_reader;
