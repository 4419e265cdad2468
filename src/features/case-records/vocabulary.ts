/**
 * The case record's vocabulary (migrations/0026, ADR 034): every field's
 * codes, which fields take several values, which are asked only in some
 * cases, the age bands the statistics publish, the regions citizenship is
 * published as, and each field's name and codes in the IOM Human
 * Trafficking Case Data Standard (HTCDS) for the export. The database's
 * CHECK constraints hold the same lists (vocabulary.test.ts compares them).
 */

export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export const RECORD_STATUSES = ['draft', 'complete'] as const;
export const QUARTERS = [1, 2, 3, 4] as const;
/** The years a record's first contact may fall in (the database allows the same). */
export const YEAR_RANGE = { min: 2000, max: 2100 } as const;
/** Whole years; "unknown" is a separate answer (age_unknown). */
export const AGE_RANGE = { min: 0, max: 99 } as const;

export const TRAFFICKING_STATUSES = ['presumed', 'police', 'court', 'ngo', 'other', 'not_trafficking'] as const;
export const GENDERS = ['female', 'male', 'trans', 'non_binary', 'unknown'] as const;
export const UNACCOMPANIED_MINOR = ['unaccompanied', 'separated', 'accompanied', 'not_applicable'] as const;
export const EXPLOITATION_FORMS = [
  'sexual',
  'labour',
  'begging',
  'criminality',
  'forced_marriage',
  'organ_removal',
  'other',
  'unclear',
] as const;
/** NACE Rev. 2 sections, asked only for labour exploitation. */
export const LABOUR_SECTORS = [
  'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U',
] as const; // prettier-ignore
export const MEANS_OF_CONTROL = [
  'debt_bondage',
  'takes_earnings',
  'withholds_documents',
  'threats',
  'threat_of_authorities',
  'restricted_movement',
  'violence',
  'psychological_abuse',
  'spiritual_coercion',
  'substances',
  'isolation',
] as const;
export const RECRUITER_RELATIONS = ['intimate_partner', 'family', 'friend', 'employer', 'other', 'unknown'] as const;
export const EXPLOITATION_TIMING = [
  'before_flight',
  'during_flight',
  'germany_before_asylum',
  'during_asylum',
  'after_asylum_decision',
  'not_applicable',
] as const;
export const ASYLUM_STAGES = ['none', 'not_filed', 'pending', 'dublin', 'rejected', 'protection', 'unknown'] as const;
export const RESIDENCE_STATUSES = [
  'german',
  'eu',
  'gestattung',
  'duldung',
  'reflection_59_7',
  'residence_25_4a',
  'other_title',
  'none',
  'unknown',
] as const;
export const REFERRAL_SOURCES = [
  'self',
  'police',
  'customs',
  'bamf',
  'foreigners_office',
  'jugendamt',
  'reception_centre',
  'other_fbs',
  'other_ngo',
  'medical',
  'lawyer',
  'private',
  'unknown',
] as const;
export const CRIMINAL_PROCEEDINGS = ['none', 'investigation', 'charges', 'trial', 'unknown'] as const;
export const SUPPORT_PROVIDED = [
  'psychosocial',
  'accompaniment',
  'asylum_support',
  'crisis',
  'shelter',
  'medical',
  'legal',
  'therapy',
  'financial',
  'pregnancy_children',
  'return',
  'other',
] as const;

/** The single-choice fields and their codes, in the order the form asks them. */
export const SINGLE_CHOICE = {
  possibly_counted_elsewhere: YES_NO_UNKNOWN,
  trafficking_status: TRAFFICKING_STATUSES,
  gender: GENDERS,
  minor_at_exploitation: YES_NO_UNKNOWN,
  unaccompanied_minor: UNACCOMPANIED_MINOR,
  labour_sector: LABOUR_SECTORS,
  recruiter_relation: RECRUITER_RELATIONS,
  first_contact_online: YES_NO_UNKNOWN,
  asylum_stage: ASYLUM_STAGES,
  residence_status_first: RESIDENCE_STATUSES,
  residence_status_end: RESIDENCE_STATUSES,
  referral_source: REFERRAL_SOURCES,
  criminal_proceedings: CRIMINAL_PROCEEDINGS,
} as const;
export type SingleChoiceField = keyof typeof SINGLE_CHOICE;

/** The multi-choice fields (stored as arrays: NULL "not answered yet", empty "none"). */
export const MULTI_CHOICE = {
  exploitation_forms: EXPLOITATION_FORMS,
  means_of_control: MEANS_OF_CONTROL,
  exploitation_timing: EXPLOITATION_TIMING,
  support_provided: SUPPORT_PROVIDED,
} as const;
export type MultiChoiceField = keyof typeof MULTI_CHOICE;

/** Country fields: citizenship takes one code, the places several. */
export const COUNTRY_FIELDS = {
  citizenship: 'single',
  country_of_recruitment: 'multi',
  country_of_exploitation: 'multi',
} as const;
export type CountryField = keyof typeof COUNTRY_FIELDS;

/** The regions citizenship is published as (UN M49-based, with the network's deviations). */
export const REGIONS = [
  'germany',
  'eu_eea',
  'other_europe',
  'west_africa',
  'east_africa',
  'other_africa',
  'middle_east_north_africa',
  'central_south_asia',
  'east_southeast_asia_pacific',
  'americas',
  'stateless_unknown',
] as const;
export type Region = (typeof REGIONS)[number];

/**
 * Every ISO 3166-1 alpha-2 code, plus XK (Kosovo, user-assigned but used by
 * German authorities), XX (unknown) and XS (stateless), by the region it is
 * published as. The same table is seeded in the database (country_region).
 */
export const COUNTRIES_BY_REGION: Readonly<Record<Region, readonly string[]>> = {
  germany: ['DE'],
  eu_eea: [
    'AT',
    'AX',
    'BE',
    'BG',
    'CY',
    'CZ',
    'DK',
    'EE',
    'ES',
    'FI',
    'FR',
    'GF',
    'GP',
    'GR',
    'HR',
    'HU',
    'IE',
    'IS',
    'IT',
    'LI',
    'LT',
    'LU',
    'LV',
    'MF',
    'MQ',
    'MT',
    'NL',
    'NO',
    'PL',
    'PT',
    'RE',
    'RO',
    'SE',
    'SI',
    'SJ',
    'SK',
    'YT',
  ],
  other_europe: [
    'AD',
    'AL',
    'AM',
    'AZ',
    'BA',
    'BY',
    'CH',
    'FO',
    'GB',
    'GE',
    'GG',
    'GI',
    'IM',
    'JE',
    'MC',
    'MD',
    'ME',
    'MK',
    'RS',
    'RU',
    'SM',
    'TR',
    'UA',
    'VA',
    'XK',
  ],
  west_africa: ['BF', 'BJ', 'CI', 'CV', 'GH', 'GM', 'GN', 'GW', 'LR', 'ML', 'MR', 'NE', 'NG', 'SH', 'SL', 'SN', 'TG'],
  east_africa: [
    'BI',
    'DJ',
    'ER',
    'ET',
    'IO',
    'KE',
    'KM',
    'MG',
    'MU',
    'MW',
    'MZ',
    'RW',
    'SC',
    'SO',
    'SS',
    'TF',
    'TZ',
    'UG',
    'ZM',
    'ZW',
  ],
  other_africa: ['AO', 'BW', 'CD', 'CF', 'CG', 'CM', 'GA', 'GQ', 'LS', 'NA', 'ST', 'SZ', 'TD', 'ZA'],
  middle_east_north_africa: [
    'AE',
    'BH',
    'DZ',
    'EG',
    'EH',
    'IL',
    'IQ',
    'JO',
    'KW',
    'LB',
    'LY',
    'MA',
    'OM',
    'PS',
    'QA',
    'SA',
    'SD',
    'SY',
    'TN',
    'YE',
  ],
  central_south_asia: ['AF', 'BD', 'BT', 'IN', 'IR', 'KG', 'KZ', 'LK', 'MV', 'NP', 'PK', 'TJ', 'TM', 'UZ'],
  east_southeast_asia_pacific: [
    'AS',
    'AU',
    'BN',
    'CC',
    'CK',
    'CN',
    'CX',
    'FJ',
    'FM',
    'GU',
    'HK',
    'HM',
    'ID',
    'JP',
    'KH',
    'KI',
    'KP',
    'KR',
    'LA',
    'MH',
    'MM',
    'MN',
    'MO',
    'MP',
    'MY',
    'NC',
    'NF',
    'NR',
    'NU',
    'NZ',
    'PF',
    'PG',
    'PH',
    'PN',
    'PW',
    'SB',
    'SG',
    'TH',
    'TK',
    'TL',
    'TO',
    'TV',
    'TW',
    'UM',
    'VN',
    'VU',
    'WF',
    'WS',
  ],
  americas: [
    'AG',
    'AI',
    'AR',
    'AW',
    'BB',
    'BL',
    'BM',
    'BO',
    'BQ',
    'BR',
    'BS',
    'BV',
    'BZ',
    'CA',
    'CL',
    'CO',
    'CR',
    'CU',
    'CW',
    'DM',
    'DO',
    'EC',
    'FK',
    'GD',
    'GL',
    'GS',
    'GT',
    'GY',
    'HN',
    'HT',
    'JM',
    'KN',
    'KY',
    'LC',
    'MS',
    'MX',
    'NI',
    'PA',
    'PE',
    'PM',
    'PR',
    'PY',
    'SR',
    'SV',
    'SX',
    'TC',
    'TT',
    'US',
    'UY',
    'VC',
    'VE',
    'VG',
    'VI',
  ],
  stateless_unknown: ['AQ', 'XS', 'XX'],
};

/** Unknown country and stateless: not countries, but answers. */
export const UNKNOWN_COUNTRY = 'XX';
export const STATELESS = 'XS';

/** The region of every code. */
export const REGION_OF: ReadonlyMap<string, Region> = new Map(
  (Object.entries(COUNTRIES_BY_REGION) as [Region, readonly string[]][]).flatMap(([region, codes]) =>
    codes.map((code) => [code, region] as const),
  ),
);
/** Codes a citizenship may take: every country, XX and XS. */
export const CITIZENSHIP_CODES: readonly string[] = [...REGION_OF.keys()].sort();
/** Codes a place (recruitment, exploitation) may take: every country and XX, never XS. */
export const PLACE_CODES: readonly string[] = CITIZENSHIP_CODES.filter((c) => c !== STATELESS);

/**
 * Fields asked only in some cases. When the condition does not hold the
 * form does not show the field and the record stores the value given here
 * (null: nothing).
 */
export const CONDITIONAL = {
  /** Below 18 at first contact, or the age is unknown. */
  unaccompanied_minor: { when: 'minor', otherwise: 'not_applicable' },
  /** Only when labour is among the forms of exploitation. */
  labour_sector: { when: 'labour', otherwise: null },
} as const;

/** Is the minors' question asked (age below 18, or unknown / not yet given)? */
export function asksMinorQuestions(age: number | null, ageUnknown: boolean): boolean {
  return ageUnknown || age === null || age < 18;
}

/** Is the labour sector asked? */
export function asksLabourSector(forms: readonly string[] | null): boolean {
  return forms?.includes('labour') ?? false;
}

/** The age bands the statistics publish (case_statistics derives the same in SQL). */
export const AGE_BANDS = ['0-13', '14-17', '18-20', '21-29', '30-39', '40+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(age: number | null, ageUnknown: boolean): AgeBand {
  if (ageUnknown || age === null) return 'unknown';
  if (age <= 13) return '0-13';
  if (age <= 17) return '14-17';
  if (age <= 20) return '18-20';
  if (age <= 29) return '21-29';
  if (age <= 39) return '30-39';
  return '40+';
}

/**
 * A field's place in the HTCDS (v2): the standard's field name and, per
 * code, the standard's value (null: the standard has none for this code).
 * Fields the standard lacks have no entry; the export writes them under the
 * network's own column name. `qualifier` is the event type for fields the
 * standard keeps as historic trafficking events (hte_Type).
 */
export type HtcdsTarget = {
  field: string;
  values?: Readonly<Record<string, string | null>>;
  qualifier?: string;
};

const NACE: Record<(typeof LABOUR_SECTORS)[number], string> = {
  A: 'A_AgricultureForestryAndFishing',
  B: 'B_MiningAndQuarrying',
  C: 'C_Manufacturing',
  D: 'D_ElectricityGasSteamAndAirConditioningSupply',
  E: 'E_WaterSupplySewerageWasteManagement',
  F: 'F_Construction',
  G: 'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
  H: 'H_TransportationAndStorage',
  I: 'I_AccommodationAndFoodServiceActivities',
  J: 'J_InformationAndCommunication',
  K: 'K_FinancialAndInsuranceActivities',
  L: 'L_RealEstateActivities',
  M: 'M_ProfessionalScientificAndTechnicalActivities',
  N: 'N_AdministrativeAndSupportServiceActivities',
  O: 'O_PublicAdministrationAndDefence',
  P: 'P_Education',
  Q: 'Q_HumanHealthAndSocialWorkActivities',
  R: 'R_ArtsEntertainmentAndRecreation',
  S: 'S_OtherServiceActivities',
  T: 'T_ActivitiesOfHouseholdsAsEmployers',
  U: 'U_ActivitiesOfExtraterritorialOrganizations',
};

export const HTCDS: Readonly<Partial<Record<string, readonly HtcdsTarget[]>>> = {
  consent_statistics: [{ field: 'con_Consent' }],
  gender: [
    {
      field: 'prs_Gender',
      values: {
        female: 'Feminine',
        male: 'Masculine',
        // The standard distinguishes transgender feminine and masculine; the record does not ask.
        trans: null,
        non_binary: 'NonConforming',
        unknown: 'NonSpecifiedUnknown',
      },
    },
  ],
  citizenship: [{ field: 'prs_Citizenship' }],
  trafficking_status: [
    {
      field: 'vic_TraffickingStatus',
      values: {
        presumed: 'PossibleVictimOfTrafficking',
        police: 'ActualVictimOfTrafficking',
        court: 'ActualVictimOfTrafficking',
        ngo: 'ActualVictimOfTrafficking',
        other: 'ActualVictimOfTrafficking',
        not_trafficking: 'NotAVictimOfTrafficking',
      },
    },
    {
      field: 'vic_TraffickingStatusDecisionMakingOrg',
      values: {
        presumed: null,
        police: 'Police',
        court: 'CourtOrProsecution',
        ngo: 'NGO',
        other: 'Other',
        not_trafficking: null,
      },
    },
  ],
  exploitation_forms: [
    {
      field: 'vic_TypeOfExploitation',
      values: {
        sexual: 'SexualExploitation',
        labour: 'ForcedLabour',
        begging: 'ForcedBegging',
        // The standard has no forced criminality.
        criminality: 'Other',
        forced_marriage: 'ForcedMarriage',
        organ_removal: 'OrganRemoval',
        other: 'Other',
        unclear: null,
      },
    },
  ],
  labour_sector: [{ field: 'vic_ForcedLabourIndustry', values: NACE }],
  means_of_control: [
    {
      field: 'vic_MethodsOfControl',
      values: {
        debt_bondage: 'DebtBondage',
        takes_earnings: 'TakesEarnings',
        withholds_documents: 'WithholdsDocuments',
        threats: 'PhysicalThreats',
        threat_of_authorities: 'ThreatsLawEnforcement',
        restricted_movement: 'RestrictsMovement',
        violence: 'PhysicalAbuse',
        psychological_abuse: 'PsychologicalAbuse',
        spiritual_coercion: 'Other',
        substances: 'PsychoactiveSubstance',
        // "Isolated, confined or limited … physically or socially" (MethodsOfControlRestrictsMovement).
        isolation: 'RestrictsMovement',
      },
    },
  ],
  recruiter_relation: [
    {
      field: 'vic_RelationshipToTrafficker',
      values: {
        intimate_partner: 'Acquainted',
        family: 'Familial',
        friend: 'Acquainted',
        employer: null,
        other: null,
        unknown: null,
      },
    },
  ],
  country_of_recruitment: [{ field: 'hte_Country', qualifier: 'Recruitment' }],
  country_of_exploitation: [{ field: 'hte_Country', qualifier: 'Exploitation' }],
};
