/**
 * The lists the recommendations tracker speaks in. The database's CHECK
 * constraints (migrations/0034) spell out the same codes in the same order;
 * vocabulary.test.ts compares them, and the forms and filters validate
 * against these lists with zod, so a code the database would refuse is a
 * 400 long before it reaches it.
 */

/** Who a recommendation is addressed to. */
export const ADDRESSEE_KINDS = [
  'legislator',
  'federal_ministry',
  'state_ministry',
  'authority',
  'youth_welfare_office',
  'police_justice',
  'municipality',
  'other',
] as const;
export type AddresseeKind = (typeof ADDRESSEE_KINDS)[number];

/** How strongly a source makes its demand: GRETA's scale (urge / consider / invite). */
export const STRENGTHS = ['urge', 'consider', 'invite'] as const;
export type Strength = (typeof STRENGTHS)[number];

/** Where a demand was made. */
export const SOURCE_KINDS = ['network_dossier', 'policy_paper', 'greta_report', 'statement', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The two tracks of a recommendation's status, each an append-only history. */
export const TRACKS = ['addressee', 'assessment'] as const;
export type Track = (typeof TRACKS)[number];

/** What the addressee says has happened. */
export const ADDRESSEE_STATUSES = [
  'no_response',
  'under_review',
  'announced',
  'in_progress',
  'implemented',
  'declined',
] as const;

/** The network's own assessment. */
export const ASSESSMENT_STATUSES = ['not_started', 'in_progress', 'partly', 'implemented', 'rejected'] as const;

export const THEMES = [
  'identification',
  'accommodation',
  'residence',
  'child_protection',
  'counselling_funding',
  'interpreting',
  'criminal_proceedings',
  'compensation',
  'data',
] as const;
export type Theme = (typeof THEMES)[number];

export const AFFECTED_GROUPS = [
  'women',
  'minors',
  'unaccompanied_minors',
  'refugees',
  'lgbtiq',
  'persons_with_disabilities',
  'men',
] as const;
export type AffectedGroup = (typeof AFFECTED_GROUPS)[number];

/**
 * The kinds of evidence a recommendation can point to. A new kind (a
 * survey, an event) is a new code here and in a migration that widens the
 * CHECK and adds its own target columns: existing links stay as they are.
 */
export const EVIDENCE_KINDS = ['publication', 'statistics_table', 'external'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A slug: lowercase letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
