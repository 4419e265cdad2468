/**
 * Synthetic anonymous case records: invented people, distributed like the
 * network's published yearly figures (../shared/domain/case-record.md), so the
 * statistics, their disclosure control and the benchmarks work on data that
 * looks like the real thing without being any of it.
 *
 * Pure and deterministic: the same options give the same records, in the
 * same order, on every machine (a seeded mulberry32, ids drawn from it).
 * Records are yielded one at a time, so a million of them never sit in
 * memory together.
 *
 * The anchors the distributions are tuned to (generator.test.ts checks them
 * on a large sample): about half of the people are West African citizens;
 * Germany is a place of exploitation for 44–47 %, the place of recruitment
 * for about 17 %; criminal proceedings were initiated for 29–35 %;
 * psychosocial counselling reaches 87 %, help with authorities, with the
 * asylum procedure and in crises each more than half, help with pregnancy or
 * children 23 %; about 85 % of the documented records are released; mostly
 * women, some minors; mostly sexual exploitation, then labour. Centres differ
 * in size (a few large, many small) and in whom they counsel; the number of
 * cases grows from year to year, and so does the share first met before or
 * during the asylum procedure.
 */
import {
  EXPLOITATION_FORMS,
  type ASYLUM_STAGES,
  type CRIMINAL_PROCEEDINGS,
  type EXPLOITATION_TIMING,
  type GENDERS,
  type LABOUR_SECTORS,
  type MEANS_OF_CONTROL,
  type RECRUITER_RELATIONS,
  type REFERRAL_SOURCES,
  type RESIDENCE_STATUSES,
  type SUPPORT_PROVIDED,
  type TRAFFICKING_STATUSES,
  type UNACCOMPANIED_MINOR,
  type YES_NO_UNKNOWN,
} from '../../case-records/vocabulary.ts';
import { mulberry32, weighted, weightedTable, type Rng } from '../prng.ts';

/** A centre the generator assigns records to, with its relative size and what it specialises in. */
export type GeneratorCentre = {
  id: string;
  /** Relative number of records (any positive scale). */
  weight: number;
  profile?: CentreProfile;
};

/** How a centre's clients differ from the network's average. */
export type CentreProfile = {
  /** Share of men and boys instead of the network's ~12 %. */
  male?: number;
  /** Share of minors instead of the network's ~9 %. */
  minors?: number;
  /** Labour exploitation as the first form more often (1 = as often as sexual exploitation). */
  labour?: number;
};

export type GenerateOptions = {
  seed: number;
  /** First and last reporting year, inclusive. */
  from: number;
  to: number;
  /** Records over all years together. */
  count: number;
  centres: readonly GeneratorCentre[];
  /** Years still open: fewer of their records are complete and released yet. Others count as closed. */
  openYears?: ReadonlySet<number>;
  /** Now: no record is created, changed or released after it, and no first contact lies in a later quarter. */
  now: Date;
  /** Growth of the number of cases from one year to the next (default 1.1). */
  growth?: number;
};

/** A code of one of the vocabulary's lists. */
type Code<T extends readonly (string | number)[]> = T[number];
type YesNoUnknown = Code<typeof YES_NO_UNKNOWN>;
type Form = Code<typeof EXPLOITATION_FORMS>;
type Residence = Code<typeof RESIDENCE_STATUSES>;
type Stage = Code<typeof ASYLUM_STAGES>;
type Support = Code<typeof SUPPORT_PROVIDED>;

/** One row of case_record as the database stores it (the column names of migration 0026). */
export type SyntheticCase = {
  id: string;
  centre_id: string;
  status: 'draft' | 'complete';
  first_contact_year: number;
  first_contact_quarter: number;
  consent_statistics: boolean;
  released_at: Date | null;
  possibly_counted_elsewhere: YesNoUnknown | null;
  trafficking_status: Code<typeof TRAFFICKING_STATUSES> | null;
  gender: Code<typeof GENDERS> | null;
  age_at_first_contact: number | null;
  age_unknown: boolean;
  minor_at_exploitation: YesNoUnknown | null;
  unaccompanied_minor: Code<typeof UNACCOMPANIED_MINOR> | null;
  citizenship: string | null;
  country_of_recruitment: string[] | null;
  country_of_exploitation: string[] | null;
  exploitation_forms: Form[] | null;
  labour_sector: Code<typeof LABOUR_SECTORS> | null;
  means_of_control: Code<typeof MEANS_OF_CONTROL>[] | null;
  recruiter_relation: Code<typeof RECRUITER_RELATIONS> | null;
  first_contact_online: YesNoUnknown | null;
  exploitation_timing: Code<typeof EXPLOITATION_TIMING>[] | null;
  asylum_stage: Stage | null;
  residence_status_first: Residence | null;
  residence_status_end: Residence | null;
  referral_source: Code<typeof REFERRAL_SOURCES> | null;
  criminal_proceedings: Code<typeof CRIMINAL_PROCEEDINGS> | null;
  support_provided: Support[] | null;
  created_at: Date;
  updated_at: Date;
};

type Odds<T> = readonly (readonly [T, number])[];

/** How a citizenship is treated: Germans and EU citizens need no asylum procedure. */
type Group = 'germany' | 'eu' | 'west_africa' | 'other';

/** Citizenships with their relative weights (per cent of all records, roughly). */
const CITIZENSHIPS: Odds<readonly [string, Group]> = [
  // West Africa: about half of everyone the network counsels.
  [['NG', 'west_africa'], 32],
  [['GH', 'west_africa'], 4],
  [['GN', 'west_africa'], 4],
  [['SL', 'west_africa'], 3],
  [['CI', 'west_africa'], 3],
  [['GM', 'west_africa'], 2],
  [['SN', 'west_africa'], 1.5],
  [['TG', 'west_africa'], 1],
  [['BJ', 'west_africa'], 0.5],
  // EU citizens, above all from Romania and Bulgaria.
  [['RO', 'eu'], 8],
  [['BG', 'eu'], 6],
  [['HU', 'eu'], 2.5],
  [['PL', 'eu'], 1],
  [['DE', 'germany'], 3],
  [['UA', 'other'], 2.5],
  [['MD', 'other'], 1],
  [['AL', 'other'], 1],
  [['RS', 'other'], 0.5],
  [['ER', 'other'], 2],
  [['SO', 'other'], 1.5],
  [['ET', 'other'], 1],
  [['KE', 'other'], 1],
  [['UG', 'other'], 1],
  [['CM', 'other'], 2],
  [['CD', 'other'], 1],
  [['SY', 'other'], 1.5],
  [['IQ', 'other'], 1],
  [['MA', 'other'], 1],
  [['DZ', 'other'], 0.5],
  [['AF', 'other'], 1.5],
  [['PK', 'other'], 0.5],
  [['IN', 'other'], 0.5],
  [['VN', 'other'], 2.5],
  [['TH', 'other'], 1.5],
  [['CN', 'other'], 1],
  [['PH', 'other'], 0.5],
  [['BR', 'other'], 0.7],
  [['CO', 'other'], 0.5],
  [['VE', 'other'], 0.3],
  [['DO', 'other'], 0.3],
  [['XX', 'other'], 0.8],
  [['XS', 'other'], 0.2],
];
const citizenshipOf = weightedTable(CITIZENSHIPS);

/** Where people were exploited abroad, by citizenship group ('own' = their own country). */
const ABROAD: Record<Group, Odds<string>> = {
  west_africa: [
    ['IT', 35],
    ['LY', 25],
    ['own', 15],
    ['ES', 8],
    ['FR', 7],
    ['MA', 5],
    ['NE', 5],
  ],
  eu: [
    ['own', 40],
    ['AT', 15],
    ['NL', 15],
    ['IT', 10],
    ['ES', 10],
    ['BE', 10],
  ],
  germany: [
    ['NL', 30],
    ['AT', 25],
    ['ES', 20],
    ['CH', 25],
  ],
  other: [
    ['own', 30],
    ['GR', 15],
    ['IT', 15],
    ['TR', 15],
    ['LY', 10],
    ['FR', 8],
    ['AT', 7],
  ],
};

/** Germany only, Germany and abroad, abroad only, unknown — by citizenship group (Germany overall ≈ 46 %). */
const PLACE: Record<Group, Odds<'germany' | 'both' | 'abroad' | 'unknown'>> = {
  west_africa: [
    ['germany', 0.25],
    ['both', 0.08],
    ['abroad', 0.63],
    ['unknown', 0.04],
  ],
  eu: [
    ['germany', 0.68],
    ['both', 0.1],
    ['abroad', 0.18],
    ['unknown', 0.04],
  ],
  germany: [
    ['germany', 0.9],
    ['both', 0.06],
    ['abroad', 0.02],
    ['unknown', 0.02],
  ],
  other: [
    ['germany', 0.35],
    ['both', 0.1],
    ['abroad', 0.51],
    ['unknown', 0.04],
  ],
};

const ABROAD_TABLES = {
  west_africa: weightedTable(ABROAD.west_africa),
  eu: weightedTable(ABROAD.eu),
  germany: weightedTable(ABROAD.germany),
  other: weightedTable(ABROAD.other),
};
const PLACE_TABLES = {
  west_africa: weightedTable(PLACE.west_africa),
  eu: weightedTable(PLACE.eu),
  germany: weightedTable(PLACE.germany),
  other: weightedTable(PLACE.other),
};

const FORMS_WOMEN: Odds<Form> = [
  ['sexual', 76],
  ['labour', 9],
  ['forced_marriage', 6],
  ['begging', 2],
  ['criminality', 2],
  ['other', 2],
  ['unclear', 3],
];
const FORMS_MEN: Odds<Form> = [
  ['labour', 55],
  ['sexual', 15],
  ['criminality', 12],
  ['begging', 8],
  ['other', 4],
  ['unclear', 5],
  ['organ_removal', 1],
];

/** NACE sections of labour exploitation: hospitality, construction, agriculture, households, … */
const SECTORS: Odds<Code<typeof LABOUR_SECTORS>> = [
  ['I', 25],
  ['F', 20],
  ['A', 15],
  ['T', 15],
  ['H', 8],
  ['C', 7],
  ['N', 7],
  ['S', 3],
];
const sectors = weightedTable(SECTORS);

/** Each means of control with its odds; debt bondage and spiritual coercion more often for Nigerian women. */
const CONTROL: Odds<Code<typeof MEANS_OF_CONTROL>> = [
  ['debt_bondage', 0.42],
  ['takes_earnings', 0.5],
  ['withholds_documents', 0.35],
  ['threats', 0.6],
  ['threat_of_authorities', 0.2],
  ['restricted_movement', 0.3],
  ['violence', 0.45],
  ['psychological_abuse', 0.55],
  ['spiritual_coercion', 0.04],
  ['substances', 0.08],
  ['isolation', 0.25],
];

const REFERRAL: Odds<Code<typeof REFERRAL_SOURCES>> = [
  ['self', 18],
  ['police', 12],
  ['customs', 3],
  ['bamf', 6],
  ['foreigners_office', 3],
  ['jugendamt', 1],
  ['reception_centre', 10],
  ['other_fbs', 8],
  ['other_ngo', 17],
  ['medical', 5],
  ['lawyer', 5],
  ['private', 10],
  ['unknown', 2],
];
const referralSource = weightedTable(REFERRAL);

const PROCEEDINGS: Odds<Code<typeof CRIMINAL_PROCEEDINGS>> = [
  ['none', 0.57],
  ['investigation', 0.2],
  ['charges', 0.07],
  ['trial', 0.05],
  ['unknown', 0.11],
];
const proceedings = weightedTable(PROCEEDINGS);

const TRAFFICKING_STATUS: Odds<Code<typeof TRAFFICKING_STATUSES>> = [
  ['presumed', 68],
  ['ngo', 14],
  ['police', 10],
  ['court', 3],
  ['other', 3],
  ['not_trafficking', 2],
];
const traffickingStatus = weightedTable(TRAFFICKING_STATUS);

const RECRUITER_SEXUAL: Odds<Code<typeof RECRUITER_RELATIONS>> = [
  ['intimate_partner', 25],
  ['family', 10],
  ['friend', 20],
  ['employer', 5],
  ['other', 25],
  ['unknown', 15],
];
const recruiterSexual = weightedTable(RECRUITER_SEXUAL);
const RECRUITER_OTHER: Odds<Code<typeof RECRUITER_RELATIONS>> = [
  ['intimate_partner', 5],
  ['family', 12],
  ['friend', 16],
  ['employer', 40],
  ['other', 12],
  ['unknown', 15],
];
const recruiterOther = weightedTable(RECRUITER_OTHER);

const shuffle = <T>(rng: Rng, xs: readonly T[]): T[] => rng.sample(xs, xs.length);

/** A version-4 UUID from the generator's stream (deterministic, unrelated to anything else). */
function uuidFrom(rng: Rng): string {
  const hex = (n: number) =>
    Math.floor(rng.next() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  const variant = (8 + rng.int(4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
}

/**
 * How many records each year gets: `count` split by a yearly growth,
 * rounded so the years add up to `count` exactly.
 */
export function recordsPerYear(count: number, from: number, to: number, growth = 1.1): Map<number, number> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, not ${count}`);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to)
    throw new RangeError(`years ${from}–${to} are not a range`);
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const weights = years.map((_, i) => growth ** i);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * count);
  const out = exact.map(Math.floor);
  let left = count - out.reduce((a, b) => a + b, 0);
  // Largest remainders first, later years on ties.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  for (const [, i] of order) {
    if (left === 0) break;
    out[i]!++;
    left--;
  }
  return new Map(years.map((y, i) => [y, out[i]!]));
}

/** The last quarter of `year` that has begun by `now` (4 for past years). */
function lastQuarter(year: number, now: Date): number {
  if (year < now.getUTCFullYear()) return 4;
  return Math.floor(now.getUTCMonth() / 3) + 1;
}

const quarterStart = (year: number, quarter: number) => Date.UTC(year, (quarter - 1) * 3, 1);
const DAY = 86_400_000;

function ageOf(rng: Rng, minors: number): number | null {
  if (rng.chance(0.04)) return null;
  if (rng.chance(minors)) return rng.chance(0.15) ? 10 + rng.int(4) : 14 + rng.int(4);
  return weighted(rng, [
    [18 + rng.int(3), 0.13],
    [21 + rng.int(9), 0.43],
    [30 + rng.int(10), 0.29],
    [40 + rng.int(26), 0.15],
  ]);
}

/**
 * Every record, year by year, in a deterministic order. Yields exactly
 * `count` records; with no centre it yields nothing.
 */
export function* syntheticCases(o: GenerateOptions): Generator<SyntheticCase> {
  if (o.centres.length === 0 || o.count === 0) return;
  if (o.centres.some((c) => !(c.weight > 0))) throw new RangeError('every centre needs a weight > 0');
  if (o.to > o.now.getUTCFullYear()) throw new RangeError(`${o.to} lies in the future`);
  const rng = mulberry32(o.seed);
  const perYear = recordsPerYear(o.count, o.from, o.to, o.growth);
  const centre = weightedTable(o.centres.map((c) => [c, c.weight] as const));
  const span = Math.max(1, o.to - o.from);
  for (const [year, n] of perYear) {
    // 0 in the first year of the range, 1 in the last: the trends move along it.
    const t = (year - o.from) / span;
    const open = o.openYears?.has(year) ?? false;
    for (let i = 0; i < n; i++) yield oneCase(rng, year, t, open, centre(rng), o.now);
  }
}

function oneCase(rng: Rng, year: number, t: number, open: boolean, centre: GeneratorCentre, now: Date): SyntheticCase {
  const p = centre.profile ?? {};
  const quarter = 1 + rng.int(lastQuarter(year, now));
  const male = p.male ?? 0.12;
  const gender = weighted<Code<typeof GENDERS>>(rng, [
    ['female', (1 - male) * 0.97],
    ['male', male],
    ['trans', 0.02],
    ['non_binary', 0.006],
    ['unknown', 0.004],
  ]);
  const age = ageOf(rng, p.minors ?? 0.09);
  const minor = age !== null && age < 18;
  const [citizenship, group] = citizenshipOf(rng);

  // Forms of exploitation: by gender and the centre's focus; one in ten has a second one.
  const base = gender === 'male' ? FORMS_MEN : FORMS_WOMEN;
  const odds: Odds<Form> = p.labour ? base.map(([k, w]) => [k, k === 'labour' ? w + 76 * p.labour! : w]) : base;
  const first = weighted(rng, odds);
  const forms = [first];
  if (first !== 'unclear' && rng.chance(0.1)) {
    const second = weighted(
      rng,
      odds.filter(([k]) => k !== first && k !== 'unclear'),
    );
    forms.push(second);
    // Lists in the vocabulary's order, as the form stores them.
    forms.sort((a, b) => EXPLOITATION_FORMS.indexOf(a) - EXPLOITATION_FORMS.indexOf(b));
  }

  // Where: Germany alone, Germany and abroad, abroad only, unknown.
  const own = citizenship === 'XX' || citizenship === 'XS' ? 'IT' : citizenship;
  const abroad = () => {
    const c = ABROAD_TABLES[group](rng);
    return c === 'own' ? own : c;
  };
  const place = PLACE_TABLES[group](rng);
  const exploitation =
    place === 'germany'
      ? ['DE']
      : place === 'both'
        ? ['DE', abroad()]
        : place === 'abroad'
          ? [...new Set([abroad(), ...(rng.chance(0.15) ? [abroad()] : [])])]
          : ['XX'];
  const recruitment =
    group === 'germany'
      ? ['DE']
      : [
          weighted(rng, [
            ['DE', 0.145],
            [own, 0.65],
            [abroad(), 0.15],
            ['XX', 0.03],
          ]),
        ];

  // The asylum procedure: not for Germans and EU citizens; ever more often for the others.
  const needsAsylum = group === 'west_africa' || group === 'other';
  const inProcedure = needsAsylum && rng.chance(0.55 + 0.2 * t);
  const asylumStage: Stage = !needsAsylum
    ? 'none'
    : inProcedure
      ? weighted<Stage>(rng, [
          ['not_filed', 15],
          ['pending', 45],
          ['dublin', 40],
        ])
      : weighted<Stage>(rng, [
          ['none', 35],
          ['rejected', 25],
          ['protection', 30],
          ['unknown', 10],
        ]);
  const residenceFirst = residenceOf(rng, group, asylumStage);
  const residenceEnd = rng.chance(0.7) ? residenceFirst : laterResidence(rng, residenceFirst);
  const timing: Code<typeof EXPLOITATION_TIMING>[] = [];
  if (!needsAsylum || asylumStage === 'none') timing.push('not_applicable');
  else {
    if (rng.chance(0.3)) timing.push('before_flight');
    if (rng.chance(0.45)) timing.push('during_flight');
    if (rng.chance(0.1)) timing.push('germany_before_asylum');
    if (inProcedure && rng.chance(0.45)) timing.push('during_asylum');
    if (!inProcedure && asylumStage !== 'unknown' && rng.chance(0.2)) timing.push('after_asylum_decision');
    if (timing.length === 0) timing.push(inProcedure ? 'during_asylum' : 'during_flight');
  }

  const nigerianWoman = citizenship === 'NG' && gender === 'female';
  const control = CONTROL.filter(([k, pr]) =>
    rng.chance(nigerianWoman && k === 'spiritual_coercion' ? 0.45 : nigerianWoman && k === 'debt_bondage' ? 0.75 : pr),
  ).map(([k]) => k);
  if (control.length === 0) control.push('psychological_abuse');

  const referral =
    minor && rng.chance(0.3) ? 'jugendamt' : inProcedure && rng.chance(0.2) ? 'bamf' : referralSource(rng);
  const support = supportOf(rng, gender, age, asylumStage, group);

  // Consent, completeness and release: most records of a closed year are released.
  const consent = rng.chance(0.9);
  const complete = rng.chance(open ? 0.7 : 0.97);
  const release = complete && consent && rng.chance(open ? 0.6 : 0.975);
  const createdAt = Math.min(now.getTime(), quarterStart(year, quarter) + rng.int(88) * DAY + rng.int(DAY));
  const releasedAt = release
    ? open
      ? createdAt + (now.getTime() - createdAt) * rng.next()
      : Math.min(now.getTime(), Date.UTC(year + 1, 0, 10) + rng.int(45) * DAY)
    : null;
  const updatedAt = Math.max(createdAt, releasedAt ?? createdAt);

  const record: SyntheticCase = {
    id: uuidFrom(rng),
    centre_id: centre.id,
    status: complete ? 'complete' : 'draft',
    first_contact_year: year,
    first_contact_quarter: quarter,
    consent_statistics: consent,
    released_at: releasedAt === null ? null : new Date(releasedAt),
    possibly_counted_elsewhere: weighted(rng, [
      ['no', 78],
      ['yes', 7],
      ['unknown', 15],
    ]),
    trafficking_status: traffickingStatus(rng),
    gender,
    age_at_first_contact: age,
    age_unknown: age === null,
    minor_at_exploitation:
      age === null
        ? weighted(rng, [
            ['unknown', 0.7],
            ['yes', 0.1],
            ['no', 0.2],
          ])
        : minor
          ? 'yes'
          : age < 21
            ? weighted(rng, [
                ['yes', 0.35],
                ['no', 0.6],
                ['unknown', 0.05],
              ])
            : weighted(rng, [
                ['no', 0.93],
                ['yes', 0.04],
                ['unknown', 0.03],
              ]),
    unaccompanied_minor: minor
      ? group === 'eu' || group === 'germany'
        ? weighted(rng, [
            ['accompanied', 0.7],
            ['separated', 0.2],
            ['unaccompanied', 0.1],
          ])
        : weighted(rng, [
            ['unaccompanied', 0.5],
            ['separated', 0.2],
            ['accompanied', 0.3],
          ])
      : age === null
        ? weighted(rng, [
            ['not_applicable', 0.8],
            ['unaccompanied', 0.1],
            ['accompanied', 0.1],
          ])
        : 'not_applicable',
    citizenship,
    country_of_recruitment: recruitment,
    country_of_exploitation: exploitation,
    exploitation_forms: forms,
    labour_sector: forms.includes('labour') ? sectors(rng) : null,
    means_of_control: control,
    recruiter_relation: (forms[0] === 'sexual' ? recruiterSexual : recruiterOther)(rng),
    first_contact_online: weighted(rng, [
      ['yes', 0.15 + 0.15 * t],
      ['no', 0.6 - 0.15 * t],
      ['unknown', 0.25],
    ]),
    exploitation_timing: timing,
    asylum_stage: asylumStage,
    residence_status_first: residenceFirst,
    residence_status_end: residenceEnd,
    referral_source: referral,
    criminal_proceedings: proceedings(rng),
    support_provided: support,
    created_at: new Date(createdAt),
    updated_at: new Date(updatedAt),
  };
  if (!complete) leaveGaps(rng, record);
  return record;
}

function residenceOf(rng: Rng, group: Group, stage: Stage): Residence {
  if (group === 'germany') return 'german';
  if (group === 'eu') return 'eu';
  switch (stage) {
    case 'pending':
    case 'dublin':
      return 'gestattung';
    case 'rejected':
      return 'duldung';
    case 'protection':
      return 'other_title';
    case 'not_filed':
      return weighted(rng, [
        ['none', 0.8],
        ['unknown', 0.2],
      ]);
    case 'unknown':
      return 'unknown';
    default:
      return weighted(rng, [
        ['reflection_59_7', 0.3],
        ['residence_25_4a', 0.1],
        ['other_title', 0.25],
        ['none', 0.3],
        ['unknown', 0.05],
      ]);
  }
}

/** Where a residence status may have gone by the end of the year. */
function laterResidence(rng: Rng, first: Residence): Residence {
  switch (first) {
    case 'gestattung':
      return rng.pick(['other_title', 'duldung', 'residence_25_4a']);
    case 'duldung':
      return rng.pick(['residence_25_4a', 'other_title', 'reflection_59_7']);
    case 'none':
    case 'unknown':
      return rng.pick(['reflection_59_7', 'gestattung', 'residence_25_4a']);
    case 'reflection_59_7':
      return rng.pick(['residence_25_4a', 'other_title']);
    default:
      return first;
  }
}

function supportOf(rng: Rng, gender: string, age: number | null, stage: Stage, group: Group): Support[] {
  const asylumOdds =
    stage === 'not_filed' || stage === 'pending' || stage === 'dublin' || stage === 'rejected'
      ? 0.85
      : stage === 'protection'
        ? 0.4
        : group === 'eu' || group === 'germany'
          ? 0.02
          : 0.25;
  const adultWoman = gender === 'female' && (age === null || age >= 18);
  const odds: [Support, number][] = [
    ['psychosocial', 0.875],
    ['accompaniment', 0.57],
    ['asylum_support', asylumOdds],
    ['crisis', 0.54],
    ['shelter', 0.25],
    ['medical', 0.4],
    ['legal', 0.35],
    ['therapy', 0.12],
    ['financial', 0.3],
    ['pregnancy_children', adultWoman ? 0.29 : 0.04],
    ['return', 0.04],
    ['other', 0.06],
  ];
  const out = odds.filter(([, pr]) => rng.chance(pr)).map(([k]) => k);
  return out.length > 0 ? out : ['psychosocial'];
}

/** A draft still lacks what counsellors fill in last: a few answers left empty. */
function leaveGaps(rng: Rng, r: SyntheticCase): void {
  const optional = [
    'criminal_proceedings',
    'support_provided',
    'residence_status_end',
    'means_of_control',
    'recruiter_relation',
    'first_contact_online',
    'possibly_counted_elsewhere',
  ] as const;
  for (const k of shuffle(rng, optional).slice(0, 1 + rng.int(3))) r[k] = null;
}

/**
 * Relative sizes for `n` centres: a few large, many small (Zipf-like, in
 * a seeded random order so the largest is not always the first listed).
 */
export function skewedWeights(n: number, seed: number): number[] {
  const ranks = shuffle(
    mulberry32(seed),
    Array.from({ length: n }, (_, i) => i + 1),
  );
  return ranks.map((r) => 1 / r ** 0.9);
}
