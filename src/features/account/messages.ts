/** The `account` message namespace, assembled from its parts. */
import type { MessagesByLocale } from '../../platform/i18n/index.ts';
import { accountMessages } from './messages/account.ts';
import { invitationMessages } from './messages/invitation.ts';
import { resetMessages } from './messages/reset.ts';

export const accountNamespace: MessagesByLocale = {
  de: { ...invitationMessages.de, ...resetMessages.de, ...accountMessages.de },
  en: { ...invitationMessages.en, ...resetMessages.en, ...accountMessages.en },
};
