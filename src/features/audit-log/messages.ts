/**
 * What the 'auditLog' namespace (messages/<locale>/auditLog.json) must label.
 * Event labels cover every event the platform records (a test checks that
 * each listed event has a label in both languages); an event without a label
 * is shown by its code, so a new event never breaks the page.
 */
import { dynamicKey } from '../../platform/i18n/index.ts';

/** Event codes the filter offers, in display order. Labels: `event.<code with . → _>`. */
export const KNOWN_EVENTS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_in_blocked',
  'auth.reauthenticated',
  'auth.sign_out',
  'auth.session_ended',
  'auth.mfa_totp_enrolled',
  'auth.mfa_passkey_added',
  'auth.mfa_passkey_removed',
  'auth.mfa_reset',
  'auth.recovery_code_used',
  'auth.mfa_recovery_codes_regenerated',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.email_change_requested',
  'auth.email_changed',
  'users.invited',
  'users.invitation_accepted',
  'users.role_changed',
  'users.disabled',
  'users.enabled',
  'users.viewed',
  'directory.draft_submitted',
  'directory.draft_withdrawn',
  'directory.draft_accepted',
  'directory.draft_returned',
  'helplines.added',
  'helplines.changed',
  'helplines.removed',
  'helplines.translated',
  'entry_report.handled',
  'reporting_year.opened_done',
  'reporting_year.closed_done',
  'reporting_year.reopened_done',
  'reporting_year.reminded_done',
  'reporting_year.records_deleted_done',
  'case_record.imported_done',
  'case_record.exported_done',
  'demo.cases_written',
  'referral.received_done',
  'referral.opened_done',
  'referral.accepted_done',
  'referral.declined_done',
  'referral.forwarded_done',
  'referral.closed_done',
  'referral.reminded_done',
  'referral.deleted_done',
  'case_record.created_done',
  'case_record.changed_done',
  'case_record.released_done',
  'case_record.release_withdrawn_done',
  'case_record.deleted_done',
  'keys.rewrapped_done',
  'content.published_done',
  'content.scheduled_done',
  'content.withdrawn_done',
  'statistics.published_done',
  'statistics.publish_refused',
  'statistics.exported_done',
  'statistics.downloaded_done',
  'audit.read',
  'audit.exported',
  'outbox.read',
  'access.denied',
  'auth.csrf_refused',
] as const;

/**
 * Details shown on the page. Everything else a row's details hold stays in
 * the database: the page never dumps raw JSON, so a field added by a later
 * feature is shown only once someone decides it is fit to show.
 */
export const SHOWN_DETAILS = [
  'method',
  'step',
  'reason',
  'locked',
  'scope',
  'count',
  'remaining',
  'sessions_ended',
  'role',
  'old_role',
  'new_role',
  're_enrolment',
  'service_id',
  'replaced_draft_id',
  'assured_date',
  'route',
  'http_method',
  'limit',
  'chain',
  'occurrences',
  'release_deadline',
  'days_before',
  'leads',
  'records',
  'retention_years',
  'format',
  'to_centre',
  'automatic',
  'year',
  'audience',
  'version',
  'format',
  'table',
  'threshold',
] as const;

/** The i18n key of an event's label (events come from the database: show with a defaultValue). */
export const eventKey = (event: string) => dynamicKey('auditLog', `event.${event.replaceAll('.', '_')}`);

/** The i18n key of an object type's name (from the database: show with a defaultValue). */
export const objectKey = (type: string) => dynamicKey('auditLog', `object.${type}`);
