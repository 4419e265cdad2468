/**
 * Who may do what with reporting years. The coordination office opens,
 * closes and reopens them and sees, per centre, how many records still need
 * something before the deadline — counts only, through the one function
 * that returns nothing else (migrations/0028). The centres' members see the
 * open years, their deadlines and their own centre's counts.
 */
import { defineAction } from '../../platform/auth/policy.ts';

export const REPORTING_YEARS_MANAGE = defineAction({
  name: 'reporting_years.manage',
  roles: ['coordination'],
  description:
    'Open a reporting year with a release deadline, see per centre how many records are drafts, unreleased or lack mandatory answers (counts only), close the year and reopen it with a reason.',
});

export const REPORTING_YEARS_OWN = defineAction({
  name: 'reporting_years.own',
  roles: ['centre_lead', 'counsellor'],
  description:
    'See the open reporting years, their release deadlines and what the own centre still has to do for them.',
});
