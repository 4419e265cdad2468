/**
 * Who may see which statistics. The published tables are public (no
 * action). The network's internal tables — computed live at the internal
 * threshold — and publishing are the coordination office's: not the
 * administrators' (they run the platform, not its content), never a
 * centre's. A centre's lead and counsellors see their own centre's counts,
 * read in their own row-level-security scope, never through the network's
 * aggregates.
 */
import { defineAction } from '../../platform/auth/policy.ts';

export const STATISTICS_NETWORK = defineAction({
  name: 'statistics.network',
  roles: ['coordination'],
  description:
    'See the network’s internal statistics of a reporting year (threshold 5, computed live) and the publications, and export them.',
});

export const STATISTICS_PUBLISH = defineAction({
  name: 'statistics.publish',
  roles: ['coordination'],
  description:
    'Publish the statistics of a closed reporting year, for the public (threshold 10) or the network (threshold 5), after the disclosure audit passed.',
});

export const STATISTICS_CENTRE = defineAction({
  name: 'statistics.centre',
  roles: ['centre_lead', 'counsellor'],
  description: 'See the own centre’s counts per catalogue table and year, from its own records only.',
});
