import { describe, expect, it } from 'vitest';
import {
  formatPhones,
  formatSchedules,
  fromSpreadsheetSafe,
  parsePhone,
  parseSchedule,
  splitItems,
  spreadsheetSafe,
} from './csv-cells.ts';

describe('in-cell syntax', () => {
  it('writes and reads phones', () => {
    const cell = formatPhones([
      {
        id: 'a',
        number: '+49 30 23125 001',
        type: 'voice',
        description: 'Beratung; auch Notfälle: \\ 24 h',
        languages: ['de', 'en'],
      },
      { id: 'b', number: '030 23125 002', type: 'fax', description: null, languages: [] },
    ]);
    expect(cell).toBe('+49 30 23125 001 (voice, de|en): Beratung\\; auch Notfälle: \\\\ 24 h; 030 23125 002 (fax)');
    expect(splitItems(cell).map(parsePhone)).toEqual([
      {
        number: '+49 30 23125 001',
        type: 'voice',
        languages: ['de', 'en'],
        description: 'Beratung; auch Notfälle: \\ 24 h',
      },
      { number: '030 23125 002', type: 'fax', languages: [], description: null },
    ]);
  });

  it('reads what people type: a bare number is a voice line, types in any case, numbers with (0)', () => {
    expect(parsePhone('030 1234567')).toEqual({
      number: '030 1234567',
      type: 'voice',
      languages: [],
      description: null,
    });
    expect(parsePhone('+49 (0)30 123 (Fax)')).toEqual({
      number: '+49 (0)30 123',
      type: 'fax',
      languages: [],
      description: null,
    });
  });

  it('writes and reads opening hours, forgiving about single-digit hours, dashes and case', () => {
    const cell = formatSchedules([
      { id: 'a', byday: ['MO', 'TU'], opens_at: '09:00', closes_at: '16:00', description: null },
      { id: 'b', byday: ['WE'], opens_at: '17:00', closes_at: '20:00', description: 'Abends; mit Termin' },
    ]);
    expect(cell).toBe('MO,TU 09:00-16:00; WE 17:00-20:00: Abends\\; mit Termin');
    expect(splitItems(cell).map(parseSchedule)).toEqual([
      { byday: ['MO', 'TU'], opens_at: '09:00', closes_at: '16:00', description: null },
      { byday: ['WE'], opens_at: '17:00', closes_at: '20:00', description: 'Abends; mit Termin' },
    ]);
    expect(parseSchedule('mo, fr 9:00 – 12:30')).toEqual({
      byday: ['MO', 'FR'],
      opens_at: '09:00',
      closes_at: '12:30',
      description: null,
    });
    expect(parseSchedule('Montag 9 bis 12')).toBeUndefined();
  });

  it('protects formula-like cells and takes the protection off again', () => {
    for (const v of ['=SUM(A1)', '+49 30', '-1', '@cmd', "'", "'=x", "''", 'plain', '']) {
      expect(fromSpreadsheetSafe(spreadsheetSafe(v)), v).toBe(v);
    }
    expect(spreadsheetSafe('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(spreadsheetSafe('Beratung')).toBe('Beratung');
    // A quote typed by a person in front of ordinary text stays.
    expect(fromSpreadsheetSafe("'Rock'n'Roll")).toBe("'Rock'n'Roll");
  });
});
