/**
 * A throwaway SMTP server on 127.0.0.1 for tests (smtp-server, a dev
 * dependency): it records every delivered message so a test can read what
 * a real mail server would have received. Imported by tests only.
 */
import { SMTPServer } from 'smtp-server';

type ReceivedMail = {
  from: string;
  to: string[];
  /** The user name the client authenticated with, if it did. */
  user: string | null;
  headers: Record<string, string>;
  /** The decoded text body. */
  text: string;
};

export type TestSmtpServer = { url: string; port: number; received: ReceivedMail[]; close(): Promise<void> };

/** Decode a single-part text/plain message (quoted-printable, base64 or 7/8-bit). */
function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let bytes: Buffer;
  if (cte === 'quoted-printable') {
    const joined = body.replace(/=\r\n/g, '');
    bytes = Buffer.from(
      joined.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
  } else if (cte === 'base64') {
    bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  } else {
    bytes = Buffer.from(body, 'utf8');
  }
  return { headers, text: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

/**
 * Start a server. With `credentials`, clients must log in with exactly them
 * (AUTH over the unencrypted loopback connection, which only tests allow).
 */
export async function startTestSmtpServer(
  opts: { credentials?: { user: string; pass: string } } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const creds = opts.credentials;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: creds ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !creds,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (creds && auth.username === creds.user && auth.password === creds.pass)
        return cb(null, { user: auth.username });
      return cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const { headers, text } = parseMessage(Buffer.concat(chunks).toString('latin1'));
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : null,
          headers,
          text,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('SMTP test server has no port');
  const port = address.port;
  const auth = creds ? `${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.pass)}@` : '';
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
