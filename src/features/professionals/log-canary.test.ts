/**
 * What a professional ticks and where they work never reaches the
 * application log, at its most verbose: not the body, not the keys of the
 * ticked indicators, not the place, on every path of the form (result,
 * checklist, refused input).
 */
import { describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { loggerOptions } from '../../platform/http/logging.ts';
import { publishedGuide } from '../indicators/queries.ts';

const lines: string[] = [];
const t = appForFile({}, { logger: { ...loggerOptions('trace'), stream: { write: (l: string) => lines.push(l) } } });

const PLACE = 'Kanarienstadt';
const POSTCODE = '04109';

describe('the indicator guide leaves no trace in the log', () => {
  it('logs neither the ticked indicators nor the place', async () => {
    const keys = (await Promise.all((['adults', 'minors'] as const).map((g) => publishedGuide(t.database.db, g))))
      .flatMap((g) => g!.content.groups)
      .flatMap((g) => g.indicators.map((i) => i.key));
    lines.length = 0;
    const send = async (guide: string, fields: [string, string][]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/de/professionals/guide/${guide}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
      return res.statusCode;
    };
    const adults = keys.slice(0, 3).map((k): [string, string] => ['observed', k]);
    expect(await send('adults', [...adults, ['place', POSTCODE], ['form', 'labour']])).toBe(200);
    expect(await send('adults', [...adults, ['place', PLACE], ['view', 'checklist']])).toBe(200);
    expect(
      await send('minors', [
        ['observed', keys.at(-1)!],
        ['place', PLACE],
      ]),
    ).toBe(200);
    expect(await send('minors', [['observed', `${PLACE}-key`]])).toBe(400);
    expect(await send('minors', [['place', PLACE.repeat(20)]])).toBe(400);

    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('\n');
    // The route is logged (that is what the log is for), never what was sent to it.
    expect(log).toContain('/:lang/professionals/guide/adults');
    for (const needle of [PLACE, POSTCODE, 'observed', ...keys]) expect(log, needle).not.toContain(needle);
  });
});
