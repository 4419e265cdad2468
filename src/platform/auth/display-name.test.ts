import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../cli/commands/users.ts';
import { DISPLAY_NAME_MAX, isSafeDisplayName, normaliseDisplayName } from './display-name.ts';

describe('display names', () => {
  it('are trimmed and NFC-normalised', () => {
    expect(normaliseDisplayName('  Jo\u0308rg  ')).toBe('Jörg');
  });
  it('accept letters of every script, spaces, hyphens and apostrophes', () => {
    for (const n of ['Ayşe Yılmaz', 'Мария Иванова', 'فاطمة الزهراء', "D'Angelo-Schmidt", 'Ngọc Ánh'])
      expect(isSafeDisplayName(n)).toBe(true);
  });
  it('refuse control characters and bidirectional overrides, and overlong names', () => {
    for (const n of [
      'a\u0000b',
      'a\u001b[31mred',
      'line\nbreak',
      'tab\there',
      'del\u007f',
      'c1\u0085',
      'evil\u202Egnp.exe',
      'iso\u2066x\u2069',
    ]) {
      expect(isSafeDisplayName(n), JSON.stringify(n)).toBe(false);
    }
    expect(isSafeDisplayName('x'.repeat(DISPLAY_NAME_MAX))).toBe(true);
    expect(isSafeDisplayName('x'.repeat(DISPLAY_NAME_MAX + 1))).toBe(false);
  });
});

describe('terminalSafe', () => {
  it('shows control and bidi characters as escapes and leaves the rest', () => {
    expect(terminalSafe('a\u001b[2Jb')).toBe('a\\u001b[2Jb');
    expect(terminalSafe('x\u202Ey')).toBe('x\\u202ey');
    expect(terminalSafe('Ayşe Yılmaz <a@example.org>')).toBe('Ayşe Yılmaz <a@example.org>');
  });
});
