-- Scheduled publishing of the library's works (ADR 045): a published work
-- whose published_at lies ahead is scheduled, and the anonymous 'auth'
-- scope must not read it (nor its editions, versions and files) before
-- that time — in the database, not only in the query.
--
-- "Now" is the request's time, which the application sets as the
-- transaction-local setting app.now (so a test's fake clock and the
-- database agree); without it the database's own now() answers, so a
-- forgotten setting never shows a scheduled work early by much.

CREATE FUNCTION publication_now() RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(nullif(current_setting('app.now', true), '')::timestamptz, now())
$$;

DROP POLICY read ON publication_work;
CREATE POLICY read ON publication_work FOR SELECT
  USING (app_scope() IN ('admin', 'coordination')
         OR (app_scope() = 'centre' AND status = 'published')
         OR (app_scope() = 'auth' AND status = 'published' AND published_at <= publication_now()));

DROP POLICY read ON publication_edition;
CREATE POLICY read ON publication_edition FOR SELECT
  USING (app_scope() IN ('admin', 'coordination')
         OR (app_scope() = 'centre'
             AND EXISTS (SELECT 1 FROM publication_work w WHERE w.id = work_id AND w.status = 'published'))
         OR (app_scope() = 'auth' AND visibility = 'public'
             AND EXISTS (SELECT 1 FROM publication_work w WHERE w.id = work_id AND w.status = 'published'
                         AND w.published_at <= publication_now())));
