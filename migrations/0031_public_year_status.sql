-- Whether a published year is being corrected, for the public statistics
-- pages (ADR 036, update): they show a year's latest public version and must
-- say when the office has reopened that year. They run in the 'auth' scope,
-- which 0026 does not let read reporting_year; before this, the pages asked
-- in the admin scope, a scope no anonymous request should ever enter.
--
-- The 'auth' scope now reads the rows of the years that have a public
-- version, and only those: a year in preparation, or one published only
-- to the network, stays invisible to it. Those rows hold the year's status,
-- deadline, dates and the reason of its latest reopening; the public pages
-- select the status and the reopening date only. Nothing in the scope may
-- change a year (the insert and update policies name the coordination scope).
CREATE POLICY public_published_read ON reporting_year FOR SELECT
  USING (app_scope() = 'auth' AND EXISTS (
    SELECT 1 FROM statistics_publication p WHERE p.year = reporting_year.year AND p.audience = 'public'));
