/** HSDS organization objects: an allow-list of the organisation's public fields. */
import { ORGANIZATION_FIELDS, pickFields, type DirectoryEntry } from '../../directory/entry.ts';
import { EXT, withoutEmpty, type Published } from './common.ts';

type Organization = DirectoryEntry['organization'];

export type HsdsOrganization = { id: string; name: string; description: string } & Published<
  Pick<Organization, (typeof ORGANIZATION_FIELDS)[number]>
> & { [EXT]: { is_demo: boolean } };

/**
 * The organisation of an entry: its id, its public fields (ORGANIZATION_FIELDS)
 * without the empty ones, and the demo flag. HSDS requires a description, so
 * that one stays even when it is empty.
 */
export function presentOrganization(o: Organization): HsdsOrganization {
  return {
    id: o.id,
    ...withoutEmpty(pickFields(o, ORGANIZATION_FIELDS)),
    name: o.name,
    description: o.description,
    [EXT]: { is_demo: o.is_demo },
  };
}
