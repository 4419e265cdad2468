/** Four eyes, without a database: who may approve, send back and publish a version. */
import { describe, expect, it } from 'vitest';
import { editCheck, isAuthor, publishCheck, reviewCheck } from './rules.ts';

const p = (id: string) => ({ id, name: id });
const version = (over: Partial<Parameters<typeof publishCheck>[1]> = {}) => ({
  status: 'in_review' as const,
  createdBy: p('anna'),
  updatedBy: p('ben'),
  submittedBy: p('anna'),
  reviewedBy: null,
  ...over,
});

describe('four eyes', () => {
  it('counts whoever created, last saved or submitted a version as its author', () => {
    for (const who of ['anna', 'ben']) expect(isAuthor(who, version())).toBe(true);
    expect(isAuthor('cem', version())).toBe(false);
    expect(isAuthor('cem', version({ submittedBy: p('cem') }))).toBe(true);
  });

  it('lets only someone else approve, once', () => {
    expect(reviewCheck('anna', version(), 'approve')).toEqual({ ok: false, reason: 'own_version' });
    expect(reviewCheck('ben', version(), 'approve')).toEqual({ ok: false, reason: 'own_version' });
    expect(reviewCheck('cem', version(), 'approve')).toEqual({ ok: true });
    expect(reviewCheck('dana', version({ reviewedBy: p('cem') }), 'approve')).toEqual({
      ok: false,
      reason: 'already_approved',
    });
    expect(reviewCheck('cem', version({ status: 'draft' }), 'approve')).toEqual({ ok: false, reason: 'not_in_review' });
  });

  it('lets the author too send a version back, but only one in review', () => {
    expect(reviewCheck('anna', version(), 'return')).toEqual({ ok: true });
    expect(reviewCheck('cem', version({ status: 'published' }), 'return')).toEqual({
      ok: false,
      reason: 'not_in_review',
    });
  });

  it('publishes only an approved version, by someone who did not write it (the approver may)', () => {
    expect(publishCheck('cem', version())).toEqual({ ok: false, reason: 'not_approved' });
    const approved = version({ reviewedBy: p('cem') });
    expect(publishCheck('anna', approved)).toEqual({ ok: false, reason: 'own_version' });
    expect(publishCheck('cem', approved)).toEqual({ ok: true });
    expect(publishCheck('dana', approved)).toEqual({ ok: true });
    expect(publishCheck('dana', { ...approved, status: 'superseded' })).toEqual({ ok: false, reason: 'not_in_review' });
  });

  it('edits drafts only', () => {
    expect(editCheck(version({ status: 'draft' }))).toEqual({ ok: true });
    for (const status of ['in_review', 'published', 'superseded'] as const)
      expect(editCheck(version({ status }))).toEqual({ ok: false, reason: 'not_draft' });
  });
});
