/** An organisation's contact details as an <address> block, for the accessibility and privacy pages. */
import type { Translate } from '../../platform/i18n/index.ts';
import type { ContactDetails } from './options.ts';

/** Only digits and a leading + survive in a tel: link. */
export const telHref = (phone: string) => `tel:${phone.replace(/(?!^\+)[^0-9]/g, '')}`;

/**
 * `fallbackName` stands in when the operator configured no name, so the
 * block never shows a placeholder.
 */
export function ContactBlock({
  contact,
  fallbackName,
  t,
}: {
  contact: ContactDetails;
  fallbackName: string;
  t: Translate<'pages'>;
}) {
  const lines = contact.postalAddress ?? [];
  const channels = [
    contact.email ? (
      <li>
        {t('contact.email')}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
      </li>
    ) : null,
    contact.phone ? (
      <li>
        {t('contact.phone')}: <a href={telHref(contact.phone)}>{contact.phone}</a>
      </li>
    ) : null,
    contact.url ? (
      <li>
        {t('contact.web')}:{' '}
        <a href={contact.url} rel="noreferrer">
          {contact.url.replace(/^https:\/\//, '').replace(/\/$/, '')}
        </a>
      </li>
    ) : null,
  ].filter(Boolean);
  return (
    <address class="contact">
      <p>
        <strong>{contact.name ?? fallbackName}</strong>
        {lines.map((l) => (
          <>
            <br />
            {l}
          </>
        ))}
      </p>
      {channels.length > 0 ? <ul>{channels}</ul> : null}
    </address>
  );
}
