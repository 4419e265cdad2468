import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import { publicTrends } from './trends.ts';

registerMessages();

const year = (y: number, before: number | null, during: number | null, total: number | null) => ({
  year: y,
  cells: { 'asylum_context=before': before, 'asylum_context=during': during, total },
});

describe('trends over the years', () => {
  const [headline, totals, forms] = publicTrends(
    [year(2019, 12, 30, 100), year(2020, null, 40, 120), year(2021, 4, 3, 90), year(2022, 0, 0, 0)],
    'de',
  );

  it('sums before and during only where both are published, and a share only where it may be shown', () => {
    const [together, share] = headline!.columns;
    expect(together!.values).toEqual(['42', null, '7', '0']);
    // 2020: a part is secret; 2021: 7 is below the threshold; 2022: nothing to share.
    expect(share!.values).toEqual(['42\u00a0%', null, null, null]);
    expect(headline!.model.notes).toEqual(share!.values);
    expect(headline!.model.series.map((s) => s.values)).toEqual([
      [12, null, 4, 0],
      [30, 40, 3, 0],
    ]);
    expect(headline!.model.description).toContain('Geheim gehalten in: 2020.');
    expect(headline!.model.description).toContain('Höchster Wert: 42 im Jahr 2019.');
  });

  it('counts per year, and a line per form of exploitation (absent cells are secret, not zero)', () => {
    expect(totals!.model.series[0]!.values).toEqual([100, 120, 90, 0]);
    expect(forms!.model.series).toHaveLength(8);
    expect(forms!.model.series.every((s) => s.values.every((v) => v === null))).toBe(true);
  });

  it('in English, with English percentages', () => {
    const [h] = publicTrends([year(2019, 12, 30, 100)], 'en');
    expect(h!.title).toBe('First met before or during the asylum procedure');
    expect(h!.columns[1]!.values).toEqual(['42%']);
  });
});
