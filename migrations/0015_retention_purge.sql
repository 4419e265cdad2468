-- Retention: the scheduled purge (src/platform/retention/) deletes what has
-- served its purpose — ended one-time links, outbox mails, throttle counters,
-- passkey challenges. Until now nothing could delete one-time links or
-- outbox mails: the application role had no DELETE on them.
--
-- The purge runs in a scope of its own, 'retention', that no request ever
-- gets (scopeOf() maps no role to it). The application role may now delete
-- from the four tables below, but a restrictive policy allows it in that
-- scope only: a request in the network, centre or auth scope still deletes
-- nothing there (0 rows), so a bug in a route cannot make an invitation,
-- a reset link or an outbox mail disappear. Links are ended by setting
-- used_at, never by deleting them; the purge removes them 30 days later.
--
-- The retention scope reads these rows only to choose what to delete; it
-- sees nothing in any other table under row-level security
-- (app_centre_visible() is false for it).

GRANT DELETE ON invitation, password_reset, email_change, outbox_mail TO schutznetz_app;

CREATE POLICY retention_read ON invitation FOR SELECT USING (app_scope() = 'retention');
CREATE POLICY retention_delete ON invitation FOR DELETE USING (app_scope() = 'retention');
CREATE POLICY only_retention_deletes ON invitation AS RESTRICTIVE FOR DELETE USING (app_scope() = 'retention');

CREATE POLICY retention_read ON password_reset FOR SELECT USING (app_scope() = 'retention');
CREATE POLICY retention_delete ON password_reset FOR DELETE USING (app_scope() = 'retention');
CREATE POLICY only_retention_deletes ON password_reset AS RESTRICTIVE FOR DELETE USING (app_scope() = 'retention');

CREATE POLICY retention_read ON email_change FOR SELECT USING (app_scope() = 'retention');
CREATE POLICY retention_delete ON email_change FOR DELETE USING (app_scope() = 'retention');
CREATE POLICY only_retention_deletes ON email_change AS RESTRICTIVE FOR DELETE USING (app_scope() = 'retention');

CREATE POLICY retention_read ON outbox_mail FOR SELECT USING (app_scope() = 'retention');
CREATE POLICY retention_delete ON outbox_mail FOR DELETE USING (app_scope() = 'retention');
CREATE POLICY only_retention_deletes ON outbox_mail AS RESTRICTIVE FOR DELETE USING (app_scope() = 'retention');
