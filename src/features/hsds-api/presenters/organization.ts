/** HSDS organization objects: an allow-list of the organisation's public fields. */
import { ORGANIZATION_FIELDS, pickFields, type DirectoryEntry } from '../../directory/entry.ts';
import { EXT } from './common.ts';

type Organization = DirectoryEntry['organization'];

export type HsdsOrganization = { id: string } & Pick<Organization, (typeof ORGANIZATION_FIELDS)[number]> & {
    [EXT]: { is_demo: boolean };
  };

/** The organisation of an entry: its id, its public fields (ORGANIZATION_FIELDS) and the demo flag. */
export function presentOrganization(o: Organization): HsdsOrganization {
  return { id: o.id, ...pickFields(o, ORGANIZATION_FIELDS), [EXT]: { is_demo: o.is_demo } };
}
