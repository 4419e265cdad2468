/**
 * The text inside an uploaded PDF, for the full-text search (ADR 040).
 *
 * pdf.js (pdfjs-dist, legacy build: it runs on Node 20, unlike the build
 * unpdf bundles) parses the file with everything that could execute or
 * reach out switched off: no `eval` for fonts, no font faces, no system
 * fonts, no worker fetches. A PDF is untrusted input, so the work is
 * bounded: at most MAX_PAGES pages, at most MAX_CHARS characters and
 * TIME_LIMIT_MS of time; whatever was read by then is kept.
 *
 * It never throws for the PDF's sake: a scanned PDF without text, an
 * encrypted or broken one is `none` or `failed`, stored all the same, and
 * the uploader is told the search will not find words inside it.
 */

/** At most this many pages are read. */
const MAX_PAGES = 500;
/** At most this much text is kept (the search column stays bounded). */
const MAX_CHARS = 2_000_000;
/** The reading stops after this long; what was read by then is kept. */
const TIME_LIMIT_MS = 20_000;

export type PdfText = {
  /** 'read': text found; 'none': a readable PDF without text (a scan); 'failed': not readable. */
  status: 'read' | 'none' | 'failed';
  text: string;
};

type TextItem = { str?: unknown; hasEOL?: unknown };

export async function pdfText(data: Uint8Array, limits = { timeMs: TIME_LIMIT_MS }): Promise<PdfText> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const deadline = Date.now() + limits.timeMs;
  // pdf.js takes the buffer over (transfers it): give it a copy.
  const task = getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
  });
  // Its rejection is handled below (or after a time-out, on purpose ignored).
  task.promise.catch(() => undefined);
  const parts: string[] = [];
  let length = 0;
  try {
    const doc = await withDeadline(task.promise, deadline);
    try {
      const pages = Math.min(doc.numPages, MAX_PAGES);
      for (let n = 1; n <= pages && length < MAX_CHARS && Date.now() < deadline; n++) {
        const page = await withDeadline(doc.getPage(n), deadline);
        const content = await withDeadline(page.getTextContent(), deadline);
        const line = (content.items as TextItem[])
          .map((item) => (typeof item.str === 'string' ? item.str + (item.hasEOL === true ? '\n' : '') : ''))
          .join('');
        parts.push(line);
        length += line.length;
        page.cleanup();
      }
    } finally {
      await doc.destroy();
    }
  } catch {
    await task.destroy().catch(() => undefined);
    const partial = clean(parts.join('\n'));
    return partial === '' ? { status: 'failed', text: '' } : { status: 'read', text: partial };
  }
  const text = clean(parts.join('\n'));
  return text === '' ? { status: 'none', text: '' } : { status: 'read', text };
}

/** Whitespace made single, control characters (a NUL breaks a text column) removed, the length bounded. */
function clean(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .replace(/\s*\n\s*/g, '\n')
      .trim()
      .slice(0, MAX_CHARS)
  );
}

function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  const left = deadline - Date.now();
  if (left <= 0) return Promise.reject(new Error('PDF text: time limit'));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('PDF text: time limit')), left);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
