-- Administrators and the coordination office no longer share one scope
-- (ADR 021). Both still see every centre's rows, but the database tells
-- them apart: the mail outbox, which holds live one-time links
-- (invitations, resets, e-mail changes), is read and marked sent in the
-- 'admin' scope only, so a bug on a coordination page cannot show it.
-- The old value 'network' now matches nothing (fails closed).

CREATE OR REPLACE FUNCTION app_centre_visible(c uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE app_scope()
    WHEN 'admin' THEN true
    WHEN 'coordination' THEN true
    WHEN 'centre' THEN c IS NOT NULL AND c = app_centre_id()
    ELSE false
  END
$$;

-- Centres are created and renamed by administrators (and the operator's
-- commands, which run in the 'admin' scope); everyone reads their own.
ALTER POLICY tenant ON centre
  USING (app_centre_visible(id) OR app_scope() = 'auth')
  WITH CHECK (app_scope() = 'admin');

DROP POLICY network_read ON outbox_mail;
DROP POLICY network_update ON outbox_mail;
CREATE POLICY admin_read ON outbox_mail FOR SELECT
  USING (app_scope() = 'admin');
CREATE POLICY admin_update ON outbox_mail FOR UPDATE
  USING (app_scope() = 'admin')
  WITH CHECK (app_scope() = 'admin');
ALTER POLICY scoped_insert ON outbox_mail
  WITH CHECK (app_scope() IN ('admin', 'coordination', 'centre', 'auth'));
