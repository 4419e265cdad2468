-- The categories a case record is counted under, derived in one place for
-- the two readers that count records: the network's case_statistics (ADR
-- 034) and a centre's own dashboard (src/features/statistics/queries/
-- counts.ts). Before, each spelt out the age bands, the regions, the place
-- of exploitation and the asylum context itself; a change to one would have
-- made a centre's figures stop adding up to the network's without any error.
--
-- * case_record_category — a view with the reader's rights
--   (security_invoker): it reads case_record and country_region as whoever
--   queries it, under that role's row-level security and column grants, so
--   it opens nothing. The application role in a centre's scope sees that
--   centre's records through it and nobody sees more than case_record shows
--   them; the statistics' role, inside case_statistics, sees the released
--   records as before. It names only columns that role may read (0026), so
--   the view needs no grant on any other column. A plain view: the planner
--   inlines it, case_statistics stays one query with one scan.
-- * case_statistics — the same function, now reading the view; the asylum
--   context comes from the view too and is grouped beside the asylum stage
--   it is a function of (no more groups).

CREATE VIEW case_record_category WITH (security_invoker = true) AS
SELECT
  c.centre_id,
  c.status,
  c.first_contact_year,
  c.consent_statistics,
  c.released_at,
  coalesce(c.gender, 'unknown') AS gender,
  CASE WHEN c.age_unknown OR c.age_at_first_contact IS NULL THEN 'unknown'
       WHEN c.age_at_first_contact <= 13 THEN '0-13'
       WHEN c.age_at_first_contact <= 17 THEN '14-17'
       WHEN c.age_at_first_contact <= 20 THEN '18-20'
       WHEN c.age_at_first_contact <= 29 THEN '21-29'
       WHEN c.age_at_first_contact <= 39 THEN '30-39'
       ELSE '40+' END AS age_band,
  coalesce(r.region, 'stateless_unknown') AS citizenship_region,
  coalesce(c.trafficking_status, 'unknown') AS trafficking_status,
  CASE WHEN 'DE' = ANY (c.country_of_exploitation) AND NOT c.country_of_exploitation <@ ARRAY['DE', 'XX'] THEN 'both'
       WHEN 'DE' = ANY (c.country_of_exploitation) THEN 'germany'
       WHEN NOT c.country_of_exploitation <@ ARRAY['DE', 'XX'] THEN 'abroad'
       ELSE 'unknown' END AS exploitation_place,
  coalesce(c.asylum_stage, 'unknown') AS asylum_stage,
  CASE coalesce(c.asylum_stage, 'unknown') WHEN 'not_filed' THEN 'before' WHEN 'pending' THEN 'during'
                                           WHEN 'dublin' THEN 'during' WHEN 'unknown' THEN 'unknown'
                                           ELSE 'other' END AS asylum_context,
  coalesce(c.residence_status_first, 'unknown') AS residence_status_first,
  coalesce(c.referral_source, 'unknown') AS referral_source,
  coalesce(c.criminal_proceedings, 'unknown') AS criminal_proceedings,
  coalesce(c.minor_at_exploitation, 'unknown') AS minor_at_exploitation,
  coalesce(c.unaccompanied_minor, 'unknown') AS unaccompanied_minor,
  coalesce(c.possibly_counted_elsewhere, 'unknown') AS possibly_counted_elsewhere,
  -- Multi-choice lists as they are; a reader splits them into yes/no per option.
  coalesce(c.exploitation_forms, '{}') AS exploitation_forms,
  coalesce(c.exploitation_timing, '{}') AS exploitation_timing,
  coalesce(c.support_provided, '{}') AS support_provided
FROM public.case_record c
LEFT JOIN public.country_region r ON r.code = c.citizenship;

GRANT SELECT ON case_record_category TO schutznetz_app, schutznetz_statistics_reader;

-- As in 0026, but reading the view. Still SECURITY DEFINER and owned by the
-- statistics' role (CREATE OR REPLACE keeps owner and grants).
CREATE OR REPLACE FUNCTION case_statistics(p_year integer)
RETURNS TABLE (dim_a text, val_a text, dim_b text, val_b text, n integer)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
SET work_mem = '64MB'
AS $$
  WITH rec AS (
    SELECT v.centre_id, v.gender, v.age_band, v.citizenship_region, v.trafficking_status, v.exploitation_place,
           v.asylum_stage, v.asylum_context, v.residence_status_first, v.referral_source, v.criminal_proceedings,
           v.minor_at_exploitation, v.unaccompanied_minor, v.possibly_counted_elsewhere, v.exploitation_forms,
           v.exploitation_timing, v.support_provided
    FROM public.case_record_category v
    WHERE v.first_contact_year = p_year AND v.released_at IS NOT NULL AND v.consent_statistics
      AND v.status = 'complete' AND public.app_scope() IN ('coordination', 'admin')
  ),
  -- Every column of rec is never NULL, so in a row of g exactly its set's columns are not NULL.
  g AS (
    SELECT rec.*, count(*)::integer AS k FROM rec
    GROUP BY centre_id, GROUPING SETS (
      (gender, age_band), (exploitation_forms, asylum_stage, asylum_context, gender), (citizenship_region),
      (trafficking_status), (exploitation_place), (residence_status_first), (referral_source), (criminal_proceedings),
      (minor_at_exploitation), (unaccompanied_minor), (possibly_counted_elsewhere), (exploitation_timing),
      (support_provided))
  ),
  -- The set of forms × stage × gender gives the forms' tables, the asylum stage and context, and context × gender.
  triple AS (
    SELECT g.centre_id, g.k, g.exploitation_forms, g.asylum_stage, g.asylum_context, g.gender
    FROM g WHERE g.exploitation_forms IS NOT NULL
  ),
  per_centre AS (
    SELECT 'total' AS dim_a, 'all' AS val_a, NULL AS dim_b, NULL AS val_b, centre_id, k FROM g WHERE age_band IS NOT NULL
    UNION ALL SELECT 'gender', gender, NULL, NULL, centre_id, k FROM g WHERE age_band IS NOT NULL
    UNION ALL SELECT 'age_band', age_band, NULL, NULL, centre_id, k FROM g WHERE age_band IS NOT NULL
    UNION ALL SELECT 'gender', gender, 'age_band', age_band, centre_id, k FROM g WHERE age_band IS NOT NULL
    UNION ALL SELECT 'citizenship_region', citizenship_region, NULL, NULL, centre_id, k FROM g WHERE citizenship_region IS NOT NULL
    UNION ALL SELECT 'trafficking_status', trafficking_status, NULL, NULL, centre_id, k FROM g WHERE trafficking_status IS NOT NULL
    UNION ALL SELECT 'exploitation_place', exploitation_place, NULL, NULL, centre_id, k FROM g WHERE exploitation_place IS NOT NULL
    UNION ALL SELECT 'residence_status_first', residence_status_first, NULL, NULL, centre_id, k FROM g WHERE residence_status_first IS NOT NULL
    UNION ALL SELECT 'referral_source', referral_source, NULL, NULL, centre_id, k FROM g WHERE referral_source IS NOT NULL
    UNION ALL SELECT 'criminal_proceedings', criminal_proceedings, NULL, NULL, centre_id, k FROM g WHERE criminal_proceedings IS NOT NULL
    UNION ALL SELECT 'minor_at_exploitation', minor_at_exploitation, NULL, NULL, centre_id, k FROM g WHERE minor_at_exploitation IS NOT NULL
    UNION ALL SELECT 'unaccompanied_minor', unaccompanied_minor, NULL, NULL, centre_id, k FROM g WHERE unaccompanied_minor IS NOT NULL
    UNION ALL SELECT 'possibly_counted_elsewhere', possibly_counted_elsewhere, NULL, NULL, centre_id, k FROM g WHERE possibly_counted_elsewhere IS NOT NULL
    UNION ALL SELECT 'asylum_stage', asylum_stage, NULL, NULL, centre_id, k FROM triple
    UNION ALL SELECT 'asylum_context', asylum_context, NULL, NULL, centre_id, k FROM triple
    UNION ALL SELECT 'asylum_context', asylum_context, 'gender', gender, centre_id, k FROM triple
    UNION ALL SELECT 'exploitation_form.' || o, CASE WHEN o = ANY (t.exploitation_forms) THEN 'yes' ELSE 'no' END, d.dim, d.val, t.centre_id, t.k
      FROM triple t
      CROSS JOIN unnest(ARRAY['sexual', 'labour', 'begging', 'criminality', 'forced_marriage', 'organ_removal', 'other', 'unclear']) o
      CROSS JOIN LATERAL (VALUES (NULL, NULL), ('asylum_stage', t.asylum_stage), ('gender', t.gender)) d (dim, val)
    UNION ALL SELECT 'exploitation_timing.' || o, CASE WHEN o = ANY (g.exploitation_timing) THEN 'yes' ELSE 'no' END, NULL, NULL, centre_id, k
      FROM g CROSS JOIN unnest(ARRAY['before_flight', 'during_flight', 'germany_before_asylum', 'during_asylum', 'after_asylum_decision', 'not_applicable']) o
      WHERE g.exploitation_timing IS NOT NULL
    UNION ALL SELECT 'support_provided.' || o, CASE WHEN o = ANY (g.support_provided) THEN 'yes' ELSE 'no' END, NULL, NULL, centre_id, k
      FROM g CROSS JOIN unnest(ARRAY['psychosocial', 'accompaniment', 'asylum_support', 'crisis', 'shelter', 'medical', 'legal', 'therapy', 'financial', 'pregnancy_children', 'return', 'other']) o
      WHERE g.support_provided IS NOT NULL
  ),
  -- Per cell and centre first, so that the centres are counted without count(DISTINCT …).
  cells AS (
    SELECT p.dim_a, p.val_a, p.dim_b, p.val_b, sum(p.k)::integer AS n, count(*)::integer AS centres
    FROM (SELECT dim_a, val_a, dim_b, val_b, centre_id, sum(k) AS k FROM per_centre GROUP BY 1, 2, 3, 4, 5) p
    GROUP BY 1, 2, 3, 4
  )
  SELECT dim_a, val_a, dim_b, val_b, CASE WHEN n < 5 OR centres < 3 THEN NULL ELSE n END FROM cells
$$;
