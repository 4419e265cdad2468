import { defineAction } from '../../platform/auth/policy.ts';

/**
 * Read the error reports about directory entries: the coordination office
 * every report, a centre lead those about the entry their centre maintains.
 * Counsellors do not maintain the entry, so they do not see what readers
 * wrote about it (the text may name a person).
 */
export const ENTRY_REPORTS_READ = defineAction({
  name: 'entry_reports.read',
  roles: ['coordination', 'centre_lead'],
  description:
    'Read the readers’ error reports: every entry’s for the coordination office, the own entry’s for centre leads.',
});

/** Mark a report as handled (it is deleted 90 days later); the same people, the same objects. */
export const ENTRY_REPORTS_HANDLE = defineAction({
  name: 'entry_reports.handle',
  roles: ['coordination', 'centre_lead'],
  description: 'Mark a reader’s error report as handled.',
});
