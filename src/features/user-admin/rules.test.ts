/** The object-level rules on their own: every actor role against every kind of account. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/db/schema.ts';
import { disableCheck, mayView, otherCentreRole, roleChangeCheck, roleOffer } from './rules.ts';

const A = '0a000000-0000-4000-8000-00000000000a';
const B = '0b000000-0000-4000-8000-00000000000b';

let n = 0;
const person = (role: Role, centreId: string | null, disabled = false) => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  userId: '',
  role,
  centreId,
  disabled,
});
const actor = (role: Role, centreId: string | null) => {
  const p = person(role, centreId);
  return { ...p, userId: p.id };
};

const admin = actor('admin', null);
const coordination = actor('coordination', null);
const leadA = actor('centre_lead', A);
const counsellorA = actor('counsellor', A);

const targets = {
  otherAdmin: person('admin', null),
  coordination: person('coordination', null),
  leadA: person('centre_lead', A),
  counsellorA: person('counsellor', A),
  leadB: person('centre_lead', B),
  counsellorB: person('counsellor', B),
};

describe('who may see an account', () => {
  it('administrators every account, centre leads their own centre only, nobody else any', () => {
    const seen = (who: typeof admin) =>
      Object.entries(targets)
        .filter(([, t]) => mayView(who, t))
        .map(([k]) => k);
    expect(seen(admin)).toEqual(Object.keys(targets));
    expect(seen(leadA)).toEqual(['leadA', 'counsellorA']);
    expect(seen(coordination)).toEqual([]);
    expect(seen(counsellorA)).toEqual([]);
  });
});

describe('who may disable an account', () => {
  it('administrators any account but their own', () => {
    for (const t of Object.values(targets)) expect(disableCheck(admin, t)).toBe('allowed');
    expect(disableCheck(admin, admin)).toBe('own_account');
  });

  it('centre leads only the counsellors of their own centre — not a fellow lead, not another centre', () => {
    const allowed = Object.entries(targets)
      .filter(([, t]) => disableCheck(leadA, t) === 'allowed')
      .map(([k]) => k);
    expect(allowed).toEqual(['counsellorA']);
    expect(disableCheck(leadA, targets.leadA)).toBe('refused');
    expect(disableCheck(leadA, targets.counsellorB)).toBe('refused');
    expect(disableCheck(leadA, leadA)).toBe('own_account');
  });

  it('coordination staff and counsellors nobody', () => {
    for (const who of [coordination, counsellorA]) {
      for (const t of Object.values(targets)) expect(disableCheck(who, t)).toBe('refused');
    }
  });
});

describe('who may change a role', () => {
  it('administrators, between counsellor and centre lead only', () => {
    expect(roleChangeCheck(admin, targets.counsellorA, 'centre_lead')).toEqual({
      ok: true,
      from: 'counsellor',
      to: 'centre_lead',
    });
    expect(roleChangeCheck(admin, targets.leadB, 'counsellor')).toEqual({
      ok: true,
      from: 'centre_lead',
      to: 'counsellor',
    });
    expect(roleChangeCheck(admin, targets.leadB, 'centre_lead')).toEqual({ ok: false, reason: 'same_role' });
    expect(roleChangeCheck(admin, targets.coordination, 'counsellor')).toEqual({
      ok: false,
      reason: 'not_centre_role',
    });
    expect(roleChangeCheck(admin, targets.otherAdmin, 'centre_lead')).toEqual({ ok: false, reason: 'not_centre_role' });
    expect(roleChangeCheck(admin, person('counsellor', A, true), 'centre_lead')).toEqual({
      ok: false,
      reason: 'disabled',
    });
  });

  it('nobody else, not even a lead for their own counsellor', () => {
    for (const who of [coordination, leadA, counsellorA]) {
      for (const t of Object.values(targets))
        expect(roleChangeCheck(who, t, 'centre_lead')).toEqual({ ok: false, reason: 'refused' });
      for (const t of Object.values(targets)) expect(roleOffer(who, t)).toBeNull();
    }
  });

  it('the page offers administrators the other centre role, or says why not', () => {
    expect(roleOffer(admin, targets.counsellorA)).toEqual({ kind: 'offer', to: 'centre_lead' });
    expect(roleOffer(admin, targets.leadB)).toEqual({ kind: 'offer', to: 'counsellor' });
    expect(roleOffer(admin, targets.coordination)).toEqual({ kind: 'not_centre_role' });
    expect(roleOffer(admin, person('centre_lead', B, true))).toEqual({ kind: 'disabled' });
    expect(otherCentreRole('counsellor')).toBe('centre_lead');
    expect(otherCentreRole('centre_lead')).toBe('counsellor');
  });
});
