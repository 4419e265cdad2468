/**
 * What an uploaded file is, read from its bytes, never from its name or the
 * type the browser claims: a document renamed to `.pdf` is not a PDF. Only
 * the kinds the platform takes are named; everything else (SVG above all,
 * which can carry script) is `null` and refused by the caller.
 */
import { fileTypeFromBuffer } from 'file-type';

export type FileKind = 'pdf' | 'png' | 'jpeg';

const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** The file's kind by its content, or null when it is none of the accepted ones. */
export async function fileKindOf(data: Uint8Array): Promise<FileKind | null> {
  const found = await fileTypeFromBuffer(data);
  switch (found?.mime) {
    case 'application/pdf':
      return 'pdf';
    case 'image/png':
      return 'png';
    case 'image/jpeg':
      return 'jpeg';
    default:
      return null;
  }
}

/** The media type to serve a file of this kind with. */
export function mediaTypeOf(kind: FileKind): string {
  return MEDIA_TYPES[kind];
}
