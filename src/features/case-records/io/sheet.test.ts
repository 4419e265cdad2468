/**
 * Reading and writing tables: CSV as spreadsheet programs write it, XLSX
 * through the library, the wrong type, and archives that unpack to more
 * than they claim or than an upload may.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSheet, SheetError, spreadsheetSafe, writeCsv, writeXlsx } from './sheet.ts';
import { zipWithinLimits } from './zip-guard.ts';

/** A ZIP archive with one deflated entry whose header may claim another size than it holds. */
function zipOf(name: string, content: Buffer, claimedSize = content.length): Buffer {
  const data = deflateRawSync(content);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(claimedSize, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(claimedSize, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

async function problem(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return e instanceof SheetError ? e.problem : `other: ${String(e)}`;
  }
}

describe('reading CSV', () => {
  it('reads comma- and semicolon-separated files with a byte-order mark, trimming cells and skipping blank rows', async () => {
    const comma = await readSheet(Buffer.from('\uFEFFa,b\r\n 1 ,2\r\n,\r\n3,"x, y"\r\n'), 10);
    expect(comma).toEqual({
      format: 'csv',
      header: ['a', 'b'],
      rows: [
        { row: 2, cells: ['1', '2'] },
        { row: 4, cells: ['3', 'x, y'] },
      ],
    });
    const semi = await readSheet(Buffer.from('a;b\n1;2,5\n'), 10);
    expect(semi.rows).toEqual([{ row: 2, cells: ['1', '2,5'] }]);
  });

  it('takes off the formula guard it writes, and nothing else', async () => {
    const s = await readSheet(Buffer.from("a,b\n'=SUM(A1),'plain\n"), 10);
    expect(s.rows.map((r) => r.cells)).toEqual([['=SUM(A1)', "'plain"]]);
  });

  it('refuses binary files, empty files, too many rows and broken quoting', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await problem(readSheet(png, 10))).toBe('wrong_type');
    expect(await problem(readSheet(Buffer.from('a\u0000b'), 10))).toBe('wrong_type');
    expect(await problem(readSheet(Buffer.alloc(0), 10))).toBe('empty');
    expect(await problem(readSheet(Buffer.from('\n\n'), 10))).toBe('empty');
    expect(await problem(readSheet(Buffer.from('a\n1\n2\n3\n'), 2))).toBe('too_many_rows');
    expect(await problem(readSheet(Buffer.from('a\n1\n2\n'), 2))).toBe('none');
    expect(await problem(readSheet(Buffer.from('a,b\n"1,2\n'), 10))).toBe('unreadable');
  });
});

describe('reading XLSX', () => {
  it('reads what writeXlsx wrote: numbers as text, codes as they were', async () => {
    const file = await writeXlsx(
      'Daten',
      ['year', 'gender', 'forms'],
      [
        [2025, 'female', 'sexual|labour'],
        [2024, '=1+1', ''],
      ],
    );
    const s = await readSheet(file, 10);
    expect(s).toEqual({
      format: 'xlsx',
      header: ['year', 'gender', 'forms'],
      rows: [
        { row: 2, cells: ['2025', 'female', 'sexual|labour'] },
        { row: 3, cells: ['2024', '=1+1', ''] },
      ],
    });
  });

  it('refuses too many rows, and archives that are not spreadsheets', async () => {
    const file = await writeXlsx('Daten', ['a'], [['1'], ['2'], ['3']]);
    expect(await problem(readSheet(file, 2))).toBe('too_many_rows');
    expect(await problem(readSheet(zipOf('hello.txt', Buffer.from('hello')), 10))).toBe('wrong_type');
  });
});

describe('the unpacking limits', () => {
  it('passes a plain archive and a real workbook', async () => {
    expect(zipWithinLimits(zipOf('a.txt', Buffer.from('abc')), { entries: 5, totalBytes: 100 })).toBe(true);
    expect(zipWithinLimits(await writeXlsx('x', ['a'], [['1']]), { entries: 200, totalBytes: 1 << 26 })).toBe(true);
  });

  it('refuses an entry that unpacks to more than it claims, and archives over the limits', () => {
    const zeros = Buffer.alloc(5_000_000);
    expect(zipWithinLimits(zipOf('bomb.xml', zeros, 1000), { entries: 5, totalBytes: 1 << 26 })).toBe(false);
    expect(zipWithinLimits(zipOf('big.xml', zeros), { entries: 5, totalBytes: 1_000_000 })).toBe(false);
    expect(zipWithinLimits(zipOf('big.xml', zeros), { entries: 5, totalBytes: 6_000_000 })).toBe(true);
    expect(zipWithinLimits(zipOf('a.txt', Buffer.from('abc')), { entries: 0, totalBytes: 100 })).toBe(false);
    expect(zipWithinLimits(Buffer.from('PK\u0003\u0004 truncated'), { entries: 5, totalBytes: 100 })).toBe(false);
  });
});

describe('writing', () => {
  it('guards CSV cells a spreadsheet would run as formulas, and round-trips them', async () => {
    expect(['=1+1', '+49', '-3', '@SUM', '\tx', 'plain', "'quoted"].map(spreadsheetSafe)).toEqual([
      "'=1+1",
      "'+49",
      "'-3",
      "'@SUM",
      "'\tx",
      'plain',
      "'quoted",
    ]);
    const csv = writeCsv(['a', 'b'], [['=HYPERLINK("http://x")', 'ä']]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toContain(`"'=HYPERLINK(""http://x"")",ä`);
    expect((await readSheet(csv, 10)).rows.map((r) => r.cells)).toEqual([['=HYPERLINK("http://x")', 'ä']]);
  });
});
