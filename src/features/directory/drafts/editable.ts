/**
 * Which parts of its directory entry a centre maintains itself. The rest —
 * organisation, the service's name, status, warnings, area of
 * responsibility, the verification date — belongs to the coordination office
 * and the import. A draft stores the complete proposed entry, but publishing
 * takes only these parts from it and lays them over the entry as it is
 * published *then*: a change the office made after the draft was submitted
 * is not silently undone by accepting an older draft.
 */
import type { DirectoryEntry } from '../entry.ts';

/** The published entry with the centre-editable parts of `proposed` in place. */
export function applyEdits(published: DirectoryEntry, proposed: DirectoryEntry): DirectoryEntry {
  return {
    organization: published.organization,
    service: {
      ...published.service,
      description: proposed.service.description,
      email: proposed.service.email,
      url: proposed.service.url,
      minimum_age: proposed.service.minimum_age,
      maximum_age: proposed.service.maximum_age,
    },
    location: proposed.location,
    phones: proposed.phones,
    languages: proposed.languages,
    schedules: proposed.schedules,
    areas: published.areas,
    targetGroups: proposed.targetGroups,
    exploitation: proposed.exploitation,
    accessibility: proposed.accessibility,
  };
}
