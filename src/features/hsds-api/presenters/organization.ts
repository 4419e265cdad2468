/** HSDS organization objects: an allow-list of the organisation's public fields. */
import type { DirectoryEntry } from '../../directory/entry.ts';
import { EXT } from './common.ts';

export type HsdsOrganization = {
  id: string;
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  legal_status: string | null;
  [EXT]: { is_demo: boolean };
};

/** The organisation of an entry, field by field (nothing passes unlisted). */
export function presentOrganization(o: DirectoryEntry['organization']): HsdsOrganization {
  return {
    id: o.id,
    name: o.name,
    description: o.description,
    email: o.email,
    website: o.website,
    legal_status: o.legal_status,
    [EXT]: { is_demo: o.is_demo },
  };
}
