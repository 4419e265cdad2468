/**
 * File uploads, on the routes of one plugin only. Registered inside a
 * feature's own upload plugin, the multipart parser exists for those routes
 * and nowhere else (every other route keeps refusing multipart bodies and
 * keeps the global 1 MiB limit); there a body may carry one file of up to
 * the plugin's own limit and a few short fields.
 *
 * The parts are read before the authorisation hook (a preValidation hook),
 * so the form's `_csrf` field is checked like any other form's; the file
 * itself is kept beside the request, not in its body, so nothing walks its
 * bytes as if they were form text. Whatever goes wrong on the way — too
 * large, more than one file, a broken body — is a 4xx with a message in the
 * reader's language, before anything is written.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';
import { containsNul } from './input-guard.ts';

/** Room for the multipart framing and the short fields around the file. */
const FRAMING_BYTES = 64 * 1024;

/** The field that carries the file. */
export const FILE_FIELD = 'file';

export type Upload = { filename: string; data: Buffer };

const uploads = new WeakMap<FastifyRequest, Upload>();

/** The file the request carried (null: none). */
export function uploadOf(req: FastifyRequest): Upload | null {
  return uploads.get(req) ?? null;
}

type UploadProblem = 'tooLarge' | 'broken' | 'oneFile';

export type UploadOptions = {
  /** The largest file these routes take, in bytes. */
  readonly maxBytes: number;
  /** The refusal in the reader's language (the feature's own words: its limit, its form). */
  readonly message: (req: FastifyRequest, problem: UploadProblem) => string;
};

/** What a failure of the multipart parser means for the person who sent the form. */
function meaningOf(err: unknown): { status: number; problem: UploadProblem } {
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return { status: 413, problem: 'tooLarge' };
  if (code === 'FST_FILES_LIMIT') return { status: 400, problem: 'oneFile' };
  return { status: 400, problem: 'broken' };
}

/**
 * Take uploads on the routes of `app` (an encapsulated plugin): one file of
 * at most `maxBytes` in FILE_FIELD, plus short text fields, which become
 * the body.
 */
export async function acceptUploads(app: FastifyInstance, options: UploadOptions): Promise<void> {
  const { maxBytes } = options;
  // The page shows the message as it is: already in the reader's language.
  const refusal = (req: FastifyRequest, status: number, problem: UploadProblem): HttpError =>
    new HttpError(status, options.message(req, problem));
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1000, parts: 12, headerPairs: 50 },
    throwFileSizeLimit: true,
  });
  app.addHook('preValidation', async (req) => {
    if (!req.isMultipart()) return;
    const length = Number(req.headers['content-length']);
    if (length > maxBytes + FRAMING_BYTES) throw refusal(req, 413, 'tooLarge');
    const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== FILE_FIELD || uploads.has(req)) {
            await part.toBuffer();
            throw refusal(req, 400, 'oneFile');
          }
          uploads.set(req, { filename: part.filename, data: await part.toBuffer() });
        } else {
          const value = typeof part.value === 'string' ? part.value : '';
          const seen = fields[part.fieldname];
          fields[part.fieldname] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
        }
      }
    } catch (err) {
      if (err instanceof HttpError) throw err;
      const { status, problem } = meaningOf(err);
      throw refusal(req, status, problem);
    }
    // The kernel's NUL guard ran before these fields existed: PostgreSQL text cannot hold a zero byte.
    if (containsNul(fields) || containsNul(uploads.get(req)?.filename)) throw HttpError.localized(400, 'nul');
    req.body = { ...fields };
  });
}
