/**
 * Names the code uses for database types. The table types are generated
 * from the migrated database (schema.generated.ts, ADR 017); these are taken
 * from them, so a changed CHECK constraint changes them too.
 */
import type { Selectable } from 'kysely';
import type { AppUser, Phone, Referral, Service } from './schema.generated.ts';

export type { DB } from './schema.generated.ts';

/** A staff member's role (app_user.role, invitation.role). */
export type Role = Selectable<AppUser>['role'];
/** HSDS service status. */
export type ServiceStatus = Selectable<Service>['status'];
/** HSDS phone type. */
export type PhoneType = Selectable<Phone>['type'];
/** A referral's status (referral.status, referral_status_event.status). */
export type ReferralStatus = Selectable<Referral>['status'];
