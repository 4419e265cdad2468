import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './next-path.ts';

describe('safeNextPath (no open redirect)', () => {
  it.each(['/de/staff', '/en/staff/sessions', '/de/staff/directory/edit?tab=hours&x=1'])(
    'accepts the staff path %s',
    (p) => {
      expect(safeNextPath(p)).toBe(p);
    },
  );

  it.each([
    'https://evil.example/de/staff',
    '//evil.example/de/staff',
    '/\\evil.example',
    '/de/staff/../../evil',
    '/de/staff/..',
    '/de/search',
    'de/staff',
    '/de/staff\n/x',
    '/de/staff/%0d%0a',
    'javascript:alert(1)',
    '',
    `/de/staff/${'a'.repeat(600)}`,
  ])('refuses %j', (p) => {
    expect(safeNextPath(p)).toBeNull();
  });

  it('leaves a bad next out of the sign-in link', () => {
    expect(signInPath('de', '//evil.example')).toBe('/de/staff/sign-in');
    expect(signInPath('en', '/en/staff/sessions')).toBe('/en/staff/sign-in?next=%2Fen%2Fstaff%2Fsessions');
  });
});
