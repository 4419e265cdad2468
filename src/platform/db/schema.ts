/**
 * Names the code uses for database types. The table types are generated
 * from the migrated database (schema.generated.ts, ADR 017); these are taken
 * from them, so a changed CHECK constraint changes them too.
 */
import type { Selectable } from 'kysely';
import type { AppUser, IndicatorSetVersion, Phone, Service } from './schema.generated.ts';

export type { DB } from './schema.generated.ts';

/** A staff member's role (app_user.role, invitation.role). */
export type Role = Selectable<AppUser>['role'];
/** HSDS service status. */
export type ServiceStatus = Selectable<Service>['status'];
/** HSDS phone type. */
export type PhoneType = Selectable<Phone>['type'];
/** The two identification guides (indicator_set_version.guide). */
export type IndicatorGuide = Selectable<IndicatorSetVersion>['guide'];
/** Where a version of an indicator set stands (indicator_set_version.status). */
export type IndicatorSetStatus = Selectable<IndicatorSetVersion>['status'];
