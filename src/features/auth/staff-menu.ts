/**
 * The links on the staff start page. Each feature adds its own entries
 * (at import time, next to its routes) instead of editing one shared list;
 * the start page shows only those whose action `can()` allows, so nobody is
 * shown a door they may not open.
 */
import type { Action } from '../../platform/auth/policy.ts';
import type { Locale } from '../../platform/i18n/index.ts';

export type StaffLink = {
  /** Stable key (later registrations with the same key replace earlier ones). */
  key: string;
  action: Action;
  /** Path below the locale, e.g. '/staff/sessions'. */
  path: string;
  label: Record<'de' | 'en', string> & Partial<Record<Locale, string>>;
  /** Sort position; lower first. */
  order?: number;
};

const links = new Map<string, StaffLink>();

/** Add (or replace) a link on the staff start page. */
export function addStaffLink(link: StaffLink): void {
  if (!link.path.startsWith('/staff')) throw new Error(`Staff link ${link.key} must point below /staff`);
  links.set(link.key, link);
}

/** Every registered link, in display order. */
export function staffLinks(): StaffLink[] {
  return [...links.values()].sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key));
}

addStaffLink({
  key: 'auth.sessions',
  action: 'account.manage',
  path: '/staff/sessions',
  label: { de: 'Angemeldete Geräte ansehen und Sitzungen beenden', en: 'See signed-in devices and end sessions' },
  order: 90,
});
