/**
 * Kysely types of every table, generated from the migrated database by
 * kysely-codegen (ADR 017). Do not edit: after changing a migration run
 * `npm run db:types`. Names the code uses (Role, ServiceStatus …) are in
 * schema.ts.
 */

import type { ColumnType } from 'kysely';

export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;

export type Int8 = ColumnType<string, bigint | number | string, bigint | number | string>;

export type Json = JsonValue;

export type JsonArray = JsonValue[];

export type JsonObject = {
  [x: string]: JsonValue | undefined;
};

export type JsonPrimitive = boolean | number | string | null;

export type JsonValue = JsonArray | JsonObject | JsonPrimitive;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface Address {
  address_1: string | null;
  address_type: Generated<string>;
  centre_id: string | null;
  city: string;
  country: Generated<string>;
  id: string;
  location_id: string;
  postal_code: string;
  region: string | null;
  state_province: string;
}

export interface AppUser {
  centre_id: string | null;
  created_at: Generated<Timestamp>;
  disabled_at: Timestamp | null;
  display_name: string;
  email: string;
  id: string;
  mfa_enrolled_at: Timestamp | null;
  password_hash: string | null;
  role: 'admin' | 'coordination' | 'centre_lead' | 'counsellor';
  totp_last_step: Int8 | null;
  totp_secret: string | null;
}

export interface Attribute {
  centre_id: string | null;
  id: string;
  link_id: string;
  link_type: Generated<'service'>;
  taxonomy_term_id: string;
  value: string | null;
}

export interface AuditChainHead {
  centre_id: string | null;
  chain: string;
  hash: string;
  seq: Int8;
}

export interface AuditFloodGuard {
  events: number;
  key: string;
  window_start: Timestamp;
}

export interface AuditLog {
  actor_id: string | null;
  at: Timestamp;
  centre_id: string | null;
  chain: string;
  details: Generated<Json>;
  event: string;
  hash: string;
  key_id: string;
  object_id: string | null;
  object_type: string | null;
  prev_hash: string;
  seq: Int8;
}

export interface AuthThrottle {
  failures: Generated<number>;
  key: string;
  locked_until: Timestamp | null;
  window_start: Timestamp;
}

export interface CaseRecord {
  age_at_first_contact: number | null;
  age_unknown: Generated<boolean>;
  asylum_stage: 'none' | 'not_filed' | 'pending' | 'dublin' | 'rejected' | 'protection' | 'unknown' | null;
  centre_id: string;
  citizenship: string | null;
  consent_statistics: boolean | null;
  country_of_exploitation: string[] | null;
  country_of_recruitment: string[] | null;
  created_at: Timestamp;
  criminal_proceedings: 'none' | 'investigation' | 'charges' | 'trial' | 'unknown' | null;
  exploitation_forms: string[] | null;
  exploitation_timing: string[] | null;
  first_contact_online: 'yes' | 'no' | 'unknown' | null;
  first_contact_quarter: number | null;
  first_contact_year: number | null;
  gender: 'female' | 'male' | 'trans' | 'non_binary' | 'unknown' | null;
  id: string;
  labour_sector: string | null;
  means_of_control: string[] | null;
  minor_at_exploitation: 'yes' | 'no' | 'unknown' | null;
  possibly_counted_elsewhere: 'yes' | 'no' | 'unknown' | null;
  recruiter_relation: 'intimate_partner' | 'family' | 'friend' | 'employer' | 'other' | 'unknown' | null;
  referral_source:
    | 'self'
    | 'police'
    | 'customs'
    | 'bamf'
    | 'foreigners_office'
    | 'jugendamt'
    | 'reception_centre'
    | 'other_fbs'
    | 'other_ngo'
    | 'medical'
    | 'lawyer'
    | 'private'
    | 'unknown'
    | null;
  released_at: Timestamp | null;
  residence_status_end:
    | 'german'
    | 'eu'
    | 'gestattung'
    | 'duldung'
    | 'reflection_59_7'
    | 'residence_25_4a'
    | 'other_title'
    | 'none'
    | 'unknown'
    | null;
  residence_status_first:
    | 'german'
    | 'eu'
    | 'gestattung'
    | 'duldung'
    | 'reflection_59_7'
    | 'residence_25_4a'
    | 'other_title'
    | 'none'
    | 'unknown'
    | null;
  status: 'draft' | 'complete';
  support_provided: string[] | null;
  trafficking_status: 'presumed' | 'police' | 'court' | 'ngo' | 'other' | 'not_trafficking' | null;
  unaccompanied_minor: 'unaccompanied' | 'separated' | 'accompanied' | 'not_applicable' | null;
  updated_at: Timestamp;
}

export interface CaseRecordCategory {
  age_band: string | null;
  asylum_context: string | null;
  asylum_stage: string | null;
  centre_id: string | null;
  citizenship_region: string | null;
  consent_statistics: boolean | null;
  criminal_proceedings: string | null;
  exploitation_forms: string[] | null;
  exploitation_place: string | null;
  exploitation_timing: string[] | null;
  first_contact_year: number | null;
  gender: string | null;
  minor_at_exploitation: string | null;
  possibly_counted_elsewhere: string | null;
  referral_source: string | null;
  released_at: Timestamp | null;
  residence_status_first: string | null;
  status: string | null;
  support_provided: string[] | null;
  trafficking_status: string | null;
  unaccompanied_minor: string | null;
}

export interface CaseRecordProgress {
  centre_id: string;
  drafts: Generated<number>;
  unanswered: Generated<number>;
  unreleased: Generated<number>;
  year: number;
}

export interface CaseStatisticsCell {
  centre_id: string;
  dim_a: string;
  dim_b: string;
  n: number;
  val_a: string;
  val_b: string;
  year: number;
}

export interface Centre {
  created_at: Generated<Timestamp>;
  id: string;
  member_organization_id: string;
  name: string;
  service_id: string | null;
}

export interface ContactMessage {
  handled_at: Timestamp | null;
  handled_by: string | null;
  id: string;
  message: string;
  name: string | null;
  received_at: Timestamp;
  reply_to: string | null;
  subject: string;
  topic_id: string | null;
  topic_kind: string | null;
}

export interface CountryRegion {
  code: string;
  region:
    | 'germany'
    | 'eu_eea'
    | 'other_europe'
    | 'west_africa'
    | 'east_africa'
    | 'other_africa'
    | 'middle_east_north_africa'
    | 'central_south_asia'
    | 'east_southeast_asia_pacific'
    | 'americas'
    | 'stateless_unknown';
}

export interface DirectoryDraft {
  centre_id: string;
  entry: Json;
  id: string;
  review_comment: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  service_id: string;
  status: 'pending' | 'returned' | 'accepted' | 'withdrawn';
  submitted_at: Timestamp;
  submitted_by: string;
}

export interface DirectoryRevision {
  changed_at: Generated<Timestamp>;
  revision: Int8;
  singleton: Generated<boolean>;
}

export interface EmailChange {
  centre_id: string | null;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  new_email: string;
  token_hash: string;
  used_at: Timestamp | null;
  user_id: string;
}

export interface EntryReport {
  created_at: Timestamp;
  handled_at: Timestamp | null;
  handled_by: string | null;
  id: string;
  kind: 'phone' | 'address' | 'hours' | 'closed' | 'other';
  locale: string;
  message: Generated<string>;
  service_id: string;
}

export interface Funder {
  credit_line: string;
  id: string;
  logo: Buffer | null;
  logo_hash: string | null;
  logo_kind: 'png' | 'jpeg' | null;
  name: string;
  updated_at: Timestamp;
  url: string | null;
}

export interface Helpline {
  around_the_clock: Generated<boolean>;
  checked_on: string;
  contact: string;
  description_de: Generated<string>;
  description_en: Generated<string>;
  emergency: Generated<boolean>;
  first_screen: Generated<boolean>;
  hours_de: Generated<string>;
  hours_en: Generated<string>;
  id: string;
  kind: 'phone' | 'chat' | 'online';
  name_de: string;
  name_en: string;
  sort_order: Generated<number>;
  updated_at: Generated<Timestamp>;
}

export interface HelplineTranslation {
  description: Generated<string>;
  helpline_id: string;
  hours: Generated<string>;
  hours_source: Generated<string>;
  locale: string;
  name: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface IndicatorSetVersion {
  content: Json;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  guide: 'adults' | 'minors';
  id: string;
  published_at: Timestamp | null;
  published_by: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  status: Generated<'draft' | 'in_review' | 'published' | 'superseded'>;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  superseded_at: Timestamp | null;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: number;
}

export interface Invitation {
  centre_id: string | null;
  created_at: Generated<Timestamp>;
  display_name: string | null;
  email: string;
  expires_at: Timestamp;
  id: string;
  invited_by: string | null;
  role: 'admin' | 'coordination' | 'centre_lead' | 'counsellor';
  token_hash: string;
  used_at: Timestamp | null;
}

export interface Language {
  centre_id: string | null;
  code: string;
  id: string;
  name: string | null;
  note: string | null;
  phone_id: string | null;
  service_id: string | null;
}

export interface Location {
  accessibility: string | null;
  address_protected: Generated<boolean>;
  centre_id: string | null;
  id: string;
  latitude: number | null;
  location_type: Generated<'physical' | 'postal' | 'virtual'>;
  longitude: number | null;
  name: string | null;
  organization_id: string;
  transportation: string | null;
}

export interface Measure {
  centre_id: string;
  description: string;
  ends_on: string | null;
  id: string;
  kind: 'outreach_accommodation' | 'training' | 'information_event' | 'networking';
  project_id: string | null;
  region: string;
  review_note: string | null;
  reviewed_at: Timestamp | null;
  shown_on_project: Generated<boolean>;
  starts_on: string;
  status: Generated<'submitted' | 'accepted' | 'returned' | 'withdrawn'>;
  title: string;
  updated_at: Timestamp;
}

export interface MemberOrganization {
  created_at: Generated<Timestamp>;
  id: string;
  is_coordination: Generated<boolean>;
  name: string;
}

export interface NewsCategory {
  key: string;
  label_de: string;
  label_en: string;
  position: Generated<number>;
}

export interface NewsPost {
  author_id: string | null;
  category: string;
  created_at: Timestamp;
  id: string;
  locale: 'de' | 'en';
  publish_at: Timestamp | null;
  published_revision: string | null;
  slug: string;
  withdrawn_at: Timestamp | null;
}

export interface NewsRevision {
  body: string;
  id: string;
  post_id: string;
  saved_at: Timestamp;
  saved_by: string | null;
  summary: string;
  title: string;
}

export interface OfficeContact {
  address_lines: Generated<string[]>;
  id: Generated<number>;
  name: string;
  phone: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface OfficePage {
  key: 'about-network' | 'contact' | 'support' | 'funders' | 'imprint';
  locale: 'de' | 'en';
  publish_at: Timestamp | null;
  published_revision: string | null;
}

export interface OfficePageRevision {
  body: string;
  id: string;
  key: string;
  locale: string;
  saved_at: Timestamp;
  saved_by: string | null;
  title: string;
}

export interface Organization {
  description: Generated<string>;
  email: string | null;
  id: string;
  is_demo: Generated<boolean>;
  legal_status: string | null;
  name: string;
  parent_organization_id: string | null;
  website: string | null;
}

export interface OutboxMail {
  body_text: string;
  created_at: Generated<Timestamp>;
  error: string | null;
  id: string;
  recipient: string;
  sent_at: Timestamp | null;
  subject: string;
}

export interface PasswordReset {
  centre_id: string | null;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  token_hash: string;
  used_at: Timestamp | null;
  user_id: string;
}

export interface Phone {
  centre_id: string | null;
  description: string | null;
  id: string;
  number: string;
  organization_id: string | null;
  service_id: string | null;
  type: Generated<
    'voice' | 'text' | 'fax' | 'cell' | 'video' | 'pager' | 'textphone' | 'signal' | 'whatsapp' | 'telegram' | 'threema'
  >;
}

export interface PlatformFlag {
  name: string;
  set_at: Generated<Timestamp>;
}

export interface Project {
  contact_name: string | null;
  contact_role: string | null;
  ends_on: string | null;
  goal: string;
  id: string;
  published: Generated<boolean>;
  slug: string;
  starts_on: string;
  status: 'planned' | 'running' | 'completed';
  summary: Generated<string>;
  title: string;
  updated_at: Timestamp;
}

export interface ProjectFunder {
  funder_id: string;
  position: Generated<number>;
  project_id: string;
}

export interface PublicationEdition {
  authors: string;
  id: string;
  issued: string;
  language: 'de' | 'en' | 'de-LS';
  licence: string;
  search: Generated<string>;
  search_text: Generated<string>;
  summary: string;
  title: string;
  updated_at: Timestamp;
  visibility: 'public' | 'members';
  work_id: string;
}

export interface PublicationFile {
  data: Buffer;
  version_id: string;
}

export interface PublicationVersion {
  body_text: string;
  byte_size: number;
  edition_id: string;
  filename: string;
  id: string;
  is_current: boolean;
  text_status: 'read' | 'none' | 'failed';
  uploaded_at: Timestamp;
  uploaded_by: string | null;
  version: number;
}

export interface PublicationWork {
  created_at: Timestamp;
  created_by: string | null;
  id: string;
  project_id: string | null;
  published_at: Timestamp | null;
  slug: string;
  status: Generated<'draft' | 'published'>;
  type: 'dossier' | 'policy_paper' | 'report' | 'statement' | 'documentation';
}

export interface Recommendation {
  addressee_kind:
    | 'legislator'
    | 'federal_ministry'
    | 'state_ministry'
    | 'authority'
    | 'youth_welfare_office'
    | 'police_justice'
    | 'municipality'
    | 'other';
  addressee_name: string;
  affected_groups: Generated<string[]>;
  body: string;
  challenge: string;
  created_at: Generated<Timestamp>;
  id: string;
  merged_into: string | null;
  project_id: string | null;
  published: Generated<boolean>;
  slug: string;
  themes: Generated<string[]>;
  title: string;
  updated_at: Generated<Timestamp>;
}

export interface RecommendationAssessmentDue {
  found_at: Timestamp;
  latest_assessment: string | null;
  recommendation_id: string;
}

export interface RecommendationEvidence {
  created_at: Generated<Timestamp>;
  external_reference: string | null;
  external_title: string | null;
  external_url: string | null;
  id: string;
  kind: 'publication' | 'statistics_table' | 'external';
  publication_id: string | null;
  recommendation_id: string;
  statistics_table: string | null;
  statistics_year: number | null;
  support: string;
}

export interface RecommendationSource {
  created_at: Generated<Timestamp>;
  id: string;
  issued_on: string | null;
  recommendation_id: string;
  reference: Generated<string>;
  source_kind: 'network_dossier' | 'policy_paper' | 'greta_report' | 'statement' | 'other';
  strength: 'urge' | 'consider' | 'invite';
  title: string;
  url: string | null;
}

export interface RecommendationStatus {
  id: string;
  note: Generated<string>;
  recommendation_id: string;
  recorded_at: Generated<Timestamp>;
  source: string;
  stated_on: string;
  status: string;
  track: 'addressee' | 'assessment';
  url: string | null;
}

export interface RecoveryCode {
  centre_id: string | null;
  code_hash: string;
  idx: number;
  used_at: Timestamp | null;
  user_id: string;
}

export interface Referral {
  centre_id: string;
  centre_key_version: number;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  decline_note: string | null;
  decline_reason: 'no_capacity' | 'not_responsible' | 'language' | 'region' | 'unreachable' | 'other' | null;
  forwarded_from: string | null;
  forwarding_consent: boolean;
  id: string;
  payload: string;
  receipt_hash: string;
  reminded_at: Timestamp | null;
  status: 'received' | 'accepted' | 'forwarded' | 'declined' | 'closed';
  status_changed_at: Timestamp;
  urgency: 'immediate' | 'days' | 'no_rush';
  wrapped_key: string;
}

export interface ReferralCentreKey {
  centre_id: string;
  created_at: Timestamp;
  version: number;
  wrapped_key: string;
}

export interface ReferralRecipient {
  centre_id: string;
  email: string;
  user_id: string;
}

export interface ReferralStatusEvent {
  at: Timestamp;
  id: string;
  referral_id: string;
  status: 'received' | 'accepted' | 'forwarded' | 'declined' | 'closed';
}

export interface ReportingYear {
  closed_at: Timestamp | null;
  opened_at: Timestamp;
  release_deadline: string;
  reopen_reason: string | null;
  reopened_at: Timestamp | null;
  status: 'open' | 'closed';
  year: number;
}

export interface ReportingYearEvent {
  action: 'opened' | 'closed' | 'reopened';
  actor_id: string | null;
  at: Timestamp;
  id: string;
  reason: string | null;
  release_deadline: string | null;
  year: number;
}

export interface ReportingYearReminder {
  centres: number;
  days_before: number;
  release_deadline: string;
  sent_at: Timestamp;
  year: number;
}

export interface Schedule {
  byday: string;
  centre_id: string | null;
  closes_at: string;
  description: string | null;
  freq: Generated<'WEEKLY' | 'MONTHLY'>;
  id: string;
  opens_at: string;
  service_id: string;
}

export interface ScheduledJob {
  failures: Generated<number>;
  last_error: string | null;
  last_finished_at: Timestamp | null;
  last_outcome: 'ok' | 'failed' | null;
  last_started_at: Timestamp | null;
  lease_id: string | null;
  lease_until: Timestamp | null;
  leased_by: string | null;
  name: string;
  next_run_at: Timestamp;
  schedule: string;
}

export interface SchemaMigration {
  applied_at: Generated<Timestamp>;
  checksum: string;
  name: string;
}

export interface Service {
  alert: string | null;
  application_process: string | null;
  assured_date: string | null;
  centre_id: string | null;
  description: Generated<string>;
  eligibility_description: string | null;
  email: string | null;
  fees_description: string | null;
  id: string;
  interpretation_services: string | null;
  is_demo: Generated<boolean>;
  maximum_age: number | null;
  minimum_age: number | null;
  name: string;
  organization_id: string;
  status: Generated<'active' | 'inactive' | 'defunct' | 'temporarily closed'>;
  url: string | null;
}

export interface ServiceArea {
  centre_id: string | null;
  description: string | null;
  extent: string;
  extent_type: Generated<'iso3166-2'>;
  id: string;
  name: string;
  service_id: string;
}

export interface ServiceAtLocation {
  centre_id: string | null;
  description: string | null;
  id: string;
  location_id: string;
  service_id: string;
}

export interface StatisticsPublication {
  audience: 'public' | 'internal';
  audit: Json;
  catalogue_version: string;
  id: string;
  published_at: Timestamp;
  published_by: string | null;
  tables: Json;
  threshold: number;
  version: number;
  year: number;
}

export interface Taxonomy {
  description: string;
  id: string;
  name: string;
  uri: string | null;
  version: string | null;
}

export interface TaxonomyTerm {
  code: string;
  description: string | null;
  id: string;
  name: string;
  taxonomy_id: string;
}

export interface UserSession {
  centre_id: string | null;
  created_at: Timestamp;
  csrf_secret: string;
  last_seen_at: Timestamp;
  reauth_at: Timestamp | null;
  second_factor: 'totp' | 'recovery_code' | 'passkey' | 'enrolment' | null;
  stage: 'password' | 'full';
  token_hash: string;
  user_agent: string | null;
  user_id: string;
}

export interface WebauthnChallenge {
  challenge: string;
  expires_at: Timestamp;
  purpose: 'register' | 'authenticate';
  session_hash: string;
  user_id: string;
}

export interface WebauthnCredential {
  centre_id: string | null;
  counter: Generated<Int8>;
  created_at: Generated<Timestamp>;
  id: string;
  last_used_at: Timestamp | null;
  name: Generated<string>;
  public_key: Buffer;
  transports: string | null;
  user_id: string;
}

export interface DB {
  address: Address;
  app_user: AppUser;
  attribute: Attribute;
  audit_chain_head: AuditChainHead;
  audit_flood_guard: AuditFloodGuard;
  audit_log: AuditLog;
  auth_throttle: AuthThrottle;
  case_record: CaseRecord;
  case_record_category: CaseRecordCategory;
  case_record_progress: CaseRecordProgress;
  case_statistics_cell: CaseStatisticsCell;
  centre: Centre;
  contact_message: ContactMessage;
  country_region: CountryRegion;
  directory_draft: DirectoryDraft;
  directory_revision: DirectoryRevision;
  email_change: EmailChange;
  entry_report: EntryReport;
  funder: Funder;
  helpline: Helpline;
  helpline_translation: HelplineTranslation;
  indicator_set_version: IndicatorSetVersion;
  invitation: Invitation;
  language: Language;
  location: Location;
  measure: Measure;
  member_organization: MemberOrganization;
  news_category: NewsCategory;
  news_post: NewsPost;
  news_revision: NewsRevision;
  office_contact: OfficeContact;
  office_page: OfficePage;
  office_page_revision: OfficePageRevision;
  organization: Organization;
  outbox_mail: OutboxMail;
  password_reset: PasswordReset;
  phone: Phone;
  platform_flag: PlatformFlag;
  project: Project;
  project_funder: ProjectFunder;
  publication_edition: PublicationEdition;
  publication_file: PublicationFile;
  publication_version: PublicationVersion;
  publication_work: PublicationWork;
  recommendation: Recommendation;
  recommendation_assessment_due: RecommendationAssessmentDue;
  recommendation_evidence: RecommendationEvidence;
  recommendation_source: RecommendationSource;
  recommendation_status: RecommendationStatus;
  recovery_code: RecoveryCode;
  referral: Referral;
  referral_centre_key: ReferralCentreKey;
  referral_recipient: ReferralRecipient;
  referral_status_event: ReferralStatusEvent;
  reporting_year: ReportingYear;
  reporting_year_event: ReportingYearEvent;
  reporting_year_reminder: ReportingYearReminder;
  schedule: Schedule;
  scheduled_job: ScheduledJob;
  schema_migration: SchemaMigration;
  service: Service;
  service_area: ServiceArea;
  service_at_location: ServiceAtLocation;
  statistics_publication: StatisticsPublication;
  taxonomy: Taxonomy;
  taxonomy_term: TaxonomyTerm;
  user_session: UserSession;
  webauthn_challenge: WebauthnChallenge;
  webauthn_credential: WebauthnCredential;
}
