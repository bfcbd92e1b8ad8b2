import net from 'node:net';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

type GetSocket = NonNullable<SMTPPool.Options['getSocket']>;

/**
 * nodemailer's `getSocket` hook: opens each pooled SMTP connection with Nagle's algorithm off, which
 * nodemailer leaves on. With it on, the small last write of every message (the end of DATA) is held
 * back until the server acknowledges the body, and the server delays that ACK (40 ms on Linux) because
 * it only answers once the message is complete: each message then costs at least 40 ms on its
 * connection whatever the load, which capped a worker at SMTP_MAX_CONNECTIONS × ~20 messages/s.
 * nodemailer still does everything else over the socket handed back (greeting, TLS for smtps:,
 * STARTTLS, AUTH, its own timeouts) and closes it.
 */
export function smtpSocketWithoutDelay(connectTimeoutMs: number): GetSocket {
  return (options, callback) => {
    const host = options.host || 'localhost';
    const port = Number(options.port) || (options.secure ? 465 : 587);
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    let settled = false;
    const settle = (connected: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('error', failed);
      if (connected) return callback(null, { connection: socket });
      socket.destroy();
      // Not an error: nodemailer's pool loses the messages queued on a connection whose getSocket
      // fails (their callbacks never run). Handing back no socket makes it connect by itself, and a
      // failure then takes its normal path: every queued message is rejected with the reason.
      callback(null, false);
    };
    const failed = () => settle(false);
    const timer = setTimeout(failed, connectTimeoutMs);
    socket.once('error', failed);
    socket.once('connect', () => settle(true));
  };
}
