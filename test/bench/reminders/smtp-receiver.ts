import { once } from 'node:events';
import { SMTPServer } from 'smtp-server';

const NOTIFICATION_HEADER = /^X-Yiqiao-Notification:\s*([0-9a-f-]{36})\s*$/im;
const MESSAGE_ID_HEADER = /^Message-ID:\s*(\S+)\s*$/im;

export interface Arrival {
  at: number;
  messageId: string | null;
}

export interface SmtpReceiver {
  port: number;
  /** each notification's e-mails (arrival time, Message-ID), by notification id */
  arrivals: Map<string, Arrival[]>;
  /** messages without the notification header */
  unmatched(): number;
  close(): Promise<void>;
}

/**
 * The receiving side of the reminder bench: a real SMTP server that accepts every message and notes,
 * per X-Yiqiao-Notification header, when it arrived (after DATA, as the 250 goes out). Lighter than
 * the dev mail catcher, which parses and keeps every MIME message, so it does not steal the workers'
 * CPU while 10,000 messages arrive within a minute.
 */
export async function startSmtpReceiver(port: number): Promise<SmtpReceiver> {
  const arrivals = new Map<string, Arrival[]>();
  let unmatched = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const headers = head.split(/\r?\n\r?\n/)[0] ?? '';
        const id = NOTIFICATION_HEADER.exec(headers)?.[1];
        if (id) {
          const times = arrivals.get(id) ?? [];
          times.push({ at: Date.now(), messageId: MESSAGE_ID_HEADER.exec(headers)?.[1] ?? null });
          arrivals.set(id, times);
        } else unmatched++;
        callback(null, 'queued');
      });
    },
  });
  server.on('error', (error) => console.error(`bench smtp receiver: ${error.message}`));
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    port,
    arrivals,
    unmatched: () => unmatched,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
