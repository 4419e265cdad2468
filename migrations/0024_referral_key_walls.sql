-- Centre keys stay behind the same wall as the referrals they open: a
-- centre's transaction reads (and creates) its own referral key only, and
-- another centre's only in the one transaction that forwards a referral to
-- that centre (app.forwarding names the referral; the forwarding itself is
-- checked by referral's policies, migrations/0023). The keys are wrapped by
-- the key-encryption keys outside the database, so this is depth, not the
-- only defence: a centre's scope has no reason to see another centre's key.
ALTER POLICY key_read ON referral_centre_key
  USING (app_scope() = 'intake'
         OR (app_scope() = 'centre' AND (centre_id = app_centre_id() OR app_forwarding() IS NOT NULL)));
ALTER POLICY key_create ON referral_centre_key
  WITH CHECK (app_scope() = 'intake'
              OR (app_scope() = 'centre' AND (centre_id = app_centre_id() OR app_forwarding() IS NOT NULL)));
