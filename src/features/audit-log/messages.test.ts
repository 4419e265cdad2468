import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import { translator } from '../../platform/i18n/index.ts';
import { eventKey, KNOWN_EVENTS, SHOWN_DETAILS } from './messages.ts';

registerMessages();

/** Every `event: '…'` literal in src (outside tests): what features actually emit. */
function emittedEvents(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !p.includes(`${path.sep}audit${path.sep}`)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bevent: '([a-z_.]+)'/g)) found.add(m[1]!);
      }
    }
  };
  walk(path.resolve(import.meta.dirname, '../..'));
  return found;
}

describe('audit log messages', () => {
  it('label every event of the contract and every event the code emits, in both languages', () => {
    const events = new Set<string>([...KNOWN_EVENTS, ...emittedEvents()]);
    for (const locale of ['de', 'en'] as const) {
      const t = translator(locale, 'auditLog');
      const unlabelled = [...events].filter((e) => t(eventKey(e), { defaultValue: '' }) === '');
      expect(unlabelled, `${locale}: add these events to KNOWN_EVENTS and messages/<locale>/auditLog.json`).toEqual([]);
    }
  });

  it('label every shown detail', () => {
    const t = translator('en', 'auditLog');
    for (const k of SHOWN_DETAILS) expect(t(`detail.${k}`, { defaultValue: '' })).not.toBe('');
  });
});
