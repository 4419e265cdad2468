/**
 * The kernel's own message namespaces (features declare theirs in their
 * manifests). Each lives next to the code that uses it, as JSON per language
 * (see i18n/catalogues.ts).
 */
import type { MessageNamespace } from './i18n/index.ts';
import type layoutCatalogue from './layout/messages/de/layout.json';
import type errorsCatalogue from './layout/messages/de/errors.json';
import type refusalsCatalogue from './http/messages/de/refusals.json';
import type validationCatalogue from './http/messages/de/validation.json';
import type staffCatalogue from './staff/messages/de/staff.json';
import type securityNoticesCatalogue from './auth/messages/de/security-notices.json';
import type helplinesCatalogue from './helplines/messages/de/helplines.json';

export const KERNEL_NAMESPACES: readonly MessageNamespace[] = [
  { name: 'layout', audience: 'public', dir: new URL('./layout/messages/', import.meta.url) },
  { name: 'errors', audience: 'public', dir: new URL('./layout/messages/', import.meta.url) },
  { name: 'refusals', audience: 'public', dir: new URL('./http/messages/', import.meta.url) },
  { name: 'validation', audience: 'public', dir: new URL('./http/messages/', import.meta.url) },
  { name: 'helplines', audience: 'public', dir: new URL('./helplines/messages/', import.meta.url) },
  { name: 'staff', audience: 'staff', dir: new URL('./staff/messages/', import.meta.url) },
  { name: 'security-notices', audience: 'staff', dir: new URL('./auth/messages/', import.meta.url) },
];

declare module './i18n/index.ts' {
  interface Catalogues {
    layout: typeof layoutCatalogue;
    errors: typeof errorsCatalogue;
    refusals: typeof refusalsCatalogue;
    validation: typeof validationCatalogue;
    staff: typeof staffCatalogue;
    'security-notices': typeof securityNoticesCatalogue;
    helplines: typeof helplinesCatalogue;
  }
}
