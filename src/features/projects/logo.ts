/**
 * Funders' logos: PNG or JPEG, recognised from the bytes (never from the
 * name or the type the browser claims — an SVG renamed to .png is still an
 * SVG, and SVG can carry script), at most MAX_LOGO_BYTES, served from our
 * own origin under a URL that carries the content's hash, so it may be
 * cached for a year and a new logo is a new URL.
 */
import { createHash } from 'node:crypto';
import { fileKindOf } from '../../platform/http/file-kind.ts';

export const MAX_LOGO_BYTES = 1024 * 1024;

export type LogoKind = 'png' | 'jpeg';

const EXTENSIONS: Record<LogoKind, string> = { png: 'png', jpeg: 'jpg' };

/** The logo's kind, or null: not a PNG or JPEG (SVG, PDF, text, anything else). */
export async function logoKindOf(data: Uint8Array): Promise<LogoKind | null> {
  if (data.length === 0) return null;
  const kind = await fileKindOf(data);
  return kind === 'png' || kind === 'jpeg' ? kind : null;
}

export function logoHash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The logo's public path: the funder, a prefix of the content hash, the kind. */
export function logoPath(funderId: string, logo: { kind: LogoKind; hash: string }): string {
  return `/media/funders/${funderId}-${logo.hash.slice(0, 16)}.${EXTENSIONS[logo.kind]}`;
}

const LOGO_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([0-9a-f]{16})\.(png|jpg)$/;

/** The parts of a logo's file name, or null when it is not one. */
export function parseLogoFile(file: string): { funderId: string; hashPrefix: string; kind: LogoKind } | null {
  const m = LOGO_FILE.exec(file);
  if (!m) return null;
  return { funderId: m[1]!, hashPrefix: m[2]!, kind: m[3] === 'png' ? 'png' : 'jpeg' };
}
