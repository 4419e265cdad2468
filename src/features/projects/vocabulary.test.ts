import { describe, expect, it } from 'vitest';
import { logoKindOf, logoPath, parseLogoFile } from './logo.ts';
import { solidPng } from './png.ts';
import { measureForm, projectForm, reviewForm } from './schema.ts';
import { centreMayEdit, centreMayWithdraw, MEASURE_KINDS, officeMayReview, REGIONS } from './vocabulary.ts';

describe('the vocabulary of measures', () => {
  it('names the kinds the database accepts and every Land plus the whole country', () => {
    expect(MEASURE_KINDS).toEqual(['outreach_accommodation', 'training', 'information_event', 'networking']);
    expect(REGIONS).toHaveLength(17);
    expect(REGIONS[0]).toBe('DE');
  });

  it('lets a centre edit only what the office has not accepted, and withdraw anything not withdrawn', () => {
    expect(['submitted', 'returned'].every((s) => centreMayEdit(s as 'submitted'))).toBe(true);
    expect(centreMayEdit('accepted')).toBe(false);
    expect(centreMayEdit('withdrawn')).toBe(false);
    expect(centreMayWithdraw('accepted')).toBe(true);
    expect(centreMayWithdraw('withdrawn')).toBe(false);
    expect(officeMayReview('withdrawn')).toBe(false);
  });
});

describe('the forms', () => {
  const project = { slug: 'a-b', title: 'T', goal: 'G', starts_on: '2026-01-01', status: 'running' };
  it('refuses an address as the contact person and an end before the start', () => {
    expect(projectForm.safeParse({ ...project, contact_name: 'x@example.org' }).success).toBe(false);
    expect(projectForm.safeParse({ ...project, ends_on: '2025-12-31' }).success).toBe(false);
    expect(projectForm.safeParse({ ...project, slug: 'Nicht Gültig' }).success).toBe(false);
    expect(projectForm.parse({ ...project, funders: 'a0000000-0000-4000-8000-000000000000' }).funders).toHaveLength(1);
  });

  it('a measure names a known kind and region; a return needs a note; showing needs acceptance and a project', () => {
    const m = { title: 'T', description: 'D', kind: 'training', region: 'DE-BE', starts_on: '2026-01-01' };
    expect(measureForm.safeParse(m).success).toBe(true);
    expect(measureForm.safeParse({ ...m, region: 'Berlin' }).success).toBe(false);
    expect(measureForm.safeParse({ ...m, kind: 'party' }).success).toBe(false);
    expect(reviewForm.safeParse({ decision: 'returned' }).success).toBe(false);
    expect(reviewForm.safeParse({ decision: 'accepted', shown: 'on' }).success).toBe(false);
    expect(
      reviewForm.safeParse({ decision: 'accepted', shown: 'on', project_id: 'a0000000-0000-4000-8000-000000000000' })
        .success,
    ).toBe(true);
  });
});

describe('logos', () => {
  it('are PNG or JPEG by their bytes; SVG, PDF, text and nothing are refused whatever their name', async () => {
    expect(await logoKindOf(solidPng(4, 4, [1, 2, 3]))).toBe('png');
    expect(await logoKindOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0, 0]))).toBe(
      'jpeg',
    );
    expect(await logoKindOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(await logoKindOf(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'))).toBeNull();
    expect(await logoKindOf(Buffer.from('hello'))).toBeNull();
    expect(await logoKindOf(Buffer.alloc(0))).toBeNull();
  });

  it('are addressed by funder, content hash and kind, and nothing else parses', () => {
    const path = logoPath('a0000000-0000-4000-8000-000000000000', { kind: 'jpeg', hash: 'f'.repeat(64) });
    expect(path).toBe(`/media/funders/a0000000-0000-4000-8000-000000000000-${'f'.repeat(16)}.jpg`);
    expect(parseLogoFile(path.split('/').pop()!)).toEqual({
      funderId: 'a0000000-0000-4000-8000-000000000000',
      hashPrefix: 'f'.repeat(16),
      kind: 'jpeg',
    });
    for (const bad of ['x.png', 'a0000000-0000-4000-8000-000000000000.svg', '../etc/passwd'])
      expect(parseLogoFile(bad)).toBeNull();
  });
});
