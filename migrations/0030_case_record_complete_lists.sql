-- A complete record must answer its lists. 0026's CHECK asked for
-- `cardinality(list) > 0`, which is NULL for a list not answered at all (NULL),
-- and a CHECK that comes out NULL passes: a record could be stored as complete
-- with no answer to its countries, forms of exploitation, timing or support.
-- The counts then read such a list as "none" (case_record_category) instead of
-- leaving the record out. The same CHECK again, every condition as before,
-- with each list counted as empty when it is NULL, as case_record_answered
-- (0028) already does; and with a name, so a refusal says which rule it was.

-- Records the old CHECK let through must go before the new one is checked.
-- The application never completes a record without these answers
-- (src/features/case-records/schema.ts), but the database allowed it to
-- anything else that wrote (an import of an earlier version, SQL by hand), so
-- such records may exist. They are not complete: they become drafts again,
-- which also withdraws their release (only a complete record can be released).
-- No answer is made up for them (an empty list would claim "none", a code like
-- 'unclear' an answer nobody gave); the centre completes them, in a closed year
-- after a reopening. Figures already published stay as they were published
-- (statistics_publication is immutable); later counts leave these records out
-- until they are complete.
--
-- How: case_record's row-level security is forced for the owner too and lets
-- only a centre change its own records, so it is lifted for this statement
-- (one transaction: nobody sees the table without it). The retention scope lets
-- the change through the closed years' lock (case_record_guard) and lets the
-- triggers move the centres' counts (case_record_progress, and the kept
-- statistics' cells of 0029, which no longer count these records); both are
-- reset below, as the migrations share one transaction.
ALTER TABLE case_record NO FORCE ROW LEVEL SECURITY;
SELECT set_config('app.scope', 'retention', true);
UPDATE case_record
SET status = 'draft', released_at = NULL, updated_at = greatest(updated_at, now())
WHERE status = 'complete'
  AND (country_of_recruitment IS NULL OR country_of_exploitation IS NULL OR exploitation_forms IS NULL
       OR exploitation_timing IS NULL OR support_provided IS NULL);
SELECT set_config('app.scope', '', true);
ALTER TABLE case_record FORCE ROW LEVEL SECURITY;

ALTER TABLE case_record DROP CONSTRAINT case_record_check6;
-- A complete record answers every mandatory question (src/features/case-records/schema.ts decides the rest).
ALTER TABLE case_record ADD CONSTRAINT case_record_complete CHECK (status = 'draft' OR (
  first_contact_year IS NOT NULL AND first_contact_quarter IS NOT NULL AND consent_statistics IS NOT NULL
  AND possibly_counted_elsewhere IS NOT NULL AND trafficking_status IS NOT NULL AND gender IS NOT NULL
  AND (age_unknown OR age_at_first_contact IS NOT NULL) AND minor_at_exploitation IS NOT NULL
  AND unaccompanied_minor IS NOT NULL AND citizenship IS NOT NULL
  AND coalesce(cardinality(country_of_recruitment), 0) > 0 AND coalesce(cardinality(country_of_exploitation), 0) > 0
  AND coalesce(cardinality(exploitation_forms), 0) > 0 AND ('labour' <> ALL (exploitation_forms) OR labour_sector IS NOT NULL)
  AND means_of_control IS NOT NULL AND recruiter_relation IS NOT NULL AND first_contact_online IS NOT NULL
  AND coalesce(cardinality(exploitation_timing), 0) > 0 AND asylum_stage IS NOT NULL AND residence_status_first IS NOT NULL
  AND residence_status_end IS NOT NULL AND referral_source IS NOT NULL AND criminal_proceedings IS NOT NULL
  AND coalesce(cardinality(support_provided), 0) > 0));
