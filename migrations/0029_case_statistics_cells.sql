-- The network's counts of a reporting year, kept as records are written,
-- per centre and cell (ADR 037), and the one function that reads them
-- (ADR 034). Counting a year's records when asked took about four seconds
-- of CPU for a year of a million records; summing kept counts takes a few
-- milliseconds whatever the number of records.
--
-- * case_record_categories(record) — the categories one record is counted
--   under (age band, region, place of exploitation, asylum context …),
--   written once. The view case_record_category (the centres' own
--   dashboards) and the kept counts both read it, so a centre's figures and
--   the network's cannot drift apart.
-- * case_record_cells(record) — every cell of the catalogue one record adds
--   one to: the total, each dimension, the cross pairs, and a yes or a no
--   for every option of the multi-choice lists (58 cells).
-- * case_statistics_cell — per reporting year, centre and cell: how many of
--   the centre's consented, released, complete records of that year are in
--   the cell. Kept by statement-level triggers on case_record that run with
--   the writer's own rights in the writer's own scope, exactly like
--   case_record_progress (0028): a centre keeps its own rows, the retention
--   job every row. Nobody else reads it — not the office, not the
--   administrators: a centre's own count of a cell may be 1. Only the
--   statistics' role reads it, inside case_statistics.
-- * case_statistics(year) — the sum of the kept cells and the number of
--   centres behind each, owned by schutznetz_statistics_reader (0026), which
--   reads these counts and no record: the one path on which counts leave a
--   centre cannot read a record at all.
--
-- A centre could write its own rows by hand. It can do no more with that
-- than with records it makes up (which it can always enter): it knows its
-- own contribution to every published cell either way, and every row it
-- writes is counted as its own centre's (ADR 037, "What a centre can write").

-- The region a citizenship is published as. A function of its own (not a
-- subquery in case_record_categories): PostgreSQL 15 to 18 fail to plan a
-- correlated subquery on a whole-row argument once the function holding it
-- is inlined into a LATERAL join ("variable not found in subplan target list").
CREATE FUNCTION country_region_of(p_code text) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT r.region FROM public.country_region r WHERE r.code = p_code $$;

CREATE FUNCTION case_record_categories(c case_record)
RETURNS TABLE (
  gender text, age_band text, citizenship_region text, trafficking_status text, exploitation_place text,
  asylum_stage text, asylum_context text, residence_status_first text, referral_source text,
  criminal_proceedings text, minor_at_exploitation text, unaccompanied_minor text, possibly_counted_elsewhere text,
  exploitation_forms text[], exploitation_timing text[], support_provided text[])
LANGUAGE sql STABLE AS $$
  SELECT
    coalesce(c.gender, 'unknown'),
    CASE WHEN c.age_unknown OR c.age_at_first_contact IS NULL THEN 'unknown'
         WHEN c.age_at_first_contact <= 13 THEN '0-13'
         WHEN c.age_at_first_contact <= 17 THEN '14-17'
         WHEN c.age_at_first_contact <= 20 THEN '18-20'
         WHEN c.age_at_first_contact <= 29 THEN '21-29'
         WHEN c.age_at_first_contact <= 39 THEN '30-39'
         ELSE '40+' END,
    coalesce(public.country_region_of(c.citizenship), 'stateless_unknown'),
    coalesce(c.trafficking_status, 'unknown'),
    CASE WHEN 'DE' = ANY (c.country_of_exploitation) AND NOT c.country_of_exploitation <@ ARRAY['DE', 'XX'] THEN 'both'
         WHEN 'DE' = ANY (c.country_of_exploitation) THEN 'germany'
         WHEN NOT c.country_of_exploitation <@ ARRAY['DE', 'XX'] THEN 'abroad'
         ELSE 'unknown' END,
    coalesce(c.asylum_stage, 'unknown'),
    CASE coalesce(c.asylum_stage, 'unknown') WHEN 'not_filed' THEN 'before' WHEN 'pending' THEN 'during'
                                             WHEN 'dublin' THEN 'during' WHEN 'unknown' THEN 'unknown'
                                             ELSE 'other' END,
    coalesce(c.residence_status_first, 'unknown'),
    coalesce(c.referral_source, 'unknown'),
    coalesce(c.criminal_proceedings, 'unknown'),
    coalesce(c.minor_at_exploitation, 'unknown'),
    coalesce(c.unaccompanied_minor, 'unknown'),
    coalesce(c.possibly_counted_elsewhere, 'unknown'),
    -- Multi-choice lists as they are; case_record_cells splits them into a yes or no per option.
    coalesce(c.exploitation_forms, '{}'),
    coalesce(c.exploitation_timing, '{}'),
    coalesce(c.support_provided, '{}')
$$;

-- The categories of each record as its reader may see it: a view with the
-- reader's rights (security_invoker), under that role's row-level security,
-- so it opens nothing; a centre's dashboard reads its own records through it.
CREATE VIEW case_record_category WITH (security_invoker = true) AS
SELECT c.centre_id, c.status, c.first_contact_year, c.consent_statistics, c.released_at,
       k.gender, k.age_band, k.citizenship_region, k.trafficking_status, k.exploitation_place, k.asylum_stage,
       k.asylum_context, k.residence_status_first, k.referral_source, k.criminal_proceedings,
       k.minor_at_exploitation, k.unaccompanied_minor, k.possibly_counted_elsewhere, k.exploitation_forms,
       k.exploitation_timing, k.support_provided
FROM public.case_record c
CROSS JOIN LATERAL public.case_record_categories(c) k;
GRANT SELECT ON case_record_category TO schutznetz_app;

-- Does a record count outside its centre? Consented, released, complete,
-- with a year.
CREATE FUNCTION case_record_counted(c case_record) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT c.status = 'complete' AND coalesce(c.consent_statistics, false) AND c.released_at IS NOT NULL
    AND c.first_contact_year IS NOT NULL
$$;

-- The cells of the catalogue one record is in. dim_b and val_b are '' for a
-- one-way cell (a key column cannot be NULL); case_statistics returns NULL.
-- The option lists are the vocabulary's (case-records/vocabulary.ts;
-- vocabulary.test.ts compares them with this function).
-- Called once per record, never inlined (its SET clause sees to that): its
-- nested LATERAL joins hit the same planner fault when inlined on a row.
CREATE FUNCTION case_record_cells(c case_record)
RETURNS TABLE (dim_a text, val_a text, dim_b text, val_b text)
LANGUAGE sql STABLE
SET search_path = public, pg_temp
AS $$
  SELECT x.dim_a, x.val_a, x.dim_b, x.val_b
  FROM public.case_record_categories(c) k
  CROSS JOIN LATERAL (
    VALUES ('total', 'all', '', ''),
           ('gender', k.gender, '', ''),
           ('age_band', k.age_band, '', ''),
           ('gender', k.gender, 'age_band', k.age_band),
           ('citizenship_region', k.citizenship_region, '', ''),
           ('trafficking_status', k.trafficking_status, '', ''),
           ('exploitation_place', k.exploitation_place, '', ''),
           ('residence_status_first', k.residence_status_first, '', ''),
           ('referral_source', k.referral_source, '', ''),
           ('criminal_proceedings', k.criminal_proceedings, '', ''),
           ('minor_at_exploitation', k.minor_at_exploitation, '', ''),
           ('unaccompanied_minor', k.unaccompanied_minor, '', ''),
           ('possibly_counted_elsewhere', k.possibly_counted_elsewhere, '', ''),
           ('asylum_stage', k.asylum_stage, '', ''),
           ('asylum_context', k.asylum_context, '', ''),
           ('asylum_context', k.asylum_context, 'gender', k.gender)
    UNION ALL
    SELECT 'exploitation_form.' || o, CASE WHEN o = ANY (k.exploitation_forms) THEN 'yes' ELSE 'no' END, d.dim, d.val
    FROM unnest(ARRAY['sexual', 'labour', 'begging', 'criminality', 'forced_marriage', 'organ_removal', 'other',
                      'unclear']) o
    CROSS JOIN (VALUES ('', ''), ('asylum_stage', k.asylum_stage), ('gender', k.gender)) d (dim, val)
    UNION ALL
    SELECT 'exploitation_timing.' || o, CASE WHEN o = ANY (k.exploitation_timing) THEN 'yes' ELSE 'no' END, '', ''
    FROM unnest(ARRAY['before_flight', 'during_flight', 'germany_before_asylum', 'during_asylum',
                      'after_asylum_decision', 'not_applicable']) o
    UNION ALL
    SELECT 'support_provided.' || o, CASE WHEN o = ANY (k.support_provided) THEN 'yes' ELSE 'no' END, '', ''
    FROM unnest(ARRAY['psychosocial', 'accompaniment', 'asylum_support', 'crisis', 'shelter', 'medical', 'legal',
                      'therapy', 'financial', 'pregnancy_children', 'return', 'other']) o
  ) x (dim_a, val_a, dim_b, val_b)
$$;

CREATE TABLE case_statistics_cell (
  year      integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  centre_id uuid NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
  dim_a     text NOT NULL,
  val_a     text NOT NULL,
  dim_b     text NOT NULL,
  val_b     text NOT NULL,
  -- No CHECK (>= 0): an upsert's proposed row carries the statement's delta
  -- (see case_record_progress). A row that reaches 0 is deleted.
  n         integer NOT NULL,
  PRIMARY KEY (year, centre_id, dim_a, val_a, dim_b, val_b)
);

ALTER TABLE case_statistics_cell ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_statistics_cell FORCE ROW LEVEL SECURITY;
-- The writers' policies name the application role, so the statistics' role
-- gets nothing from them in a centre's or the retention job's scope.
CREATE POLICY centre_own ON case_statistics_cell FOR ALL TO schutznetz_app
  USING (app_scope() = 'centre' AND centre_id = app_centre_id())
  WITH CHECK (app_scope() = 'centre' AND centre_id = app_centre_id());
CREATE POLICY retention_all ON case_statistics_cell FOR ALL TO schutznetz_app
  USING (app_scope() = 'retention')
  WITH CHECK (app_scope() = 'retention');
-- The statistics' role reads every row, and only while the caller works for
-- the network as a whole (case_statistics checks the scope as well).
CREATE POLICY statistics_read ON case_statistics_cell FOR SELECT TO schutznetz_statistics_reader
  USING (app_scope() IN ('coordination', 'admin'));
GRANT SELECT, INSERT, UPDATE, DELETE ON case_statistics_cell TO schutznetz_app;
GRANT SELECT ON case_statistics_cell TO schutznetz_statistics_reader;

-- Statement-level, with the statement's old and new rows: one upsert per
-- statement, whatever the number of records it wrote, in key order (two
-- counsellors of one centre releasing at once lock the rows in the same
-- order, never in a cycle); nothing where no counted record changed. Rows
-- that reach 0 go, so a year whose records the retention job deleted leaves
-- nothing behind.
CREATE FUNCTION case_statistics_cell_keep() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_statistics_cell AS s (year, centre_id, dim_a, val_a, dim_b, val_b, n)
    SELECT r.first_contact_year, r.centre_id, k.dim_a, k.val_a, k.dim_b, k.val_b, count(*)::integer
    FROM new_rows r CROSS JOIN LATERAL case_record_cells(r) k
    WHERE case_record_counted(r)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (year, centre_id, dim_a, val_a, dim_b, val_b) DO UPDATE SET n = s.n + excluded.n;
    RETURN NULL;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO case_statistics_cell AS s (year, centre_id, dim_a, val_a, dim_b, val_b, n)
    SELECT r.first_contact_year, r.centre_id, k.dim_a, k.val_a, k.dim_b, k.val_b, -count(*)::integer
    FROM old_rows r CROSS JOIN LATERAL case_record_cells(r) k
    WHERE case_record_counted(r)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (year, centre_id, dim_a, val_a, dim_b, val_b) DO UPDATE SET n = s.n + excluded.n;
  ELSE
    -- An update: what the old rows counted goes, what the new ones count comes;
    -- a record whose counted answers did not change moves nothing.
    INSERT INTO case_statistics_cell AS s (year, centre_id, dim_a, val_a, dim_b, val_b, n)
    SELECT year, centre_id, dim_a, val_a, dim_b, val_b, sum(d)::integer
    FROM (SELECT r.first_contact_year AS year, r.centre_id, k.dim_a, k.val_a, k.dim_b, k.val_b, 1 AS d
          FROM new_rows r CROSS JOIN LATERAL case_record_cells(r) k WHERE case_record_counted(r)
          UNION ALL
          SELECT r.first_contact_year, r.centre_id, k.dim_a, k.val_a, k.dim_b, k.val_b, -1
          FROM old_rows r CROSS JOIN LATERAL case_record_cells(r) k WHERE case_record_counted(r)) x
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(d) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (year, centre_id, dim_a, val_a, dim_b, val_b) DO UPDATE SET n = s.n + excluded.n;
  END IF;
  -- Only what the old rows counted can reach 0 (deletions, updates).
  DELETE FROM case_statistics_cell s
  WHERE s.n = 0 AND (s.year, s.centre_id) IN (SELECT r.first_contact_year, r.centre_id FROM old_rows r
                                               WHERE case_record_counted(r));
  RETURN NULL;
END;
$$;
CREATE TRIGGER case_statistics_cell_insert AFTER INSERT ON case_record
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_statistics_cell_keep();
CREATE TRIGGER case_statistics_cell_update AFTER UPDATE ON case_record
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_statistics_cell_keep();
CREATE TRIGGER case_statistics_cell_delete AFTER DELETE ON case_record
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_statistics_cell_keep();

-- The network's counts of one reporting year, from the kept cells: per cell
-- the sum and the number of centres behind it; a cell below 5 records or
-- from fewer than 3 centres comes back with n NULL (primary suppression at
-- the network-internal threshold; public output raises it to 10 in the
-- application). Absent cells are zeros.
CREATE FUNCTION case_statistics(p_year integer)
RETURNS TABLE (dim_a text, val_a text, dim_b text, val_b text, n integer)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT s.dim_a, s.val_a, nullif(s.dim_b, ''), nullif(s.val_b, ''),
         CASE WHEN sum(s.n) < 5 OR count(*) FILTER (WHERE s.n > 0) < 3 THEN NULL ELSE sum(s.n)::integer END
  FROM public.case_statistics_cell s
  WHERE s.year = p_year AND public.app_scope() IN ('coordination', 'admin')
  GROUP BY s.dim_a, s.val_a, s.dim_b, s.val_b
  HAVING sum(s.n) > 0
$$;

REVOKE ALL ON FUNCTION case_statistics(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_statistics(integer) TO schutznetz_app;
-- Changing a function's owner needs the new owner to be allowed to create in its schema, for that moment only.
GRANT CREATE ON SCHEMA public TO schutznetz_statistics_reader;
ALTER FUNCTION case_statistics(integer) OWNER TO schutznetz_statistics_reader;
REVOKE CREATE ON SCHEMA public FROM schutznetz_statistics_reader;
