-- Re-wrapping the centres' referral keys after a rotation of the
-- key-encryption keys (ADR 032, docs/security.md section 11). A centre key
-- stays wrapped under the KEK id it was made with until an operator runs
-- `schutznetz keys rewrap`; only then can an old KEK leave the ring.
--
-- The command works in a scope of its own, 'keys' (src/platform/db/tenant.ts),
-- never reached by a request. It reads every centre's key row and may change
-- one column of it, wrapped_key: the centre, the version and the date stay,
-- and so do the referrals' data keys and payloads (envelope encryption).
-- No other scope gains anything: 'centre' and 'intake' still only read and
-- create, nobody else sees a key row, and no scope deletes one.

CREATE POLICY keys_read ON referral_centre_key FOR SELECT
  USING (app_scope() = 'keys');
CREATE POLICY keys_rewrap ON referral_centre_key FOR UPDATE
  USING (app_scope() = 'keys')
  WITH CHECK (app_scope() = 'keys');
-- Should a later permissive UPDATE policy appear, it still needs the 'keys' scope.
CREATE POLICY only_keys_rewraps ON referral_centre_key AS RESTRICTIVE FOR UPDATE
  USING (app_scope() = 'keys')
  WITH CHECK (app_scope() = 'keys');

GRANT UPDATE (wrapped_key) ON referral_centre_key TO schutznetz_app;
