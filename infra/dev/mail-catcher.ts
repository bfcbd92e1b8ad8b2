import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server that keeps what it receives and lists it over HTTP, so a developer sees every
 * message the worker sends (`npm start` runs it; tests use it as the real SMTP peer).
 * A message counts as delivered only once the 250 reply is on its way: a sender that disconnects
 * before that has not handed the message over (RFC 5321 §6.1), so it is not kept.
 */
export interface CaughtMail {
  id: number;
  messageId: string | null;
  /** Earlier mail with the same Message-ID, i.e. this is a repeat of that one. */
  duplicateOf: number | null;
  from: string;
  to: string[];
  subject: string;
  receivedAt: string;
  raw: string;
}

export type SmtpVerdict = { accept: true } | { reject: { code: number; message: string } };

export interface MailCatcherOptions {
  smtpPort: number;
  httpPort?: number;
  host?: string;
  /** Decides the reply to each message once its data is in (tests use it to refuse or stall). */
  decide?: (raw: string, attempt: number) => Promise<SmtpVerdict> | SmtpVerdict;
  /** Kept messages (oldest dropped first). */
  limit?: number;
}

export interface MailCatcher {
  smtpPort: number;
  httpUrl: string | null;
  messages(): CaughtMail[];
  /** Messages whose DATA was received, whatever the reply (accepted, refused or abandoned). */
  attempts(): number;
  /** SMTP connections open right now. */
  connections(): number;
  close(): Promise<void>;
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const limit = options.limit ?? 500;
  const kept: CaughtMail[] = [];
  const closedSessions = new Set<string>();
  let attempts = 0;
  let open = 0;
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 20 * 1024 * 1024,
    onConnect: (_session, callback) => {
      open += 1;
      callback();
    },
    onClose: (session) => {
      open -= 1;
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        attempts += 1;
        void Promise.resolve(options.decide?.(raw, attempts) ?? { accept: true as const }).then(
          async (verdict) => {
            if (closedSessions.has(session.id)) return; // sender gone before our reply: not handed over
            if ('reject' in verdict) {
              const error = Object.assign(new Error(verdict.reject.message), {
                responseCode: verdict.reject.code,
              });
              return callback(error);
            }
            const parsed = await simpleParser(raw);
            const messageId = parsed.messageId ?? null;
            const earlier = messageId ? kept.find((m) => m.messageId === messageId) : undefined;
            const mail: CaughtMail = {
              id: nextId++,
              messageId,
              duplicateOf: earlier?.id ?? null,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              receivedAt: new Date().toISOString(),
              raw,
            };
            kept.push(mail);
            if (kept.length > limit) kept.shift();
            callback(null, `queued as ${mail.id}`);
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  smtp.on('error', (error) => console.error(`mail catcher: ${error.message}`));
  smtp.listen(options.smtpPort, host);
  await once(smtp.server, 'listening');

  let http: Server | null = null;
  if (options.httpPort !== undefined) {
    http = createServer((req, res) => serveHttp(req, res, kept));
    http.listen(options.httpPort, host);
    await once(http, 'listening');
  }

  return {
    smtpPort: options.smtpPort,
    httpUrl: http ? `http://${host}:${options.httpPort}` : null,
    messages: () => [...kept],
    attempts: () => attempts,
    connections: () => open,
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (http) await new Promise<void>((resolve) => http!.close(() => resolve()));
    },
  };
}

function serveHttp(req: IncomingMessage, res: ServerResponse, kept: CaughtMail[]): void {
  const url = new URL(req.url ?? '/', 'http://catcher');
  if (url.pathname === '/health') return send(res, 200, 'application/json', '{"status":"ok"}');
  if (url.pathname === '/messages') {
    const summary = kept.map(({ raw: _raw, ...rest }) => rest);
    return send(res, 200, 'application/json', JSON.stringify(summary));
  }
  const raw = /^\/messages\/(\d+)\.eml$/.exec(url.pathname);
  if (raw) {
    const mail = kept.find((m) => m.id === Number(raw[1]));
    return mail
      ? send(res, 200, 'message/rfc822', mail.raw)
      : send(res, 404, 'text/plain', 'no such message');
  }
  if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', page(kept));
  send(res, 404, 'text/plain', 'not found');
}

function page(kept: CaughtMail[]): string {
  const rows = [...kept]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${m.id}</td><td>${esc(m.receivedAt)}</td><td>${esc(m.to.join(', '))}</td>` +
        `<td><a href="/messages/${m.id}.eml">${esc(m.subject)}</a></td>` +
        `<td>${m.duplicateOf ? `repeat of #${m.duplicateOf}` : ''}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Yiqiao mail catcher</title></head><body style="font-family: sans-serif">
<h1>Mail sent by the local stack (${kept.length})</h1>
<table border="1" cellpadding="4"><tr><th>#</th><th>received</th><th>to</th><th>subject (.eml)</th><th></th></tr>
${rows}</table><p>JSON: <a href="/messages">/messages</a></p></body></html>`;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

if (require.main === module) {
  const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025);
  const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 1080);
  startMailCatcher({ smtpPort, httpPort }).then(
    (catcher) => {
      console.log(`mail catcher: SMTP on 127.0.0.1:${smtpPort}, messages at ${catcher.httpUrl}`);
      const stop = () => void catcher.close().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (error: unknown) => {
      console.error('mail catcher failed to start:', error);
      process.exit(1);
    },
  );
}
