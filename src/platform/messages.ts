/** The kernel's own message namespaces (features bring theirs in their manifests). */
import type { MessagesByLocale } from './i18n/index.ts';
import { refusalMessages } from './http/error-messages.ts';
import { errorPageMessages } from './layout/error-messages.ts';
import { layoutMessages } from './layout/messages.ts';
import { staffMessages } from './staff/messages.ts';

export const KERNEL_MESSAGES: Readonly<Record<string, MessagesByLocale>> = {
  layout: layoutMessages,
  errors: errorPageMessages,
  refusals: refusalMessages,
  staff: staffMessages,
};
