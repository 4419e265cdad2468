/**
 * The directory entry: one service (a counselling centre's offer) with its
 * organisation, location, address, phones, languages, opening hours, area of
 * responsibility and taxonomy terms. This aggregate is what the search index
 * holds, what import and export exchange, and what the HSDS presenters map.
 */
import type { PhoneType, ServiceStatus } from '../../platform/db/schema.ts';
import type { StateCode } from '../geo/states.ts';
import type { AccessibilityFeature, ExploitationForm, TargetGroup } from './taxonomies.ts';

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/**
 * The organisation's and the service's own fields besides id and demo flag,
 * in HSDS order. Every one is public: the HSDS API, both export formats and
 * the import carry exactly these (pickFields), so a field that must stay
 * private does not belong in either list.
 */
export const ORGANIZATION_FIELDS = ['name', 'description', 'email', 'website', 'legal_status'] as const;
/** The service's fields after name, contact and status: how it works, for whom, when checked. */
export const SERVICE_DETAIL_FIELDS = [
  'interpretation_services',
  'application_process',
  'fees_description',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'assured_date',
  'alert',
] as const;
export const SERVICE_FIELDS = ['name', 'description', 'url', 'email', 'status', ...SERVICE_DETAIL_FIELDS] as const;

/** `keys` of `from`, in the order given (the order JSON output shows them in). */
export function pickFields<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = from[k];
  return out;
}

/** The HSDS service statuses (the CHECK constraint of migration 0001). */
export const SERVICE_STATUSES = [
  'active',
  'inactive',
  'defunct',
  'temporarily closed',
] as const satisfies readonly ServiceStatus[];

/** The phone types of HSDS 3.0 (RFC 6350 TEL types), which HSDS consumers know. */
export const HSDS_PHONE_TYPES = [
  'voice',
  'text',
  'fax',
  'cell',
  'video',
  'pager',
  'textphone',
] as const satisfies readonly PhoneType[];

/**
 * Messenger contacts, stored as phone rows whose `number` is the address in
 * that messenger: a phone number for Signal and WhatsApp, a phone number or
 * @username for Telegram, the 8-character ID for Threema.
 */
export const MESSENGER_TYPES = ['signal', 'whatsapp', 'telegram', 'threema'] as const satisfies readonly PhoneType[];
export type MessengerType = (typeof MESSENGER_TYPES)[number];

/** Every contact kind a phone row may have (the CHECK constraint of migration 0020). */
export const PHONE_TYPES = [...HSDS_PHONE_TYPES, ...MESSENGER_TYPES] as const;

export function isMessenger(type: PhoneType): type is MessengerType {
  return (MESSENGER_TYPES as readonly string[]).includes(type);
}

export type DirectoryEntry = {
  organization: {
    id: string;
    name: string;
    description: string;
    email: string | null;
    website: string | null;
    legal_status: string | null;
    is_demo: boolean;
  };
  service: {
    id: string;
    name: string;
    description: string;
    url: string | null;
    email: string | null;
    status: ServiceStatus;
    interpretation_services: string | null;
    application_process: string | null;
    fees_description: string | null;
    eligibility_description: string | null;
    minimum_age: number | null;
    maximum_age: number | null;
    /** When the entry was last verified (YYYY-MM-DD). */
    assured_date: string | null;
    alert: string | null;
    is_demo: boolean;
  };
  /** The centre's place; null for services that are only online or by phone. */
  location: {
    id: string;
    name: string | null;
    latitude: number;
    longitude: number;
    transportation: string | null;
    /** Protected addresses publish the city only; coordinates are the city's. */
    address_protected: boolean;
    accessibility: string | null;
    address: {
      /** Street and number; null when the address is protected. */
      address_1: string | null;
      postal_code: string;
      city: string;
      state_province: StateCode;
      country: 'DE';
    };
  } | null;
  phones: { id: string; number: string; type: PhoneType; description: string | null; languages: string[] }[];
  /** ISO 639 codes of the languages counselling is offered in (with or without interpreters). */
  languages: string[];
  schedules: { id: string; byday: Weekday[]; opens_at: string; closes_at: string; description: string | null }[];
  /** States ('DE-BY') or the whole country ('DE') the service is responsible for beyond its own place. */
  areas: (StateCode | 'DE')[];
  targetGroups: TargetGroup[];
  exploitation: ExploitationForm[];
  accessibility: AccessibilityFeature[];
};
