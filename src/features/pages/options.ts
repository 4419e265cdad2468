/**
 * What an operator can set for the static pages: who answers accessibility
 * feedback, who is responsible for data protection, and when the
 * accessibility statement was prepared. Every field is optional; without
 * them the pages name the network's coordination office in general words
 * instead of showing a placeholder.
 */
import { z } from 'zod';

const contactSchema = z.object({
  /** Organisation or office, e.g. "Koordinierungsstelle des Netzwerks, Musterverein e.V.". */
  name: z.string().trim().min(1).max(200).nullish(),
  /** Postal address, one line per element. */
  postalAddress: z.array(z.string().trim().min(1).max(200)).max(6).nullish(),
  email: z.email().nullish(),
  /** As people should dial it, e.g. "+49 30 1234567". */
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()/-]{3,30}$/, 'digits, spaces and + ( ) / - only')
    .nullish(),
  /** The office's own website; https only, shown as an external link. */
  url: z.url({ protocol: /^https$/ }).nullish(),
});

const operatorSchema = contactSchema.extend({
  /** Data protection officer (name or office and how to reach them), if one is appointed. */
  dataProtectionOfficer: z.string().trim().min(1).max(300).nullish(),
  /** How long the operator keeps server logs, in words, e.g. "7 Tage" — shown as given. */
  logRetention: z.string().trim().min(1).max(200).nullish(),
  /** Anything in front of Schutznetz that keeps its own logs (hosting, reverse proxy), in words. */
  hosting: z.string().trim().min(1).max(500).nullish(),
});

const pagesOptionsSchema = z.object({
  /** Feedback channel named in the accessibility statement (the coordination office). */
  accessibilityContact: contactSchema.optional(),
  /** The controller (Verantwortlicher) named in the privacy notice. */
  operator: operatorSchema.optional(),
  /** When the accessibility statement was prepared or last reviewed (YYYY-MM-DD). */
  accessibilityStatementDate: z.iso.date().optional(),
});

export type ContactDetails = z.infer<typeof contactSchema>;
type OperatorDetails = z.infer<typeof operatorSchema>;
/** Options of `pagesRoutes`; all optional (see the defaults in `resolvePagesOptions`). */
export type PagesOptions = z.input<typeof pagesOptionsSchema>;

export type ResolvedPagesOptions = {
  accessibilityContact: ContactDetails;
  operator: OperatorDetails;
  accessibilityStatementDate: string;
};

/**
 * The date this release's accessibility statement was written. Operators who
 * re-test their installation set `accessibilityStatementDate` instead.
 */
const DEFAULT_STATEMENT_DATE = '2026-11-28';

/**
 * Validate the options once at start-up (a wrong e-mail address should stop
 * the server, not appear on a public page) and fill in the defaults:
 * no contact details (the pages then refer to the coordination office in
 * words), statement date {@link DEFAULT_STATEMENT_DATE}.
 */
export function resolvePagesOptions(input: PagesOptions = {}): ResolvedPagesOptions {
  const o = pagesOptionsSchema.parse(input);
  return {
    accessibilityContact: o.accessibilityContact ?? {},
    operator: o.operator ?? {},
    accessibilityStatementDate: o.accessibilityStatementDate ?? DEFAULT_STATEMENT_DATE,
  };
}
