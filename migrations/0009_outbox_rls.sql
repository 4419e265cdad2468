-- The mail outbox holds one-time links (invitations, password resets, e-mail
-- changes), so it gets row-level security like the account tables, forced
-- for the owner too. Only the network scope reads or updates it: the
-- platform administrators' outbox page. Every scope may add a mail — a
-- centre lead inviting a counsellor ('centre'), a password reset before any
-- session exists ('auth') — but outside a scoped transaction nothing is
-- visible or writable (fail closed). The app role keeps its grants of 0004
-- (SELECT, INSERT, UPDATE; no DELETE).
ALTER TABLE outbox_mail ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_mail FORCE ROW LEVEL SECURITY;

CREATE POLICY network_read ON outbox_mail FOR SELECT
  USING (app_scope() = 'network');
CREATE POLICY network_update ON outbox_mail FOR UPDATE
  USING (app_scope() = 'network')
  WITH CHECK (app_scope() = 'network');
CREATE POLICY scoped_insert ON outbox_mail FOR INSERT
  WITH CHECK (app_scope() IN ('network', 'centre', 'auth'));
