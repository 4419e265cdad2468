/**
 * Names and answers for the library's files: a slug for a work's address,
 * a download name that is safe in a header and on any disk, and the
 * headers a PDF is served with from our own origin.
 */
import type { FastifyReply } from 'fastify';

/** German letters spelt out, other accents dropped, lower case: the ASCII a slug or a file name keeps. */
function ascii(text: string): string {
  return text
    .replace(/Ä/g, 'Ae')
    .replace(/ä/g, 'ae')
    .replace(/Ö/g, 'Oe')
    .replace(/ö/g, 'oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** A work's address: its title in ASCII words, then the start of its id (titles may repeat). */
export function slugOf(title: string, id: string): string {
  const words = ascii(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  const tail = id.replace(/-/g, '').slice(0, 8);
  return words === '' ? tail : `${words}-${tail}`;
}

/**
 * The name a file is stored and offered under: the uploader's base name
 * (no folders) in letters, digits, dots, dashes and underscores only —
 * nothing that could end a header's quoted string or climb a folder —,
 * ending in `.pdf`.
 */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const stem = ascii(base)
    .replace(/\.pdf$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100);
  return `${stem === '' ? 'publication' : stem}.pdf`;
}

/** A stored PDF as a download: its type, a safe name, never sniffed, never run as a page. */
export function sendPdf(reply: FastifyReply, filename: string, data: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${safeFilename(filename)}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'no-store')
    .send(data);
}
