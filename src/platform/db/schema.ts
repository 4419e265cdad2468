/**
 * Kysely table types, kept by hand next to the SQL migrations. The HTTP and
 * import tests write and read every column, so a drift shows up as a failing
 * query rather than silently.
 */
import type { ColumnType, Generated } from 'kysely';

/** `date` columns: pg returns a string because we disable Date parsing (see db/index.ts). */
type DateString = ColumnType<string, string, string>;

export interface OrganizationTable {
  id: string;
  name: string;
  description: Generated<string>;
  email: string | null;
  website: string | null;
  legal_status: string | null;
  parent_organization_id: string | null;
  is_demo: Generated<boolean>;
}

export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

export interface ServiceTable {
  id: string;
  organization_id: string;
  name: string;
  description: Generated<string>;
  url: string | null;
  email: string | null;
  status: Generated<ServiceStatus>;
  interpretation_services: string | null;
  application_process: string | null;
  fees_description: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  assured_date: DateString | null;
  alert: string | null;
  is_demo: Generated<boolean>;
}

export interface LocationTable {
  id: string;
  organization_id: string;
  location_type: Generated<'physical' | 'postal' | 'virtual'>;
  name: string | null;
  latitude: number | null;
  longitude: number | null;
  transportation: string | null;
  address_protected: Generated<boolean>;
  accessibility: string | null;
}

export interface AddressTable {
  id: string;
  location_id: string;
  address_1: string | null;
  city: string;
  region: string | null;
  state_province: string;
  postal_code: string;
  country: Generated<string>;
  address_type: Generated<string>;
}

export interface ServiceAtLocationTable {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
}

export type PhoneType = 'voice' | 'text' | 'fax' | 'cell' | 'video' | 'pager' | 'textphone';

export interface PhoneTable {
  id: string;
  service_id: string | null;
  organization_id: string | null;
  number: string;
  type: Generated<PhoneType>;
  description: string | null;
}

export interface LanguageTable {
  id: string;
  service_id: string | null;
  phone_id: string | null;
  code: string;
  name: string | null;
  note: string | null;
}

export interface ScheduleTable {
  id: string;
  service_id: string;
  freq: Generated<'WEEKLY' | 'MONTHLY'>;
  byday: string;
  opens_at: string;
  closes_at: string;
  description: string | null;
}

export interface ServiceAreaTable {
  id: string;
  service_id: string;
  name: string;
  description: string | null;
  extent: string;
  extent_type: Generated<'iso3166-2'>;
}

export interface TaxonomyTable {
  id: string;
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
}

export interface TaxonomyTermTable {
  id: string;
  taxonomy_id: string;
  code: string;
  name: string;
  description: string | null;
}

export interface AttributeTable {
  id: string;
  link_id: string;
  link_type: Generated<'service'>;
  taxonomy_term_id: string;
  value: string | null;
}

export interface DirectoryRevisionTable {
  singleton: Generated<boolean>;
  revision: ColumnType<string, string | number, string | number>;
  changed_at: Generated<Date>;
}

export interface SchemaMigrationTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface PlatformFlagTable {
  name: string;
  set_at: Generated<Date>;
}

export type Role = 'admin' | 'coordination' | 'centre_lead' | 'counsellor';

export interface MemberOrganizationTable {
  id: string;
  name: string;
  is_coordination: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface CentreTable {
  id: string;
  member_organization_id: string;
  name: string;
  service_id: string | null;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  centre_id: string | null;
  password_hash: string | null;
  totp_secret: string | null;
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>;
  mfa_enrolled_at: Date | null;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export interface WebauthnCredentialTable {
  id: string;
  user_id: string;
  centre_id: string | null;
  public_key: Buffer;
  counter: ColumnType<string, string | number | undefined, string | number>;
  transports: string | null;
  name: Generated<string>;
  created_at: Generated<Date>;
  last_used_at: Date | null;
}

export interface RecoveryCodeTable {
  user_id: string;
  centre_id: string | null;
  idx: number;
  code_hash: string;
  used_at: Date | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  centre_id: string | null;
  stage: 'password' | 'full';
  csrf_secret: string;
  created_at: Date;
  last_seen_at: Date;
  reauth_at: Date | null;
  user_agent: string | null;
  /** migrations/0010: the factor that completed a 'full' session; null while 'password' (and on sessions older than 0010). */
  second_factor: 'totp' | 'recovery_code' | 'passkey' | null;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  email: string;
  role: Role;
  centre_id: string | null;
  invited_by: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  centre_id: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: Generated<number>;
  window_start: Date;
  locked_until: Date | null;
}

export interface AuditLogTable {
  chain: string;
  seq: ColumnType<string, string | number, never>;
  centre_id: string | null;
  at: Date;
  actor_id: string | null;
  event: string;
  object_type: string | null;
  object_id: string | null;
  details: ColumnType<unknown, string, never>;
  key_id: string;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  chain: string;
  centre_id: string | null;
  seq: ColumnType<string, string | number, string | number>;
  hash: string;
}

export interface OutboxMailTable {
  id: string;
  recipient: string;
  subject: string;
  body_text: string;
  created_at: Generated<Date>;
  sent_at: Date | null;
  error: string | null;
}

export interface DirectoryDraftTable {
  id: string;
  centre_id: string;
  service_id: string;
  entry: ColumnType<unknown, string, string>;
  status: 'pending' | 'returned' | 'accepted' | 'withdrawn';
  submitted_by: string;
  submitted_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
}

/** migrations/0011: one row per scheduled job (platform/jobs, ADR 016). */
export interface ScheduledJobTable {
  name: string;
  schedule: string;
  next_run_at: Date;
  failures: Generated<number>;
  lease_id: string | null;
  leased_by: string | null;
  lease_until: Date | null;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_outcome: 'ok' | 'failed' | null;
  last_error: string | null;
}

export interface DB {
  member_organization: MemberOrganizationTable;
  centre: CentreTable;
  app_user: AppUserTable;
  webauthn_credential: WebauthnCredentialTable;
  recovery_code: RecoveryCodeTable;
  user_session: UserSessionTable;
  invitation: InvitationTable;
  password_reset: PasswordResetTable;
  email_change: EmailChangeTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  outbox_mail: OutboxMailTable;
  directory_draft: DirectoryDraftTable;
  scheduled_job: ScheduledJobTable;
  platform_flag: PlatformFlagTable;
  organization: OrganizationTable;
  service: ServiceTable;
  location: LocationTable;
  address: AddressTable;
  service_at_location: ServiceAtLocationTable;
  phone: PhoneTable;
  language: LanguageTable;
  schedule: ScheduleTable;
  service_area: ServiceAreaTable;
  taxonomy: TaxonomyTable;
  taxonomy_term: TaxonomyTermTable;
  attribute: AttributeTable;
  directory_revision: DirectoryRevisionTable;
  schema_migration: SchemaMigrationTable;
}

/** migrations/0007_email_change.sql: pending sign-in address changes (token hash only). */
export interface EmailChangeTable {
  token_hash: string;
  user_id: string;
  centre_id: string | null;
  new_email: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}
