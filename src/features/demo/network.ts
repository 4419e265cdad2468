/**
 * The demo network behind the demo directory: a coordination office, the
 * member organisations of centres.ts and one centre (tenant) per demo service,
 * linked to its directory entry through `centre.service_id`. With it, a demo
 * installation can show the whole self-edit and review workflow. Ids are
 * derived from the demo namespace and the keys, so seeding twice changes
 * nothing and other code (tests, the demo accounts) can name the same rows.
 */
import { derivedId } from '../directory/derived-id.ts';
import { DEMO_CENTRES } from './centres.ts';
import { DEMO_NAMESPACE } from './entries.ts';

export const DEMO_COORDINATION_OFFICE_ID = derivedId(DEMO_NAMESPACE, 'member_organization:coordination');
export const DEMO_COORDINATION_OFFICE_NAME = 'Koordinierungsstelle des Netzwerks (Demo)';

/** The member organisation id of a demo organisation key (centres.ts). */
export function demoMemberOrganizationId(orgKey: string): string {
  return derivedId(DEMO_NAMESPACE, `member_organization:${orgKey}`);
}

/** The centre (tenant) id of a demo centre key (centres.ts). */
export function demoCentreId(centreKey: string): string {
  return derivedId(DEMO_NAMESPACE, `centre:${centreKey}`);
}

export type DemoNetworkCentre = {
  id: string;
  key: string;
  name: string;
  memberOrganizationId: string;
  serviceId: string;
};

/** Every demo centre with the ids it is stored under. */
export function demoNetworkCentres(): DemoNetworkCentre[] {
  return DEMO_CENTRES.map((c) => ({
    id: demoCentreId(c.key),
    key: c.key,
    // The same name as the directory entry (entries.ts), so staff recognise it.
    name: `Beispiel-Fachberatungsstelle ${c.name}`,
    memberOrganizationId: demoMemberOrganizationId(c.org),
    serviceId: derivedId(DEMO_NAMESPACE, `service:${c.key}`),
  }));
}
