/**
 * The staff start page's line about referrals: how many wait to be accepted
 * (received, or forwarded here, and not yet taken on), counted in the
 * reader's own centre scope, with a link to the inbox. Shown to centre
 * members only; nothing when none waits.
 */
import { translator } from '../../platform/i18n/index.ts';
import type { StartPanel } from '../../platform/staff/start-panels.ts';
import { REFERRALS_LIST } from './actions.ts';
import { countWaiting } from './queries/inbox.ts';

export const waitingReferralsPanel: StartPanel = {
  action: REFERRALS_LIST,
  order: 10,
  async load(trx, { locale }) {
    const count = await countWaiting(trx);
    if (count === 0) return null;
    return {
      text: translator(locale, 'referralsStaff')('startPanel.waiting', { count }),
      path: '/staff/referrals',
      attention: true,
    };
  },
};
