import { describe, expect, it } from 'vitest';
import { testEntry } from '../../../test/support/entries.ts';
import { overdueEntries } from './overdue.ts';

const entry = (name: string, assured: string | null, status: 'active' | 'defunct' = 'active') =>
  testEntry({ name, service: { assured_date: assured, status } });

describe('overdueEntries', () => {
  it('lists entries verified more than 12 months ago or never, oldest first, never-verified on top', () => {
    const list = [
      entry('recent', '2026-01-10'),
      entry('exactly a year', '2025-03-15'),
      entry('old', '2024-05-01'),
      entry('older', '2023-01-01'),
      entry('never', null),
      entry('day too old', '2025-03-14'),
      entry('closed', '2020-01-01', 'defunct'),
    ];
    expect(overdueEntries(list, '2026-03-15').map((e) => e.service.name)).toEqual([
      'never',
      'older',
      'old',
      'day too old',
    ]);
  });
});
