/**
 * The error page for a browser: the staff frame for URLs of the staff area,
 * the public layout everywhere else.
 */
import type { FastifyRequest } from 'fastify';
import type { Locale } from '../i18n/index.ts';
import { StaffErrorPage } from '../staff/StaffErrorPage.tsx';
import { pageContext } from './context.ts';
import { ErrorPage } from './ErrorPage.tsx';
import { renderDocument } from './render.ts';

const STAFF_PATH = /^\/[^/?#]+\/staff(?:[/?#]|$)/;

export function renderErrorPage(req: FastifyRequest, locale: Locale, status: number, message?: string): string {
  const ctx = pageContext(req, locale);
  const page = STAFF_PATH.test(req.url) ? StaffErrorPage : ErrorPage;
  return renderDocument(page({ ctx, status, message }));
}
