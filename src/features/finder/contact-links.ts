/**
 * How each kind of contact is offered on a centre page: a call, a text
 * message, a messenger chat — each a link the phone knows what to do with —
 * or a number to read (fax, pager). Keyed by the phone type's string, so a
 * type the data model gains later renders as a plain number until it is
 * listed here, and the map compiles whatever the type union holds.
 *
 * Messenger links use each service's documented public link form:
 * Signal https://signal.me/#p/<E.164>, WhatsApp https://wa.me/<digits>,
 * Telegram https://t.me/<username or +number>, Threema https://threema.id/<ID>.
 */

/** What a contact is for: a call button, a write button, a messenger button, or a number to read. */
type ContactAction = 'call' | 'write' | 'messenger' | 'read';

export type ContactKind = {
  action: ContactAction;
  /** The catalogue key (finder namespace, `contact.type.<key>`) naming the kind. */
  label: string;
  /** The link for a stored value, or null when the value is not one this kind can link to. */
  href: (value: string) => string | null;
};

/**
 * A German or international number in E.164 form ('+4930123456'), or null.
 * National numbers ('030 123456') are German; '0049…' and '+49 (0)30…' are
 * understood. Anything with letters or too few or too many digits is null.
 */
export function toE164(value: string): string | null {
  let v = value.trim();
  if (!/^[+\d(][\d\s()/.\-+]*$/.test(v)) return null;
  // '+49 (0)30 …': the trunk zero in brackets is dialled only from within Germany.
  v = v.replace(/^(\+\d{1,3})\s*\(0\)/, '$1');
  const plus = v.startsWith('+');
  let digits = v.replace(/\D/g, '');
  if (plus) digits = `+${digits}`;
  else if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  else if (digits.startsWith('0')) digits = `+49${digits.slice(1)}`;
  else return null;
  return /^\+[1-9]\d{6,14}$/.test(digits) ? digits : null;
}

/** tel: with the number as dialled: the stored digits and a leading +. */
export function telLink(value: string): string | null {
  const digits = value.replace(/[^\d+]/g, '');
  return /^\+?\d{3,}$/.test(digits) ? `tel:${digits}` : null;
}

export function smsLink(value: string): string | null {
  const e164 = toE164(value);
  return e164 ? `sms:${e164}` : null;
}

export function signalLink(value: string): string | null {
  const e164 = toE164(value);
  return e164 ? `https://signal.me/#p/${e164}` : null;
}

export function whatsappLink(value: string): string | null {
  const e164 = toE164(value);
  return e164 ? `https://wa.me/${e164.slice(1)}` : null;
}

/** A Telegram username (5–32 letters, digits, underscores; '@' optional) or a phone number. */
export function telegramLink(value: string): string | null {
  const name = /^@?([A-Za-z][A-Za-z0-9_]{4,31})$/.exec(value.trim());
  if (name) return `https://t.me/${name[1]!}`;
  const e164 = toE164(value);
  return e164 ? `https://t.me/${e164}` : null;
}

/** A Threema ID: eight characters, capital letters and digits (gateway IDs start with '*'). */
export function threemaLink(value: string): string | null {
  const id = value.trim().toUpperCase();
  return /^[A-Z0-9*][A-Z0-9]{7}$/.test(id) ? `https://threema.id/${encodeURIComponent(id)}` : null;
}

const noLink = () => null;

export const CONTACT_KINDS: Record<string, ContactKind> = {
  voice: { action: 'call', label: 'voice', href: telLink },
  cell: { action: 'call', label: 'cell', href: telLink },
  textphone: { action: 'call', label: 'textphone', href: telLink },
  video: { action: 'call', label: 'video', href: telLink },
  text: { action: 'write', label: 'text', href: smsLink },
  signal: { action: 'messenger', label: 'signal', href: signalLink },
  whatsapp: { action: 'messenger', label: 'whatsapp', href: whatsappLink },
  telegram: { action: 'messenger', label: 'telegram', href: telegramLink },
  threema: { action: 'messenger', label: 'threema', href: threemaLink },
  fax: { action: 'read', label: 'fax', href: noLink },
  pager: { action: 'read', label: 'pager', href: noLink },
};

/** How to show a stored contact of `type`: its kind, or a number to read for a type not listed. */
export function contactKind(type: string): ContactKind {
  return CONTACT_KINDS[type] ?? { action: 'read', label: 'other', href: noLink };
}
