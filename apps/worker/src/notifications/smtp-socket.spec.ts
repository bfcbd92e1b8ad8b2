import net from 'node:net';
import { once } from 'node:events';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { calendarInvite, renderMessage } from '@yiqiao/notifications';
import { freePort, messageContextFixture } from '@yiqiao/testing';
import { startMailCatcher } from '../../../../infra/dev/mail-catcher';
import { EmailChannel } from './email-channel';
import { smtpSocketWithoutDelay } from './smtp-socket';

type SocketResult = { error: Error | null; socketOptions: { connection?: net.Socket } | null };

function openSocket(options: SMTPPool.Options, timeoutMs = 5_000): Promise<SocketResult> {
  return new Promise((resolve) =>
    smtpSocketWithoutDelay(timeoutMs)(options, (error, socketOptions: SocketResult['socketOptions']) =>
      resolve({ error, socketOptions }),
    ),
  );
}

const context = messageContextFixture({
  email: 'patient@example.org',
  fullName: 'Анна Петрова',
  locale: 'ru',
  timeZone: 'Europe/Moscow',
});

describe('smtpSocketWithoutDelay', () => {
  afterEach(() => jest.restoreAllMocks());

  it('hands nodemailer a socket connected to the SMTP host, with Nagle off', async () => {
    const server = net.createServer((socket) => socket.end());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    const setNoDelay = jest.spyOn(net.Socket.prototype, 'setNoDelay');
    try {
      const { error, socketOptions } = await openSocket({ pool: true, host: '127.0.0.1', port });
      expect(error).toBeNull();
      const socket = socketOptions?.connection;
      expect(socket?.remotePort).toBe(port);
      expect(setNoDelay.mock.contexts).toContain(socket);
      expect(setNoDelay.mock.calls.every(([enable]) => enable === true)).toBe(true);
      socket?.destroy();
    } finally {
      server.close();
    }
  });

  it('hands back no socket when nothing listens, so nodemailer connects (and fails) by itself', async () => {
    const port = await freePort();
    const { error, socketOptions } = await openSocket({ pool: true, host: '127.0.0.1', port });
    expect(error).toBeNull();
    expect(socketOptions).toBe(false);
  });

  it('rejects every message queued on the pool when the SMTP server is down (none is left hanging)', async () => {
    const channel = new EmailChannel({
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
      from: 'Yiqiao <no-reply@yiqiao.test>',
      timeoutMs: 5_000,
      maxConnections: 2,
      maxMessages: 100,
    });
    try {
      const message = renderMessage(context, 'https://care.yiqiao.test');
      const sends = [1, 2, 3, 4].map((n) =>
        channel.send({
          deliveryId: `00000000-0000-4000-8000-00000000e00${n}`,
          context,
          message,
          invite: null,
        }),
      );
      const outcomes = await Promise.allSettled(sends);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      for (const outcome of outcomes)
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'ESOCKET' });
    } finally {
      channel.close();
    }
  });

  it('is what EmailChannel opens its pooled connections with, and carries whole e-mails over them', async () => {
    const catcher = await startMailCatcher({ smtpPort: await freePort() });
    const channel = new EmailChannel({
      smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`,
      from: 'Yiqiao <no-reply@yiqiao.test>',
      timeoutMs: 5_000,
      maxConnections: 2,
      maxMessages: 100,
    });
    const setNoDelay = jest.spyOn(net.Socket.prototype, 'setNoDelay');
    try {
      const message = renderMessage(context, 'https://care.yiqiao.test');
      const invite = calendarInvite(context, { organizerEmail: 'no-reply@yiqiao.test', link: message.link });
      expect(invite).not.toBeNull();
      const deliveryIds = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000d00${n}`);
      await Promise.all(
        deliveryIds.map((deliveryId) => channel.send({ deliveryId, context, message, invite })),
      );
      // the pooled connections (client side, towards the catcher's port) were opened with Nagle off
      const clientSockets = setNoDelay.mock.contexts.filter(
        (socket) => (socket as net.Socket).remotePort === catcher.smtpPort,
      );
      expect(clientSockets.length).toBeGreaterThan(0);
      const received = catcher.messages();
      expect(received.map((m) => m.messageId).sort()).toEqual(
        deliveryIds.map((id) => channel.messageIdFor(id)).sort(),
      );
      for (const mail of received) {
        expect(mail.subject).toBe(message.subject);
        expect(mail.raw).toContain(`X-Yiqiao-Notification: ${context.notification.id}`);
        expect(mail.raw).toContain('Content-Language: ru');
        expect(mail.raw).toContain('text/calendar');
      }
    } finally {
      channel.close();
      await catcher.close();
    }
  });
});
