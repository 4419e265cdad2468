/**
 * Checklist #19 (allow-list validation: bad input → a clear 4xx, never a
 * 500) and #16 (strict schemas, no mass assignment): every POST route and
 * every GET route's query string and path parameters, fuzzed with
 * fast-check (inputs in fuzz-inputs.ts). After each request the whole
 * schema is compared with before: a refused request wrote nothing; a
 * hostile but well-formed one wrote only what its route writes for any
 * failed attempt (throttle counters, audit rows).
 */
import {
  ADDRESSEE_KINDS,
  EVIDENCE_KINDS,
  SOURCE_KINDS,
  STRENGTHS,
  TRACKS,
} from '../../src/features/recommendations/vocabulary.ts';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { settleBackgroundTasks } from '../../src/features/account/background.ts';
import { MAX_STATE_LENGTH } from '../../src/features/account/invitations/enrolment-state.ts';
import { MAX_PENDING_LENGTH } from '../../src/features/account/totp-change/pending-secret.ts';
import { appForFile } from '../support/app.ts';
import { createUser, fakeClock, type Session } from '../support/auth.ts';
import {
  AUDIT_TABLES,
  buildWorld,
  concreteUrl,
  directSession,
  messageProblem,
  routeIds,
  WHO,
  type RouteIds,
  type StaffRole,
  type World,
  WriteWatcher,
} from '../support/security.ts';
import {
  hostileUpload,
  hostilePdfUpload,
  fakeAssertion,
  fakeRegistration,
  hostileForm,
  hostileJson,
  hostileQuery,
  hostileString,
  encodeForm,
  malformed,
  mixedForm,
  type BodySpec,
  type Field,
  type Payload,
} from './fuzz-inputs.ts';
import { REPORT_KINDS } from '../../src/features/entry-reports/schema.ts';
import { GUIDE_FORMS } from '../../src/features/professionals/schema.ts';
import { DECLINE_REASONS } from '../../src/features/referrals/schema.ts';
import { WORK_TYPES } from '../../src/features/publications/queries.ts';
import { INTENTS } from '../../src/features/site-content/schema.ts';
import { MAX_DECLINE_NOTE } from '../../src/features/referrals/schema-staff.ts';
import { issueStamp } from '../../src/features/entry-reports/spam.ts';
import { issueStamp as referralStamp } from '../../src/features/referrals/spam.ts';
import { contactFormGuard } from '../../src/features/site-content/contact/routes.ts';
import { ROUTE_MATRIX } from './route-matrix.ts';
import { createInvitation } from '../../src/platform/auth/queries/invitations.ts';
import { hiddenValue, secretIn } from '../../src/features/account/test-support.ts';
import { withScope } from '../../src/platform/db/tenant.ts';
import { generateTotp } from '../../src/platform/security/totp.ts';
import { entryBody, publishedEntry } from '../../src/features/centre-entry/testing.ts';
import { LOCALES } from '../../src/platform/i18n/locales.ts';

const MALFORMED_RUNS = 25;
const HOSTILE_RUNS = 20;
const GET_RUNS = 12;

let world: World;
let ids: RouteIds;
let writes: WriteWatcher;

const t = appForFile({}, { clock: fakeClock() });
beforeAll(async () => {
  world = await buildWorld(t.app);
  ids = await routeIds(t.app, world);
  writes = new WriteWatcher(t.app);
}, 120_000);

const text = (max: number, required = false): Field => ({ kind: 'text', max, required });
const req = (max: number): Field => text(max, true);
const factor = { method: { kind: 'enum', values: ['totp', 'recovery'], required: true } as Field, code: req(64) };

type Who = 'anonymous' | 'pending' | 'restricted' | StaffRole;
type PostFuzz = {
  who: Who;
  /** Needs a recent re-authentication to get past the guard into the real work. */
  recent?: boolean;
  body: BodySpec;
  /**
   * Well-formed hostile bodies. Left null for form routes with `writes`
   * (filled in from their fields below) and for CSRF-only routes, where any
   * well-formed body is a legitimate action (sign-out, accept…).
   */
  hostile: ((csrf: string | null) => fc.Arbitrary<Payload>) | null;
  /** A legitimate body; hostile runs swap some of its fields (see mixedForm). */
  base?: () => Promise<Record<string, string | string[]>> | Record<string, string | string[]>;
  /** What a well-formed (failed or successful) attempt may write. */
  writes?: readonly string[];
};

const form = (fields: Record<string, Field>): BodySpec => ({ type: 'form', fields });
const projectFields: Record<string, Field> = {
  slug: req(80),
  title: req(200),
  goal: req(1000),
  summary: text(5000),
  starts_on: req(10),
  ends_on: text(10),
  status: { kind: 'enum', values: ['planned', 'running', 'completed'], required: true },
  published: { kind: 'enum', values: ['on'] },
  contact_name: text(200),
  contact_role: text(200),
  funders: { kind: 'list', max: 100 },
};
const funderFields: Record<string, Field> = { name: req(200), credit_line: req(300), url: text(500) };
const measureFields: Record<string, Field> = {
  title: req(200),
  description: req(2000),
  kind: {
    kind: 'enum',
    values: ['outreach_accommodation', 'training', 'information_event', 'networking'],
    required: true,
  },
  region: { kind: 'enum', values: ['DE', 'DE-BE', 'DE-BY'], required: true },
  starts_on: req(10),
  ends_on: text(10),
};
const csrfOnly = (type: 'form' | 'json' = 'form'): BodySpec => ({ type, fields: {}, csrfOnly: true });
const viaForm = (spec: BodySpec) => (csrf: string | null) => hostileForm(spec, csrf);
/** Attempts while locked out are audited under the flood guard, which counts them in its own table. */
const GUARDED_AUDIT = [...AUDIT_TABLES, 'audit_flood_guard'];
const FAILED_ATTEMPT = ['auth_throttle', ...GUARDED_AUDIT];
/** A recovery or credential change ends the account's pending one-time links. */
const ENDS_LINKS = ['email_change', 'password_reset', 'invitation'];

const guideFields: Record<string, Field> = {
  observed: { kind: 'list', max: 100 },
  place: text(100),
  form: { kind: 'enum', values: ['', ...GUIDE_FORMS] },
  view: { kind: 'enum', values: ['checklist', 'edit'] },
};

const entryFields: Record<string, Field> = {
  description: text(25_000),
  email: text(25_000),
  website: text(25_000),
  address_1: text(25_000),
  postal_code: text(25_000),
  city: text(25_000),
  minimum_age: text(25_000),
  maximum_age: text(25_000),
  address_protected: { kind: 'enum', values: ['1'] },
  targetGroups: { kind: 'list', max: 100 },
  exploitation: { kind: 'list', max: 100 },
  languages: { kind: 'list', max: 100 },
  accessibility: { kind: 'list', max: 100 },
  hours_0_days: { kind: 'list', max: 100 },
  hours_0_opens: text(25_000),
  hours_0_closes: text(25_000),
  hours_0_note: text(25_000),
  phone_0_number: text(25_000),
  phone_0_type: text(25_000),
  phone_0_description: text(25_000),
};

const helplineFields: Record<string, Field> = {
  kind: text(2000),
  contact: text(2000),
  name_de: text(2000),
  name_en: text(2000),
  description_de: text(2000),
  description_en: text(2000),
  around_the_clock: { kind: 'enum', values: ['on'] },
  hours_de: text(2000),
  hours_en: text(2000),
  emergency: { kind: 'enum', values: ['on'] },
  first_screen: { kind: 'enum', values: ['on'] },
  sort_order: text(2000),
  checked_on: text(2000),
};
// The translation form has a name, description and hours field for every offered language beyond German and English.
const helplineTranslationFields: Record<string, Field> = Object.fromEntries(
  Object.keys(LOCALES)
    .filter((l) => l !== 'de' && l !== 'en')
    .flatMap((l) => [`name_${l}`, `description_${l}`, `hours_${l}`].map((f) => [f, text(2000)])),
);
const recommendationFields: Record<string, Field> = {
  slug: req(100),
  title: req(200),
  challenge: req(4000),
  body: req(4000),
  addressee_kind: { kind: 'enum', values: ADDRESSEE_KINDS, required: true },
  addressee_name: req(200),
  themes: { kind: 'list', max: 20 },
  affected_groups: { kind: 'list', max: 20 },
  // A project's id ('' for none); an unknown one is a 400.
  project: text(40),
};
const recommendationBase = {
  slug: 'fuzz-empfehlung',
  title: 'Empfehlung',
  challenge: 'Eine Herausforderung.',
  body: 'Eine Empfehlung.',
  addressee_kind: 'legislator',
  addressee_name: 'Bundestag',
};
const helplineBase = {
  kind: 'phone',
  contact: '0800 111 0 550',
  name_de: 'Elterntelefon',
  name_en: 'Helpline for parents',
  hours_de: 'Mo–Fr 9–17 Uhr',
  hours_en: 'Mon–Fri 9 am–5 pm',
  sort_order: '80',
  checked_on: '2026-01-15',
};

// The draft form's fields for the seeded adults' guide (any version's fields follow these patterns).
const indicatorDraftFields: Record<string, Field> = Object.fromEntries(
  [
    'framing_de',
    'framing_en',
    'title_de.economic',
    'title_en.economic',
    ...['text_de', 'text_en', 'explanation_de', 'explanation_en', 'source', 'remove'].map((f) => `${f}.debt-bondage`),
    ...['new_key', 'new_text_de', 'new_text_en', 'new_explanation_de', 'new_explanation_en', 'new_source'].map(
      (f) => `${f}.economic`,
    ),
  ].map((f) => [f, text(5000)]),
);

// The case record form: every answer a bounded string (lists: several), and what the buttons send.
const newsFields: Record<string, Field> = {
  slug: text(200),
  locale: text(5),
  category: text(60),
  title: text(1000),
  summary: text(2000),
  body: text(60000),
  publish_at: text(40),
  intent: { kind: 'enum', values: INTENTS, required: true },
};
const newsBase = {
  slug: 'sicherheitstest',
  locale: 'de',
  category: 'netzwerk',
  title: 'Sicherheitstest',
  summary: 'Ein Beitrag für den Test.',
  body: 'Text.',
  publish_at: '',
  intent: 'save',
};

const caseFields: Record<string, Field> = {
  intent: { kind: 'enum', values: ['update', 'draft', 'save'], required: true },
  ...Object.fromEntries(
    [
      'first_contact_year',
      'first_contact_quarter',
      'consent_statistics',
      'possibly_counted_elsewhere',
      'trafficking_status',
      'gender',
      'age_at_first_contact',
      'age_unknown',
      'minor_at_exploitation',
      'unaccompanied_minor',
      'citizenship',
      'labour_sector',
      'recruiter_relation',
      'first_contact_online',
      'asylum_stage',
      'residence_status_first',
      'residence_status_end',
      'referral_source',
      'criminal_proceedings',
    ].map((f) => [f, text(40)]),
  ),
  ...Object.fromEntries(
    [
      'country_of_recruitment',
      'country_of_exploitation',
      'exploitation_forms',
      'means_of_control',
      'exploitation_timing',
      'support_provided',
    ].map((f) => [f, { kind: 'list', max: 40 } as Field]),
  ),
};
const caseBase = () => ({
  intent: 'draft',
  first_contact_year: String(t.app.clock.now().getUTCFullYear() - 1),
  first_contact_quarter: '2',
  gender: 'female',
  age_at_first_contact: '16',
  unaccompanied_minor: 'unaccompanied',
  exploitation_forms: ['sexual', 'labour'],
  labour_sector: 'I',
  country_of_exploitation: ['DE', 'IT'],
});

/** One entry per POST route; a POST route without one fails the suite. */
const POST_FUZZ: Record<string, PostFuzz> = {
  '/:lang/staff/sign-in': {
    who: 'anonymous',
    body: form({ email: req(254), password: req(1024), next: text(512) }),
    hostile: null,
    writes: FAILED_ATTEMPT,
  },
  '/:lang/staff/second-factor': {
    who: 'pending',
    body: form({ ...factor, next: text(512) }),
    hostile: null,
    writes: FAILED_ATTEMPT,
  },
  '/:lang/staff/passkey/options': { who: 'pending', body: csrfOnly('json'), hostile: null },
  '/:lang/staff/passkey/verify': {
    who: 'pending',
    body: { type: 'json', fields: { credential: req(20_000), next: text(512) } },
    hostile: (csrf) => hostileJson(fakeAssertion, csrf),
    writes: [...FAILED_ATTEMPT, 'webauthn_challenge'],
  },
  '/:lang/staff/invitation/:token': {
    who: 'anonymous',
    body: form({ display_name: req(1000), password: req(1024), password_repeat: req(1024), username: text(300) }),
    hostile: null,
    writes: [],
  },
  '/:lang/staff/invitation/:token/totp': {
    who: 'anonymous',
    body: form({ state: req(MAX_STATE_LENGTH), code: req(64) }),
    hostile: null,
    writes: [],
  },
  '/:lang/staff/password-reset': {
    who: 'anonymous',
    body: form({ email: req(1000) }),
    hostile: null,
    writes: ['password_reset', 'outbox_mail', ...AUDIT_TABLES],
  },
  '/:lang/staff/password-reset/:token': {
    who: 'anonymous',
    body: form({ password: req(1024), password_repeat: req(1024), username: text(300) }),
    hostile: null,
    writes: ['app_user', 'user_session', 'recovery_code', 'outbox_mail', ...ENDS_LINKS, ...AUDIT_TABLES],
  },
  '/:lang/staff/sign-out': { who: 'admin', body: csrfOnly(), hostile: null },
  '/:lang/staff/sessions/end': { who: 'coordination', body: form({ session: req(32) }), hostile: null, writes: [] },
  '/:lang/staff/sessions/end-others': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/reauth': {
    who: 'counsellor',
    body: form({ password: req(1024), ...factor, next: text(512) }),
    hostile: null,
    writes: FAILED_ATTEMPT,
  },
  '/:lang/staff/reauth/passkey/options': { who: 'admin', body: csrfOnly('json'), hostile: null },
  '/:lang/staff/reauth/passkey': {
    who: 'admin',
    body: { type: 'json', fields: { credential: req(20_000), next: text(512) } },
    hostile: (csrf) => hostileJson(fakeAssertion, csrf),
    writes: [...FAILED_ATTEMPT, 'webauthn_challenge'],
  },
  '/:lang/staff/account/password': {
    who: 'counsellor',
    recent: true,
    body: form({ password: req(1024), password_repeat: req(1024), username: text(300) }),
    hostile: null,
    // The security notice to the account's address.
    writes: ['app_user', 'user_session', 'outbox_mail', ...ENDS_LINKS, ...AUDIT_TABLES],
  },
  '/:lang/staff/account/recovery-codes': { who: 'centre_lead', recent: true, body: csrfOnly(), hostile: null },
  // An id that is not the actor's passkey is a refusal, audited as access.denied.
  '/:lang/staff/account/passkeys/remove': {
    who: 'centre_lead',
    recent: true,
    body: form({ id: req(1364) }),
    hostile: null,
    writes: AUDIT_TABLES,
  },
  '/:lang/staff/account/passkeys/options': { who: 'admin', recent: true, body: csrfOnly('json'), hostile: null },
  '/:lang/staff/account/passkeys': {
    who: 'admin',
    recent: true,
    body: { type: 'json', fields: { name: text(60), credential: req(20_000) } },
    hostile: (csrf) => hostileJson(fakeRegistration, csrf),
    writes: ['webauthn_challenge'],
  },
  '/:lang/staff/passkey-setup/options': { who: 'restricted', recent: true, body: csrfOnly('json'), hostile: null },
  '/:lang/staff/passkey-setup': {
    who: 'restricted',
    recent: true,
    body: { type: 'json', fields: { name: text(60), credential: req(20_000) } },
    hostile: (csrf) => hostileJson(fakeRegistration, csrf),
    writes: ['webauthn_challenge'],
  },
  '/:lang/staff/passkey-setup/sign-out': { who: 'restricted', body: csrfOnly(), hostile: null },
  '/:lang/staff/account/totp': {
    who: 'admin',
    recent: true,
    body: form({ state: req(MAX_PENDING_LENGTH), code: req(32) }),
    hostile: null,
    writes: ['app_user', 'outbox_mail', ...ENDS_LINKS, ...AUDIT_TABLES],
  },
  '/:lang/staff/account/email': {
    who: 'coordination',
    recent: true,
    body: form({ email: req(1000) }),
    hostile: null,
    writes: ['email_change', 'outbox_mail', ...GUARDED_AUDIT],
  },
  '/:lang/staff/email-change/:token': { who: 'anonymous', body: csrfOnly(), hostile: null },
  '/:lang/staff/users/invite': {
    who: 'admin',
    body: form({ email: req(1000), display_name: text(1000), role: text(50), centre_id: text(100) }),
    hostile: null,
    writes: ['invitation', 'outbox_mail', ...AUDIT_TABLES],
  },
  // On world.managedUserId, an account nobody signs in with: disabling it disturbs no other test.
  '/:lang/staff/users/:id/disable': {
    who: 'admin',
    body: form({ confirm: { kind: 'enum', values: ['yes'], required: true } }),
    hostile: null,
    // The referral notification list follows the account (migrations/0023).
    writes: ['app_user', 'user_session', 'referral_recipient', ...ENDS_LINKS, ...AUDIT_TABLES],
  },
  '/:lang/staff/users/:id/role': {
    who: 'admin',
    body: form({ role: { kind: 'enum', values: ['counsellor', 'centre_lead'], required: true } }),
    hostile: null,
    writes: ['app_user', 'user_session', 'outbox_mail', 'referral_recipient', ...AUDIT_TABLES],
  },
  '/:lang/staff/entry/edit': {
    who: 'centre_lead',
    body: form(entryFields),
    hostile: null,
    writes: ['directory_draft', ...AUDIT_TABLES],
  },
  // Another centre's (or no) draft id is a refusal, audited as access.denied.
  '/:lang/staff/entry/withdraw': {
    who: 'centre_lead',
    body: form({ draft: req(100) }),
    hostile: null,
    writes: AUDIT_TABLES,
  },
  // A reader's error report: public, no session; a well-formed one is stored (or refused by the limits).
  '/:lang/centres/:id/report': {
    who: 'anonymous',
    body: form({
      kind: { kind: 'enum', values: REPORT_KINDS, required: true },
      message: text(2000),
      website: text(500),
      issued: req(200),
    }),
    hostile: null,
    writes: ['entry_report', 'auth_throttle'],
  },
  // The contact form: public, no session; a well-formed message is stored (or refused by the limits).
  '/:lang/contact': {
    who: 'anonymous',
    body: form({
      name: text(200),
      reply_to: text(254),
      subject: req(200),
      message: req(5000),
      project: text(80),
      website: text(500),
      issued: req(200),
    }),
    hostile: null,
    writes: ['contact_message', 'auth_throttle'],
  },
  // The indicator guides: public, evaluated in memory; no well-formed or refused body writes anything.
  '/:lang/professionals/guide/adults': { who: 'anonymous', body: form(guideFields), hostile: null, writes: [] },
  '/:lang/professionals/guide/minors': { who: 'anonymous', body: form(guideFields), hostile: null, writes: [] },
  // The guide's hand-over to the referral form: pre-fills it, writes nothing.
  '/:lang/referral/new': {
    who: 'anonymous',
    body: form({ centre: text(100), guide: text(100), observed: text(5000) }),
    hostile: null,
    writes: [],
  },
  // A professional's referral: public, no session; a well-formed one is stored encrypted (or refused by the limits).
  '/:lang/referral/send': {
    who: 'anonymous',
    body: form({
      name: req(1000),
      organisation: req(1000),
      organisationType: { kind: 'enum', values: ['jugendamt', 'police', 'other'], required: true },
      phone: text(1000),
      email: text(1000),
      centre: req(100),
      consent: { kind: 'enum', values: ['share_contact', 'confidential', 'anonymous', 'none'], required: true },
      noConsentReason: { kind: 'enum', values: ['minor', 'imminent_danger'] },
      languages: { kind: 'list', max: 100 },
      urgency: { kind: 'enum', values: ['immediate', 'days', 'no_rush'], required: true },
      forwarding: { kind: 'enum', values: ['yes', 'no'], required: true },
      guide: text(100),
      observed: text(5000),
      includeGuide: { kind: 'enum', values: ['yes'] },
      message: text(5000),
      website: text(500),
      issued: req(200),
    }),
    hostile: null,
    writes: [
      'referral',
      'referral_status_event',
      'referral_centre_key',
      'outbox_mail',
      'auth_throttle',
      ...AUDIT_TABLES,
    ],
  },
  // The status look-up: counts the attempt, writes nothing else.
  '/:lang/referral/status': {
    who: 'anonymous',
    body: form({ code: req(200) }),
    hostile: null,
    writes: ['auth_throttle'],
  },
  '/:lang/staff/reports/:id/handled': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/contact/:id/handled': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/review/:id/accept': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/helplines/new': {
    who: 'coordination',
    body: form(helplineFields),
    hostile: null,
    writes: ['helpline', ...AUDIT_TABLES],
  },
  '/:lang/staff/helplines/:id': {
    who: 'admin',
    body: form(helplineFields),
    hostile: null,
    writes: ['helpline', ...AUDIT_TABLES],
  },
  '/:lang/staff/helplines/:id/delete': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/helplines/:id/translations': {
    who: 'coordination',
    body: form(helplineTranslationFields),
    hostile: null,
    writes: ['helpline_translation', ...AUDIT_TABLES],
  },
  // The recommendations tracker (the office's forms); a well-formed body writes the recommendation's rows.
  '/:lang/staff/recommendations/new': {
    who: 'coordination',
    body: form(recommendationFields),
    hostile: null,
    writes: ['recommendation', ...AUDIT_TABLES],
  },
  '/:lang/staff/recommendations/:id': {
    who: 'admin',
    body: form(recommendationFields),
    hostile: null,
    writes: ['recommendation', ...AUDIT_TABLES],
  },
  '/:lang/staff/recommendations/:id/sources': {
    who: 'coordination',
    body: form({
      source_kind: { kind: 'enum', values: SOURCE_KINDS, required: true },
      strength: { kind: 'enum', values: STRENGTHS, required: true },
      title: req(300),
      reference: text(300),
      url: text(500),
      issued_on: text(20),
    }),
    hostile: null,
    writes: ['recommendation', 'recommendation_source', ...AUDIT_TABLES],
  },
  '/:lang/staff/recommendations/:id/statuses': {
    who: 'coordination',
    body: form({
      track: { kind: 'enum', values: TRACKS, required: true },
      status: req(40),
      stated_on: req(20),
      source: req(300),
      url: text(500),
      note: text(2000),
    }),
    hostile: null,
    writes: ['recommendation', 'recommendation_status', ...AUDIT_TABLES],
  },
  '/:lang/staff/recommendations/:id/evidence': {
    who: 'coordination',
    body: form({
      kind: { kind: 'enum', values: EVIDENCE_KINDS, required: true },
      support: req(1000),
      publication_id: text(40),
      statistics_year: text(10),
      statistics_table: text(64),
      external_title: text(300),
      external_reference: text(300),
      external_url: text(500),
    }),
    hostile: null,
    writes: ['recommendation', 'recommendation_evidence', ...AUDIT_TABLES],
  },
  '/:lang/staff/recommendations/:id/evidence/remove': {
    who: 'coordination',
    body: form({ evidence: req(40) }),
    hostile: null,
    writes: ['recommendation', 'recommendation_evidence', ...AUDIT_TABLES],
  },
  '/:lang/staff/recommendations/:id/publish': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/recommendations/:id/unpublish': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/recommendations/:id/merge': {
    who: 'coordination',
    body: form({ merged: req(40) }),
    hostile: null,
    writes: ['recommendation', 'recommendation_source', ...AUDIT_TABLES],
  },
  '/:lang/staff/indicators/drafts': {
    who: 'coordination',
    body: form({ guide: { kind: 'enum', values: ['adults', 'minors'], required: true } }),
    hostile: null,
    writes: ['indicator_set_version', ...AUDIT_TABLES],
  },
  // The concrete id is the published first version: the form is checked, then refused as no draft.
  '/:lang/staff/indicators/:id': {
    who: 'coordination',
    body: form(indicatorDraftFields),
    hostile: null,
    writes: ['indicator_set_version', ...AUDIT_TABLES],
  },
  '/:lang/staff/indicators/:id/submit': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/indicators/:id/discard': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/indicators/:id/approve': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/indicators/:id/return': { who: 'coordination', body: csrfOnly(), hostile: null },
  '/:lang/staff/indicators/:id/publish': { who: 'coordination', body: csrfOnly(), hostile: null },
  // The world's closed year: a well-formed request runs the whole pipeline and may publish a new version.
  '/:lang/staff/statistics/publish': {
    who: 'coordination',
    body: form({ year: req(4), audience: { kind: 'enum', values: ['public', 'internal'], required: true } }),
    hostile: null,
    writes: ['statistics_publication', ...AUDIT_TABLES],
  },
  '/:lang/staff/review/:id/return': {
    who: 'coordination',
    body: form({ comment: req(50_000) }),
    hostile: null,
    writes: ['directory_draft', ...AUDIT_TABLES],
  },
  // On world.referralId, centre A's referral; decisions need a recent re-authentication.
  '/:lang/staff/referrals/:id/accept': { who: 'centre_lead', recent: true, body: csrfOnly(), hostile: null },
  '/:lang/staff/referrals/:id/close': { who: 'counsellor', recent: true, body: csrfOnly(), hostile: null },
  '/:lang/staff/referrals/:id/decline': {
    who: 'counsellor',
    recent: true,
    body: form({ reason: { kind: 'enum', values: DECLINE_REASONS, required: true }, note: text(MAX_DECLINE_NOTE) }),
    hostile: null,
    writes: ['referral', 'referral_status_event', ...AUDIT_TABLES],
  },
  '/:lang/staff/referrals/:id/forward': {
    who: 'centre_lead',
    recent: true,
    body: form({ centre: req(100) }),
    hostile: null,
    writes: ['referral', 'referral_status_event', 'referral_centre_key', 'outbox_mail', ...AUDIT_TABLES],
  },
  // The office's reporting years; the concrete year is the world's open one (closed, then reopened, by the runs).
  '/:lang/staff/reporting-years': {
    who: 'coordination',
    body: form({ year: text(20), release_deadline: text(20) }),
    hostile: null,
    writes: ['reporting_year', 'reporting_year_event', ...AUDIT_TABLES],
  },
  '/:lang/staff/reporting-years/:year/close': {
    who: 'coordination',
    body: form({ confirm: { kind: 'enum', values: ['yes', 'no'] } }),
    hostile: null,
    writes: ['reporting_year', 'reporting_year_event', ...AUDIT_TABLES],
  },
  '/:lang/staff/reporting-years/:year/reopen': {
    who: 'coordination',
    body: form({ reason: text(5000), release_deadline: text(20) }),
    hostile: null,
    writes: ['reporting_year', 'reporting_year_event', ...AUDIT_TABLES],
  },
  // The site's content: a new post, the world's post, the legal notice (a preview writes nothing, a save a revision).
  '/:lang/staff/news/new': {
    who: 'coordination',
    body: form(newsFields),
    hostile: null,
    writes: ['news_post', 'news_revision', ...AUDIT_TABLES],
  },
  '/:lang/staff/news/:id': {
    who: 'coordination',
    body: form(newsFields),
    hostile: null,
    writes: ['news_post', 'news_revision', ...AUDIT_TABLES],
  },
  '/:lang/staff/pages/:key/:locale': {
    who: 'coordination',
    body: form({
      title: text(1000),
      body: text(60000),
      publish_at: text(40),
      intent: { kind: 'enum', values: INTENTS, required: true },
    }),
    hostile: null,
    writes: ['office_page', 'office_page_revision', ...AUDIT_TABLES],
  },
  '/:lang/staff/pages/contact-details': {
    who: 'coordination',
    body: form({ name: text(1000), address: text(2000), phone: text(200) }),
    hostile: null,
    writes: ['office_contact', ...AUDIT_TABLES],
  },
  // Case records: a new one, and world.caseRecordId changed (drafts are saved with whatever is valid).
  '/:lang/staff/cases/new': {
    who: 'counsellor',
    body: form(caseFields),
    hostile: null,
    writes: ['case_record', 'case_record_progress', 'case_statistics_cell', ...AUDIT_TABLES],
  },
  '/:lang/staff/cases/:id': {
    who: 'centre_lead',
    body: form(caseFields),
    hostile: null,
    writes: ['case_record', 'case_record_progress', 'case_statistics_cell', ...AUDIT_TABLES],
  },
  '/:lang/staff/cases/release-year': {
    who: 'counsellor',
    body: form({ year: req(10) }),
    hostile: null,
    writes: ['case_record', 'case_record_progress', 'case_statistics_cell', ...AUDIT_TABLES],
  },
  '/:lang/staff/cases/:id/release': { who: 'counsellor', body: csrfOnly(), hostile: null },
  '/:lang/staff/cases/:id/withdraw': { who: 'counsellor', body: csrfOnly(), hostile: null },
  '/:lang/staff/cases/:id/delete': { who: 'centre_lead', body: csrfOnly(), hostile: null },
  // Projects and funders (the office), measures (a centre) and their review (the office).
  '/:lang/staff/projects/new': {
    who: 'coordination',
    body: form(projectFields),
    hostile: null,
    writes: ['project', 'project_funder', ...AUDIT_TABLES],
  },
  '/:lang/staff/projects/:id': {
    who: 'admin',
    body: form(projectFields),
    hostile: null,
    writes: ['project', 'project_funder', ...AUDIT_TABLES],
  },
  '/:lang/staff/funders/new': {
    who: 'coordination',
    body: form(funderFields),
    hostile: null,
    writes: ['funder', ...AUDIT_TABLES],
  },
  '/:lang/staff/funders/:id': {
    who: 'coordination',
    body: form(funderFields),
    hostile: null,
    writes: ['funder', ...AUDIT_TABLES],
  },
  // A logo: hostile bytes and names in a real multipart upload; only a real PNG or JPEG is stored.
  '/:lang/staff/funders/:id/logo': {
    who: 'coordination',
    body: csrfOnly(),
    hostile: hostileUpload,
    writes: ['funder', ...AUDIT_TABLES],
  },
  '/:lang/staff/measures/new': {
    who: 'counsellor',
    body: form(measureFields),
    hostile: null,
    writes: ['measure', ...AUDIT_TABLES],
  },
  '/:lang/staff/measures/:id': {
    who: 'centre_lead',
    body: form(measureFields),
    hostile: null,
    writes: ['measure', ...AUDIT_TABLES],
  },
  '/:lang/staff/measures/:id/withdraw': {
    who: 'counsellor',
    body: csrfOnly(),
    hostile: null,
    writes: ['measure', ...AUDIT_TABLES],
  },
  '/:lang/staff/measure-review/:id': {
    who: 'coordination',
    body: form({
      decision: { kind: 'enum', values: ['accepted', 'returned'], required: true },
      note: text(1000),
      project_id: text(100),
      shown: { kind: 'enum', values: ['on'] },
    }),
    hostile: null,
    writes: ['measure', ...AUDIT_TABLES],
  },
  // A record file: hostile files and cells in a real multipart upload; a good one stores records.
  '/:lang/staff/cases/files/import': {
    who: 'counsellor',
    body: csrfOnly(),
    hostile: hostileUpload,
    writes: ['case_record', 'case_record_progress', 'case_statistics_cell', ...AUDIT_TABLES],
  },
  // The library: hostile files and metadata in real multipart uploads (the demo dossier and its edition).
  '/:lang/staff/publications': {
    who: 'coordination',
    body: csrfOnly(),
    hostile: hostilePdfUpload(true),
    writes: ['publication_work', 'publication_edition', 'publication_version', 'publication_file', ...AUDIT_TABLES],
  },
  '/:lang/staff/publications/:id/editions': {
    who: 'coordination',
    body: csrfOnly(),
    hostile: hostilePdfUpload(true),
    writes: ['publication_work', 'publication_edition', 'publication_version', 'publication_file', ...AUDIT_TABLES],
  },
  '/:lang/staff/publications/editions/:id/versions': {
    who: 'admin',
    body: csrfOnly(),
    hostile: hostilePdfUpload(false),
    writes: ['publication_work', 'publication_edition', 'publication_version', 'publication_file', ...AUDIT_TABLES],
  },
  '/:lang/staff/publications/:id/status': {
    who: 'coordination',
    body: form({ status: { kind: 'enum', values: ['published', 'draft'], required: true } }),
    hostile: null,
    writes: ['publication_work', ...AUDIT_TABLES],
  },
  // The project a work came out of: only its own column (and the audit) is written.
  '/:lang/staff/publications/:id/project': {
    who: 'coordination',
    body: form({ project: text(40) }),
    hostile: null,
    writes: ['publication_work', ...AUDIT_TABLES],
  },
  '/:lang/staff/publications/editions/:id/visibility': {
    who: 'coordination',
    body: form({ visibility: { kind: 'enum', values: ['public', 'members'], required: true } }),
    hostile: null,
    writes: ['publication_edition', ...AUDIT_TABLES],
  },
  // Editing an edition's details (and its work's type): the search columns are written in the same transaction.
  '/:lang/staff/publications/editions/:id/edit': {
    who: 'coordination',
    body: form({
      type: { kind: 'enum', values: WORK_TYPES, required: true },
      title: req(300),
      summary: text(4000),
      authors: text(500),
      issued: req(10),
      licence: text(100),
      visibility: { kind: 'enum', values: ['public', 'members'], required: true },
    }),
    hostile: null,
    writes: ['publication_work', 'publication_edition', ...AUDIT_TABLES],
  },
  // Scheduling: a Berlin time in the future (the demo dossier is public already: nothing changes).
  '/:lang/staff/publications/:id/schedule': {
    who: 'coordination',
    body: form({ publish_at: req(40) }),
    hostile: null,
    writes: ['publication_work', ...AUDIT_TABLES],
  },
};
const GOOD = 'sieben lange Wörter sind sicher genug';
/** Two indicators the published guide has (read from its form), a place and a form of exploitation. */
async function guideBase(guide: 'adults' | 'minors') {
  const page = await t.app.inject({ url: `/de/professionals/guide/${guide}` });
  const keys = [...page.body.matchAll(/name="observed" value="([^"]+)"/g)].map((m) => m[1]!);
  return { observed: keys.slice(0, 2), place: '04109', form: 'labour' };
}
const BASES: Record<string, PostFuzz['base']> = {
  '/:lang/staff/sign-in': () => ({ email: 'niemand@example.org', password: 'falsches Passwort' }),
  '/:lang/staff/second-factor': () => ({ method: 'totp', code: '123456' }),
  '/:lang/staff/invitation/:token': () => ({ display_name: 'Neue Person', password: GOOD, password_repeat: GOOD }),
  '/:lang/staff/invitation/:token/totp': () => ({ state: 'x', code: '123456' }),
  '/:lang/staff/password-reset': () => ({ email: 'niemand@example.org' }),
  '/:lang/staff/password-reset/:token': () => ({ password: GOOD, password_repeat: GOOD }),
  '/:lang/staff/sessions/end': () => ({ session: '0'.repeat(32) }),
  '/:lang/staff/reauth': () => ({ password: 'falsches Passwort', method: 'totp', code: '123456' }),
  '/:lang/staff/account/password': () => ({ password: GOOD, password_repeat: GOOD }),
  '/:lang/staff/account/passkeys/remove': () => ({ id: 'AAAA' }),
  '/:lang/staff/account/totp': () => ({ state: 'x', code: '123456' }),
  '/:lang/staff/account/email': () => ({ email: 'neu@example.org' }),
  '/:lang/staff/users/invite': () => ({
    email: 'eingeladen@example.org',
    display_name: 'Neue Person',
    role: 'centre_lead',
    centre_id: world.centreA.id,
  }),
  '/:lang/staff/users/:id/disable': () => ({ confirm: 'yes' }),
  '/:lang/staff/users/:id/role': () => ({ role: 'centre_lead' }),
  '/:lang/staff/entry/edit': async () => entryBody(await publishedEntry(t.app, world.centreA.serviceId)),
  '/:lang/staff/entry/withdraw': () => ({ draft: '00000000-0000-4000-8000-000000000000' }),
  '/:lang/staff/review/:id/return': () => ({ comment: 'Bitte die Öffnungszeiten prüfen.' }),
  '/:lang/staff/indicators/drafts': () => ({ guide: 'minors' }),
  '/:lang/staff/statistics/publish': () => ({ year: String(world.statistics.year), audience: 'internal' }),
  '/:lang/staff/indicators/:id': () => ({ framing_de: 'Hinweise, keine Beweise.', framing_en: 'Hints, not proof.' }),
  '/:lang/staff/referrals/:id/decline': () => ({ reason: 'no_capacity', note: 'Derzeit keine Kapazität.' }),
  '/:lang/staff/cases/new': caseBase,
  '/:lang/staff/cases/:id': caseBase,
  '/:lang/staff/cases/release-year': () => ({ year: String(t.app.clock.now().getUTCFullYear() - 1) }),
  '/:lang/staff/news/new': () => ({ ...newsBase, slug: 'fuzz-neu' }),
  '/:lang/staff/news/:id': () => newsBase,
  '/:lang/staff/pages/:key/:locale': () => ({ title: 'Impressum', body: 'Demo.', publish_at: '', intent: 'save' }),
  '/:lang/staff/pages/contact-details': () => ({ name: 'Koordinierungsstelle', address: 'Weg 1', phone: '+49 30 1' }),
  '/:lang/staff/reporting-years': () => ({ year: '2031', release_deadline: '2032-03-31' }),
  '/:lang/staff/reporting-years/:year/close': () => ({ confirm: 'yes' }),
  '/:lang/staff/publications/:id/status': () => ({ status: 'published' }),
  '/:lang/staff/publications/:id/project': () => ({ project: '' }),
  '/:lang/staff/publications/editions/:id/visibility': () => ({ visibility: 'public' }),
  '/:lang/staff/publications/editions/:id/edit': () => ({
    type: 'dossier',
    title: 'Dossier: Fuzz',
    summary: 'Kurz.',
    authors: 'Netzwerkbüro',
    issued: '2017-03-15',
    licence: 'CC BY 4.0',
    visibility: 'public',
  }),
  '/:lang/staff/publications/:id/schedule': () => ({ publish_at: '2040-01-01T10:00' }),
  '/:lang/staff/reporting-years/:year/reopen': () => ({
    reason: 'Korrekturen einer Beratungsstelle',
    release_deadline: '2032-03-31',
  }),
  // The own centre: refused (400) whatever else the form says, so the referral stays where it is.
  '/:lang/staff/referrals/:id/forward': () => ({ centre: world.centreA.id }),
  '/:lang/staff/projects/new': () => ({
    slug: 'fuzz-projekt',
    title: 'Fuzz',
    goal: 'Ein Ziel.',
    starts_on: '2026-01-01',
    status: 'planned',
  }),
  '/:lang/staff/projects/:id': () => ({
    slug: 'fuzz-projekt-2',
    title: 'Fuzz',
    goal: 'Ein Ziel.',
    starts_on: '2026-01-01',
    status: 'running',
    published: 'on',
  }),
  '/:lang/staff/funders/new': () => ({ name: 'Fuzz-Stiftung', credit_line: 'Gefördert von der Fuzz-Stiftung' }),
  '/:lang/staff/funders/:id': () => ({
    name: 'Fuzz-Stiftung',
    credit_line: 'Gefördert von der Fuzz-Stiftung',
    url: 'https://example.org/',
  }),
  '/:lang/staff/measures/new': () => ({
    title: 'Sprechstunde',
    description: 'Wöchentlich.',
    kind: 'training',
    region: 'DE-BE',
    starts_on: '2026-03-01',
  }),
  '/:lang/staff/measures/:id': () => ({
    title: 'Sprechstunde',
    description: 'Wöchentlich.',
    kind: 'networking',
    region: 'DE',
    starts_on: '2026-03-01',
  }),
  '/:lang/staff/measure-review/:id': () => ({ decision: 'returned', note: 'Bitte ergänzen.' }),
  '/:lang/staff/recommendations/new': () => recommendationBase,
  '/:lang/staff/recommendations/:id': () => recommendationBase,
  '/:lang/staff/recommendations/:id/sources': () => ({
    source_kind: 'policy_paper',
    strength: 'urge',
    title: 'Papier',
  }),
  '/:lang/staff/recommendations/:id/statuses': () => ({
    track: 'assessment',
    status: 'partly',
    stated_on: '2026-01-01',
    source: 'Jahresbericht',
  }),
  '/:lang/staff/recommendations/:id/evidence': () => ({
    kind: 'external',
    support: 'Stützt.',
    external_title: 'Quelle',
  }),
  '/:lang/staff/recommendations/:id/evidence/remove': () => ({ evidence: world.recommendation.evidenceId }),
  '/:lang/staff/recommendations/:id/merge': () => ({ merged: world.recommendation.draftId }),
  '/:lang/staff/helplines/new': () => helplineBase,
  '/:lang/staff/helplines/:id': () => helplineBase,
  '/:lang/referral/new': () => ({ centre: world.centreA.id, guide: '00000000-0000-4000-8000-000000000000' }),
  // Signed ten seconds ago, so the form counts as filled in by a person.
  '/:lang/referral/send': () => ({
    name: 'Erika Muster',
    organisation: 'Jugendamt Musterstadt',
    organisationType: 'jugendamt',
    phone: '+49 30 123456',
    email: 'erika@example.org',
    centre: world.centreA.id,
    consent: 'confidential',
    languages: ['ar', 'ti'],
    urgency: 'days',
    forwarding: 'no',
    message: 'Bitte melden Sie sich.',
    issued: referralStamp(t.app.keys.server, new Date(t.app.clock.now().getTime() - 10_000)),
  }),
  '/:lang/referral/status': () => ({ code: 'AAAA-BBBB-CCCC-DDDD-EEEE' }),
  // Signed ten seconds ago, so the form counts as filled in by a person.
  '/:lang/professionals/guide/adults': () => guideBase('adults'),
  '/:lang/professionals/guide/minors': () => guideBase('minors'),
  '/:lang/contact': () => ({
    subject: 'Frage',
    message: 'Wie erreiche ich die Koordinierungsstelle?',
    issued: contactFormGuard.issueStamp(t.app.keys.server, new Date(t.app.clock.now().getTime() - 10_000)),
  }),
  '/:lang/centres/:id/report': () => ({
    kind: 'phone',
    message: 'Die Nummer stimmt nicht.',
    issued: issueStamp(t.app.keys.server, ids.serviceId, new Date(t.app.clock.now().getTime() - 10_000)),
  }),
};
// Form routes: hostile values in the form's own fields, alone or inside an otherwise valid form.
for (const [url, spec] of Object.entries(POST_FUZZ)) {
  if (spec.hostile !== null || !spec.writes || spec.body.type !== 'form') continue;
  spec.base = BASES[url];
  spec.hostile = viaForm(spec.body);
}

let nextAddress = 1;
/** A client address of its own per request: the per-address limit is not under test here and would end the fuzzing early. */
const freshAddress = () => `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress++ & 255}`;

/** A session of its own for each fuzzed route, so ending or locking it disturbs nothing else. */
async function sessionFor(who: Who, recent: boolean): Promise<Session | null> {
  if (who === 'anonymous') return null;
  if (who === 'pending') {
    const user = await createUser(t.app, { role: 'centre_lead', centreId: world.centreA.id });
    return directSession(t.app, user, { stage: 'password' });
  }
  // An administrator's enrolment session (no passkey yet), fresh: it lives 30 minutes.
  if (who === 'restricted') return directSession(t.app, world.restricted.user, { recent, factor: 'enrolment' });
  return directSession(t.app, world.staff[who].user, { recent });
}

function safeLocation(res: LightMyRequestResponse): string | null {
  const loc = res.headers.location;
  if (loc === undefined) return null;
  // Browsers drop tabs and newlines from URLs, so "/\t/evil" is "//evil": strip them first.
  const cleaned = String(loc).replace(/[\t\n\r]/g, '');
  return /^\/(?![/\\])/.test(cleaned) ? null : `redirects off-site: ${JSON.stringify(String(loc))}`;
}

type Expectation = { mustRefuse: boolean; writes: readonly string[] };

/** Send one payload and say what is wrong with the answer (null: nothing). */
async function probe(
  method: 'GET' | 'POST',
  url: string,
  p: Payload | null,
  session: Session | null,
  expect: Expectation,
): Promise<string | null> {
  const res = await t.app.inject({
    method,
    url,
    remoteAddress: freshAddress(),
    headers: { ...(p?.headers ?? {}), ...(session ? { cookie: session.cookie } : {}) },
    ...(p && method === 'POST' ? { payload: p.payload } : {}),
  });
  await settleBackgroundTasks(t.app);
  const label = p ? p.label : url;
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`answered ${res.statusCode}`);
  else if (expect.mustRefuse && (res.statusCode < 400 || res.statusCode >= 500))
    problems.push(`accepted malformed input (${res.statusCode})`);
  if (res.statusCode >= 400) {
    const m = messageProblem(res);
    if (m) problems.push(m);
  }
  const loc = safeLocation(res);
  if (loc) problems.push(loc);
  const written = await writes.changes(expect.writes);
  if (written.length) problems.push(`wrote to ${written.join(', ')}`);
  return problems.length ? `${label.slice(0, 300)} → ${problems.join('; ')}` : null;
}

/** Run a property; on failure report the short label, not a megabyte of counterexample. */
async function check<T>(arb: fc.Arbitrary<T>, runs: number, fn: (v: T) => Promise<string | null>): Promise<void> {
  const result = await fc.check(
    fc.asyncProperty(arb, async (v) => {
      const problem = await fn(v);
      if (problem) throw new Error(problem);
    }),
    { numRuns: runs, endOnFailure: true },
  );
  if (result.failed) {
    const err = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(`${err}\n(fast-check seed ${result.seed}, path ${result.counterexamplePath})`);
  }
}

describe('fuzzing every POST route', () => {
  it('every POST route has a fuzz entry (and every entry is a route)', () => {
    const posts = [...new Set(t.app.routeTable.filter((r) => r.method === 'POST').map((r) => r.url))].sort();
    expect(posts).toEqual(Object.keys(POST_FUZZ).sort());
  });

  const rows = ROUTE_MATRIX.filter((r) => r.method === 'POST' && POST_FUZZ[r.url]);
  it.each(rows.map((r) => [r.url] as const))(
    'malformed input to POST %s: a 4xx with a message, nothing written',
    async (pattern) => {
      const spec = POST_FUZZ[pattern]!;
      const session = await sessionFor(spec.who, spec.recent ?? false);
      const url = concreteUrl(pattern, world, ids);
      await writes.reset();
      await check(malformed(spec.body, session?.csrf ?? null), MALFORMED_RUNS, (p) =>
        probe('POST', url, p, session, { mustRefuse: true, writes: [] }),
      );
    },
  );

  const hostileRows = rows.filter((r) => POST_FUZZ[r.url]!.hostile);
  it.each(hostileRows.map((r) => [r.url] as const))(
    'hostile values to POST %s: never a 5xx, only the route’s own writes',
    async (pattern) => {
      const spec = POST_FUZZ[pattern]!;
      const session = await sessionFor(spec.who, spec.recent ?? false);
      const url = concreteUrl(pattern, world, ids);
      await writes.reset();
      const csrf = session?.csrf ?? null;
      const arb = spec.base
        ? fc.oneof(spec.hostile!(csrf), mixedForm(spec.body, await spec.base(), csrf))
        : spec.hostile!(csrf);
      await check(arb, HOSTILE_RUNS, (p) =>
        probe('POST', url, p, session, { mustRefuse: false, writes: spec.writes ?? [] }),
      );
    },
  );
});

/** Values that broke or could break something deep inside, each sent in every field of an otherwise valid form. */
const SWEEP_VALUES = [
  'a\u0000b',
  'a\u001bb',
  'a\ud800b',
  '\u202egnp.exe',
  '<script>alert(1)</script>',
  "x' OR '1'='1' --",
  ' ',
];

describe('every field of every form, one hostile value at a time', () => {
  const rows = ROUTE_MATRIX.filter((r) => r.method === 'POST' && POST_FUZZ[r.url]?.base);
  it.each(rows.map((r) => [r.url] as const))('POST %s: never a 5xx, only the route’s own writes', async (pattern) => {
    const spec = POST_FUZZ[pattern]!;
    const session = await sessionFor(spec.who, spec.recent ?? false);
    const url = concreteUrl(pattern, world, ids);
    await writes.reset();
    const base = await spec.base!();
    const problems: string[] = [];
    for (const field of Object.keys(spec.body.fields)) {
      const f = spec.body.fields[field]!;
      for (const value of SWEEP_VALUES) {
        const v = f.kind === 'list' ? [value] : value;
        const body = encodeForm({ ...base, [field]: v }, session?.csrf ?? null);
        const p: Payload = {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: body,
          label: `${field}=${JSON.stringify(value)}`,
        };
        const problem = await probe('POST', url, p, session, { mustRefuse: false, writes: spec.writes ?? [] });
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('hostile display names through the whole invitation (stored only at the last step)', () => {
  it.each(SWEEP_VALUES.map((v) => [JSON.stringify(v), v] as const))(
    'display name %s: never a 5xx',
    async (_label, name) => {
      const token = await withScope(
        t.app.database.db,
        { kind: 'admin' },
        async (trx) =>
          (
            await createInvitation(
              trx,
              {
                email: `eingeladen.${nextAddress++}@example.org`,
                role: 'coordination',
                centreId: null,
                invitedBy: null,
              },
              t.app.clock.now(),
            )
          ).token,
      );
      const url = `/de/staff/invitation/${token}`;
      await writes.reset();
      const step1 = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm({ display_name: name, password: GOOD, password_repeat: GOOD }, null),
      });
      expect(step1.statusCode, 'step 1').toBeLessThan(500);
      if (step1.statusCode !== 200) return expect(messageProblem(step1)).toBeNull();
      const p: Payload = {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: encodeForm(
          { state: hiddenValue(step1.body, 'state'), code: generateTotp(secretIn(step1.body), t.app.clock.now()) },
          null,
        ),
        label: `display name ${JSON.stringify(name)}, step 2`,
      };
      expect(
        await probe('POST', `${url}/totp`, p, null, {
          mustRefuse: false,
          writes: ['app_user', 'invitation', 'recovery_code', 'user_session', ...AUDIT_TABLES],
        }),
      ).toBeNull();
    },
  );
});

describe('no open redirect', () => {
  it('whatever `next` says, a signed-in visitor of the sign-in page is sent somewhere on this site', async () => {
    const session = await directSession(t.app, world.staff.admin.user);
    const next = fc.oneof(
      hostileString(300),
      fc.constantFrom(
        '//evil.example',
        '/\\evil.example',
        '\\\\evil.example',
        'https://evil.example/',
        '/%2F%2Fevil.example',
        '/\t/evil.example',
        'javascript:alert(1)',
        '/de/staff/../../evil',
        '@evil.example',
      ),
      fc.webUrl(),
    );
    await check(next, 40, async (value) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/de/staff/sign-in?${new URLSearchParams({ next: value.slice(0, 512) }).toString()}`,
        headers: { cookie: session.cookie },
      });
      // A zero byte is refused before any handler runs (platform/http/input-guard.ts): no redirect at all.
      if (value.slice(0, 512).includes('\u0000'))
        return res.statusCode === 400 ? null : `next with a zero byte → ${res.statusCode}`;
      if (res.statusCode !== 303) return `next=${JSON.stringify(value)} → ${res.statusCode}`;
      const loc = safeLocation(res);
      return loc ? `next=${JSON.stringify(value)} → ${loc}` : null;
    });
  });
});

describe('fuzzing every GET route (query string and path parameters)', () => {
  const gets = ROUTE_MATRIX.filter((r) => r.method === 'GET');
  const visitor = (url: string) => {
    const row = gets.find((r) => r.url === url)!;
    return WHO.find((w) => ['ok', 'public', 'flow'].includes(row.outcomes[w]))!;
  };
  /** Reading the outbox is audited; reading the audit log and account pages too, under the flood guard. */
  const GET_WRITES: Record<string, readonly string[]> = {
    '/:lang/staff/outbox': AUDIT_TABLES,
    '/:lang/staff/audit': GUARDED_AUDIT,
    '/:lang/staff/users': GUARDED_AUDIT,
    '/:lang/staff/users/:id': GUARDED_AUDIT,
    // Another id that looks like one is a refusal, recorded as access.denied.
    '/:lang/staff/referrals/:id': AUDIT_TABLES,
    // Every file of the statistics is audited: the public downloads under the flood guard.
    '/:lang/statistics/:year/tables.csv': GUARDED_AUDIT,
    '/:lang/statistics/:year/tables.xlsx': GUARDED_AUDIT,
    '/:lang/statistics/:year/report.pdf': GUARDED_AUDIT,
    '/:lang/staff/statistics/publications/:id/tables.csv': AUDIT_TABLES,
    '/:lang/staff/statistics/publications/:id/tables.xlsx': AUDIT_TABLES,
    '/:lang/staff/statistics/publications/:id/report.pdf': AUDIT_TABLES,
    '/:lang/staff/cases/:id': AUDIT_TABLES,
    '/:lang/staff/cases/:id/delete': AUDIT_TABLES,
    // An export (the sessions here signed in moments ago, which counts as re-authentication) is audited.
    '/:lang/staff/cases/files/export': AUDIT_TABLES,
  };

  it.each(gets.map((r) => [r.url] as const))(
    'GET %s with hostile query and parameters: never a 5xx, nothing written',
    async (pattern) => {
      const who = visitor(pattern);
      const session = await sessionFor(who === 'anonymous' ? 'anonymous' : who, false);
      const base = concreteUrl(pattern, world, ids);
      await writes.reset();
      const params = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const arb = fc.record({
        query: hostileQuery,
        // Replace one path parameter with junk now and then.
        param: params.length
          ? fc.option(
              fc.tuple(
                fc.constantFrom(...params),
                fc.oneof(
                  // (through UTF-8 and back: lone surrogates become U+FFFD, which encodeURIComponent accepts)
                  hostileString(250).map((s) => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'))),
                  // Raw escapes that decode to nothing valid (broken UTF-8, NUL, dot segments).
                  fc.constantFrom('%', '%zz', '%C0%AF', '%ff%fe', '..', '%2e%2e', '%00', '%2F', 'x'.repeat(201)),
                ),
              ),
              { freq: 3 },
            )
          : fc.constant(null),
      });
      await check(arb, GET_RUNS, ({ query, param }) => {
        let url = base;
        if (param) {
          // Same position in the concrete URL as the parameter in the pattern.
          const [name, value] = param;
          const at = pattern.split('/').indexOf(`:${name}`);
          const parts = base.split('/');
          parts[at] = value;
          url = parts.join('/');
        }
        url = query ? `${url}?${query}` : url;
        return probe('GET', url, { headers: {}, payload: '', label: `GET ${url.slice(0, 300)}` }, session, {
          mustRefuse: false,
          writes: GET_WRITES[pattern] ?? [],
        });
      });
    },
  );
});
