-- A row's chain must be its own tenant's: without this, a centre could insert
-- a row into another centre's chain (RLS checks centre_id only) and take the
-- next sequence number, which would block that centre's audited actions.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain_matches_centre
  CHECK (chain = coalesce(centre_id::text, 'network'));
ALTER TABLE audit_chain_head ADD CONSTRAINT audit_chain_head_chain_matches_centre
  CHECK (chain = coalesce(centre_id::text, 'network'));

-- The network-wide "newest first" view of the audit log.
CREATE INDEX audit_log_at ON audit_log (at DESC, chain, seq DESC);
