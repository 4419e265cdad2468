import { describe, expect, it } from 'vitest';
import { ALL_CELLS, categoriesOf, cellKey, countsFromRows, crossKey, TOTAL } from './catalogue.ts';
import { audit } from './audit.ts';
import { InconsistentCountsError } from './lp.ts';
import { isPrimary } from './primary.ts';
import { protect, share } from './protect.ts';
import { countLikeSql, syntheticRecords, type SyntheticRecord } from './test-records.ts';
import { INTERNAL_THRESHOLD, PUBLIC_THRESHOLD, type ProtectedCatalogue, type YearCounts } from './types.ts';

/**
 * A year of 1,200 records over 30 centres in which every category is common,
 * with one dimension's categories set to chosen sizes (each spread over all
 * centres, so the database withholds nothing).
 */
function year(dim: 'referral_source' | 'asylum_stage', sizes: Record<string, number>): SyntheticRecord[] {
  const records = syntheticRecords({
    seed: 11,
    recordsPerCentre: Array<number>(30).fill(40),
    sparsity: 0,
    skew: 0,
    centreBias: 0,
  });
  const values = Object.entries(sizes).flatMap(([v, n]) => Array<string>(n).fill(v));
  if (values.length !== records.length) throw new Error(`sizes add up to ${values.length}, not ${records.length}`);
  // Interleave so that every category is spread over the centres.
  records.forEach((r, i) => {
    r.single[dim] = values[(i * 7) % values.length]!;
  });
  // asylum_context follows asylum_stage as in the database.
  const context: Record<string, string> = {
    none: 'other',
    not_filed: 'before',
    pending: 'during',
    dublin: 'during',
    rejected: 'other',
    protection: 'other',
    unknown: 'unknown',
  };
  for (const r of records) r.single.asylum_context = context[r.single.asylum_stage]!;
  return records;
}

const countsOf = (records: SyntheticRecord[]) => countsFromRows(countLikeSql(records));

/** Naive disclosure control: suppress each small cell and nothing else. */
function primaryOnly(counts: YearCounts, threshold: number): ProtectedCatalogue {
  const cells: ProtectedCatalogue['cells'] = Object.fromEntries(
    ALL_CELLS.map((k) => {
      const v = counts.get(k)!;
      return [
        k,
        isPrimary(v, threshold) ? { status: 'suppressed', reason: 'primary' } : { status: 'published', value: v },
      ];
    }),
  );
  return { version: 1, threshold, cells, knownFromEarlier: {}, groupDisclosures: [] };
}

const suppressed = (p: ProtectedCatalogue, k: string) => p.cells[k]?.status === 'suppressed';

describe('protect', () => {
  it('suppresses a small cell and a complement in its table, and the audit passes', async () => {
    const counts = countsOf(
      year('referral_source', {
        self: 400,
        police: 200,
        customs: 7,
        bamf: 60,
        foreigners_office: 50,
        jugendamt: 40,
        reception_centre: 100,
        other_fbs: 90,
        other_ngo: 80,
        medical: 70,
        lawyer: 23,
        private: 30,
        unknown: 50,
      }),
    );
    const p = await protect(counts, { threshold: PUBLIC_THRESHOLD });
    expect(p.cells['referral_source=customs']).toEqual({ status: 'suppressed', reason: 'primary' });
    expect(p.cells['referral_source=lawyer']).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(p.cells[TOTAL]).toEqual({ status: 'published', value: 1200 });
    expect(p.audit.ok).toBe(true);
    const customs = p.audit.cells.find((c) => c.cell === 'referral_source=customs')!;
    expect(customs.min).toBeCloseTo(0);
    expect(customs.max).toBeCloseTo(30);
    // At the internal threshold, 7 is published.
    const internal = await protect(counts, { threshold: INTERNAL_THRESHOLD });
    expect(internal.cells['referral_source=customs']).toEqual({ status: 'published', value: 7 });
  });

  it('catches a cell that differencing across two tables would reveal', async () => {
    // 6 Dublin cases: context "during" (46) − stage "pending" (40) would give them away.
    const counts = countsOf(
      year('asylum_stage', {
        none: 500,
        not_filed: 300,
        pending: 40,
        dublin: 6,
        rejected: 14,
        protection: 200,
        unknown: 140,
      }),
    );
    expect(counts.get('asylum_context=during')).toBe(46);

    // Table by table: the stage table alone is safe once "rejected" goes too …
    const tableByTable = primaryOnly(counts, PUBLIC_THRESHOLD);
    const cells = { ...tableByTable.cells };
    cells['asylum_stage=rejected'] = { status: 'suppressed', reason: 'secondary' };
    const naive = await audit({ ...tableByTable, cells });
    // … but not with the context table beside it.
    const dublin = naive.cells.find((c) => c.cell === 'asylum_stage=dublin')!;
    expect(dublin.min).toBeCloseTo(6);
    expect(dublin.max).toBeCloseTo(6);
    expect(naive.ok).toBe(false);

    const p = await protect(counts, { threshold: PUBLIC_THRESHOLD });
    expect(p.audit.ok).toBe(true);
    expect(suppressed(p, 'asylum_stage=dublin')).toBe(true);
    const safe = p.audit.cells.find((c) => c.cell === 'asylum_stage=dublin')!;
    expect(safe.max - safe.min).toBeGreaterThanOrEqual(PUBLIC_THRESHOLD);
    // The context table cannot stay whole: "during" or "pending" went as well.
    expect(suppressed(p, 'asylum_context=during') || suppressed(p, 'asylum_stage=pending')).toBe(true);
  });

  it('protects an "all X are Y" line: the zeros beside it must be able to hold a threshold of records', async () => {
    const records = year('asylum_stage', {
      none: 500,
      not_filed: 300,
      pending: 40,
      dublin: 20,
      rejected: 40,
      protection: 200,
      unknown: 100,
    });
    // All 20 persons in a Dublin procedure are women.
    for (const r of records) {
      if (r.single.asylum_stage === 'dublin') r.single.gender = 'female';
      else if (r.single.gender === 'female') r.single.gender = 'male';
    }
    // Only the cross of context and gender shows it; keep it visible there.
    const counts = countsOf(records);
    const cell = crossKey('asylum_context', 'during', 'gender', 'female');
    expect(counts.get(cell)).toBe(20);
    const p = await protect(counts, { threshold: PUBLIC_THRESHOLD });
    expect(p.groupDisclosures.map((g) => g.cell)).toContain(cell);
    expect(p.cells[cell]).toEqual({ status: 'suppressed', reason: 'group_disclosure' });
    expect(p.audit.ok).toBe(true);
    const rest = p.audit.groups.find((g) => g.cell === cell)!;
    expect(rest.max - rest.min).toBeGreaterThanOrEqual(PUBLIC_THRESHOLD);
  });

  const referrals = {
    self: 400,
    police: 200,
    customs: 12,
    bamf: 60,
    foreigners_office: 50,
    jugendamt: 40,
    reception_centre: 100,
    other_fbs: 90,
    other_ngo: 80,
    medical: 20,
    lawyer: 15,
    private: 83,
    unknown: 50,
  };

  it('treats values published unchanged in an earlier publication of the year as known', async () => {
    const before = await protect(countsOf(year('referral_source', referrals)), { threshold: PUBLIC_THRESHOLD });
    expect(before.audit.ok).toBe(true);
    expect(before.cells['referral_source=customs']).toEqual({ status: 'published', value: 12 });
    expect(before.cells['referral_source=lawyer']).toEqual({ status: 'published', value: 15 });

    // After a reopening, 4 customs referrals were corrected to self-referrals.
    const after = countsOf(year('referral_source', { ...referrals, customs: 8, self: 404 }));

    // Without the earlier publication, "lawyer" (15, unchanged) is the cheapest complement
    // of customs — but 15 is known from the first publication: customs = 8 again.
    const unaware = await protect(after, { threshold: PUBLIC_THRESHOLD });
    expect(unaware.audit.ok).toBe(true);
    expect(suppressed(unaware, 'referral_source=lawyer')).toBe(true);
    const attacked = await audit({ ...unaware, knownFromEarlier: { 'referral_source=lawyer': 15 } });
    expect(attacked.ok).toBe(false);
    expect(attacked.failing).toContain('referral_source=customs');

    const aware = await protect(after, { threshold: PUBLIC_THRESHOLD, earlier: [before] });
    expect(aware.audit.ok).toBe(true);
    expect(aware.cells['referral_source=lawyer']).toEqual({ status: 'published', value: 15 });
    expect(suppressed(aware, 'referral_source=customs')).toBe(true);
    const customs = aware.audit.cells.find((c) => c.cell === 'referral_source=customs')!;
    expect(customs.max - customs.min).toBeGreaterThanOrEqual(PUBLIC_THRESHOLD);
  });

  it('keeps cells suppressed in an earlier publication of the year suppressed', async () => {
    const before = await protect(countsOf(year('referral_source', { ...referrals, customs: 7, self: 405 })), {
      threshold: PUBLIC_THRESHOLD,
    });
    expect(before.cells['referral_source=customs']).toEqual({ status: 'suppressed', reason: 'primary' });
    const after = await protect(countsOf(year('referral_source', referrals)), {
      threshold: PUBLIC_THRESHOLD,
      earlier: [before],
    });
    expect(after.cells['referral_source=customs']).toEqual({ status: 'suppressed', reason: 'carried' });
    for (const k of ALL_CELLS) if (suppressed(before, k)) expect(suppressed(after, k), k).toBe(true);
    expect(after.audit.ok).toBe(true);
  });

  it('refuses to pass when an earlier publication already showed a cell that is now small', async () => {
    const sizes = { self: 390, police: 200, customs: 7, bamf: 60, foreigners_office: 50, jugendamt: 40 };
    const rest = {
      reception_centre: 100,
      other_fbs: 90,
      other_ngo: 80,
      medical: 70,
      lawyer: 23,
      private: 30,
      unknown: 60,
    };
    const counts = countsOf(year('referral_source', { ...sizes, ...rest }));
    const internal = await protect(counts, { threshold: INTERNAL_THRESHOLD });
    expect(internal.cells['referral_source=customs']).toEqual({ status: 'published', value: 7 });
    const pub = await protect(counts, { threshold: PUBLIC_THRESHOLD, earlier: [internal] });
    expect(pub.knownFromEarlier['referral_source=customs']).toBe(7);
    expect(pub.audit.ok).toBe(false);
    expect(pub.audit.failing).toContain('referral_source=customs');
  });

  it('refuses to audit published cells that contradict each other', async () => {
    const counts = countsOf(
      year('asylum_stage', {
        none: 500,
        not_filed: 300,
        pending: 40,
        dublin: 20,
        rejected: 40,
        protection: 200,
        unknown: 100,
      }),
    );
    const p = await protect(counts, { threshold: PUBLIC_THRESHOLD });
    const tampered = { ...p, cells: { ...p.cells, [TOTAL]: { status: 'published', value: 1201 } as const } };
    await expect(audit(tampered)).rejects.toThrow(InconsistentCountsError);
  });

  it('is deterministic', async () => {
    const records = syntheticRecords({
      seed: 5,
      recordsPerCentre: [120, 60, 30, 20, 12, 8, 5, 3],
      sparsity: 0.3,
      skew: 1,
      centreBias: 0.6,
    });
    const counts = countsOf(records);
    const a = await protect(counts, { threshold: PUBLIC_THRESHOLD });
    const b = await protect(new Map([...counts].reverse()), { threshold: PUBLIC_THRESHOLD });
    expect(b.cells).toEqual(a.cells);
    expect(JSON.stringify(b.cells)).toBe(JSON.stringify(a.cells));
  });
});

/**
 * The coordination office reads the public version of a year (threshold 10)
 * and its internal tables (threshold 5): a cell the internal tables keep
 * secret must stay at least 5 wide with every value of both. Each version
 * passes its own audit alone; the attack combines them.
 */
describe('the internal tables beside the public version of the same year', () => {
  const records = syntheticRecords({
    seed: 6,
    recordsPerCentre: [90, 70, 50, 40, 30],
    sparsity: 0.2,
    skew: 1,
    centreBias: 0.3,
  });
  const counts = countsOf(records);
  /** Sexual exploitation while the asylum procedure was pending: fewer than 5, withheld by the database. */
  const cell = 'exploitation_form.sexual=yes/asylum_stage=pending';
  const truth = records.filter(
    (r) => r.multi.exploitation_form.includes('sexual') && r.single.asylum_stage === 'pending',
  ).length;

  /** What the office adds to the internal tables `p` from the public version: its values of cells `p` keeps secret. */
  const publicValues = (pub: ProtectedCatalogue, p: ProtectedCatalogue) =>
    Object.fromEntries(
      ALL_CELLS.flatMap((k) => {
        const c = pub.cells[k]!;
        return c.status === 'published' && suppressed(p, k) ? [[k, c.value] as const] : [];
      }),
    );

  it('protected alone, a secret internal cell is pinned down by the public version’s values', async () => {
    const pub = await protect(counts, { threshold: PUBLIC_THRESHOLD });
    const alone = await protect(counts, { threshold: INTERNAL_THRESHOLD });
    expect(pub.audit.ok).toBe(true);
    expect(alone.audit.ok).toBe(true);
    expect(counts.get(cell)).toBeNull();
    expect(truth).toBeGreaterThan(0);
    expect(truth).toBeLessThan(INTERNAL_THRESHOLD);
    expect(alone.cells[cell]).toEqual({ status: 'suppressed', reason: 'primary' });
    const own = alone.audit.cells.find((c) => c.cell === cell)!;
    expect(own.max - own.min).toBeGreaterThanOrEqual(INTERNAL_THRESHOLD);

    // The office puts the public version's values in as constants.
    const revealed = publicValues(pub, alone);
    expect(Object.keys(revealed).length).toBeGreaterThan(0);
    const attacked = await audit({ ...alone, knownFromEarlier: revealed });
    expect(attacked.ok).toBe(false);
    expect(attacked.failing).toContain(cell);
    const b = attacked.cells.find((c) => c.cell === cell)!;
    expect(b.max - b.min).toBeLessThan(INTERNAL_THRESHOLD);
    // Down to the very number of records behind it.
    expect(b.min).toBeCloseTo(truth);
    expect(b.max).toBeCloseTo(truth);
  });

  it('protected against the public version, it passes the audit with every value the office sees', async () => {
    const pub = await protect(counts, { threshold: PUBLIC_THRESHOLD });
    const aware = await protect(counts, { threshold: INTERNAL_THRESHOLD, alsoSeen: [pub] });
    expect(aware.audit.ok).toBe(true);
    // The public values entered its audit as constants …
    expect(aware.knownFromEarlier).toEqual(publicValues(pub, aware));
    const b = aware.audit.cells.find((c) => c.cell === cell)!;
    expect(b.max - b.min).toBeGreaterThanOrEqual(INTERNAL_THRESHOLD);
    // … and the attacker's audit, made apart from protect(), agrees.
    const attacked = await audit({ ...aware, knownFromEarlier: publicValues(pub, aware) });
    expect(attacked.ok).toBe(true);
    // The public version's secrets are not carried: the internal tables still show counts
    // from 5 to 9 that the public one withholds.
    expect(
      ALL_CELLS.filter((k) => {
        const c = aware.cells[k]!;
        return suppressed(pub, k) && c.status === 'published' && c.value >= INTERNAL_THRESHOLD;
      }).length,
    ).toBeGreaterThan(0);
  });
});

describe('share', () => {
  it('gives a percentage only where numerator and denominator reach the threshold', async () => {
    const counts = countsOf(
      year('asylum_stage', {
        none: 500,
        not_filed: 300,
        pending: 40,
        dublin: 6,
        rejected: 14,
        protection: 200,
        unknown: 140,
      }),
    );
    const p = await protect(counts, { threshold: PUBLIC_THRESHOLD });
    expect(share(p, cellKey('asylum_stage', 'none'), TOTAL)).toBeCloseTo(500 / 1200);
    expect(share(p, cellKey('asylum_stage', 'dublin'), TOTAL)).toBeNull();
    // A published zero has no percentage either.
    const zero = categoriesOf('unaccompanied_minor')
      .map((c) => cellKey('unaccompanied_minor', c))
      .find((k) => p.cells[k]?.status === 'published' && (p.cells[k] as { value: number }).value === 0);
    if (zero) expect(share(p, zero, TOTAL)).toBeNull();
    const small = { ...p, cells: { ...p.cells, [TOTAL]: { status: 'suppressed', reason: 'primary' } as const } };
    expect(share(small, cellKey('asylum_stage', 'none'), TOTAL)).toBeNull();
  });
});
