import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  calendarInvite,
  loadMessageContext,
  MessageContext,
  renderMessage,
  TOO_LATE_REASON,
} from '@yiqiao/notifications';
import { Clock } from '@yiqiao/domain';
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { DELIVERY_CHANNELS, DeliveryChannel, OutgoingMessage } from './channel';
import { Claim, DeliveryRow, DeliveryStore } from './delivery-store';
import { SendSlots } from './send-slots';

const RECORD_SENT_ATTEMPTS = 5;

export type DeliveryOutcome = { done: true } | { done: false; reason: string };

/**
 * Delivers one notification on each of its channels (in parallel), at most once per channel: a
 * delivery is claimed in PostgreSQL before the provider is called and marked sent right after it
 * accepted.
 *
 * A worker killed before the message's data was complete at the provider has handed nothing over:
 * once its lease expires the delivery is claimed again and sent once.
 * The window left: the provider has the whole message (end of SMTP DATA, or the SMS request read) but
 * the worker dies before its UPDATE to 'sent' is written to PostgreSQL's socket. That is the reply's
 * trip back plus the CPU time of one event-loop turn: each provider send holds its own reserved
 * connection, and the UPDATE is issued from the callback that handles the 250 reply with no I/O wait in
 * between (no pool checkout, no timer); once written, the kernel delivers it even if the process is
 * then killed. At most SMTP_MAX_CONNECTIONS sends per worker are in flight, so a SIGKILL can repeat at
 * most that many messages (the reminder bench saw 3 of 10,000). A repeat goes out when the lease
 * expires, with the same Message-ID (SMTP) or Idempotency-Key (SMS), so receivers and providers can
 * drop it.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly store: DeliveryStore;
  private readonly sendSlots: SendSlots;
  private readonly organizerEmail: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannel[],
    private readonly clock: Clock,
  ) {
    this.store = new DeliveryStore(db);
    this.sendSlots = new SendSlots(config.SMTP_MAX_CONNECTIONS);
    this.organizerEmail = /<([^>]+)>$/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
  }

  async deliver(notificationId: string): Promise<DeliveryOutcome> {
    const context = await loadMessageContext(this.db, notificationId);
    if (!context || context.notification.status !== 'pending') return { done: true };
    const stale = staleReason(context, this.clock.now());
    if (stale) {
      await this.store.finishNotification(notificationId, stale.status, stale.reason);
      return { done: true };
    }
    const channels = this.channels.filter((c) => c.appliesTo(context));
    const deliveries = await this.store.ensureAndList(
      notificationId,
      channels.map((c) => c.name),
    );
    const message = renderMessage(context, this.config.PUBLIC_WEB_URL, {
      guestLinkSecret: this.config.GUEST_LINK_SECRET,
    });
    const invite = calendarInvite(context, { organizerEmail: this.organizerEmail, link: message.link });

    await Promise.all(
      deliveries.map((delivery) => {
        if (delivery.state === 'sent' || delivery.state === 'failed') return undefined;
        const channel = channels.find((c) => c.name === delivery.channel);
        if (!channel) {
          return this.store.abandon(delivery.id, `the ${delivery.channel} channel is not available`);
        }
        return this.deliverOne(channel, { deliveryId: delivery.id, context, message, invite });
      }),
    );

    const after = await this.store.list(notificationId);
    const open = after.filter((d) => d.state === 'pending' || d.state === 'sending');
    if (open.length)
      return { done: false, reason: `${open.map((d) => d.channel).join(', ')} not delivered yet` };
    const failure = failureSummary(after);
    await this.store.finishNotification(notificationId, failure ? 'failed' : 'sent', failure);
    return { done: true };
  }

  /** A channel without a provider (in-app) needs no slot; a provider send holds a reserved connection. */
  private async deliverOne(channel: DeliveryChannel, outgoing: OutgoingMessage): Promise<void> {
    if (!channel.callsProvider) return this.claimSendRecord(this.store, channel, outgoing);
    return this.sendSlots.run(async () => {
      const runner = this.db.createQueryRunner();
      try {
        await runner.connect();
        await this.claimSendRecord(new DeliveryStore(runner), channel, outgoing);
      } finally {
        await runner.release();
      }
    });
  }

  private async claimSendRecord(
    store: DeliveryStore,
    channel: DeliveryChannel,
    outgoing: OutgoingMessage,
  ): Promise<void> {
    const claim = await store.claim(outgoing.deliveryId, this.config.DELIVERY_LEASE_MS);
    if (!claim) return; // sent meanwhile, or another worker holds a live lease
    let providerId: string | null;
    try {
      providerId = await channel.send(outgoing);
    } catch (error) {
      const final = claim.attempts >= this.config.DELIVERY_MAX_ATTEMPTS;
      const reason = error instanceof Error ? error.message : String(error);
      await store.markFailedAttempt(claim, reason, final);
      this.logger.warn(
        `${channel.name} delivery of ${outgoing.context.notification.id} failed (attempt ${claim.attempts}${final ? ', giving up' : ''}): ${reason}`,
      );
      return;
    }
    // Nothing may be awaited between the provider's acceptance and this UPDATE (see the class comment).
    await this.recordSent(store, claim, providerId);
  }

  /**
   * The provider has the message: recording that must not turn into "failed, send again". The first
   * try goes over the reserved connection; a short PostgreSQL outage is ridden out over the pool; a
   * longer one leaves the delivery 'sending' until its lease expires (the documented window, with the
   * same Message-ID on the repeat).
   */
  private async recordSent(first: DeliveryStore, claim: Claim, providerId: string | null): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const store = attempt === 1 ? first : this.store;
        if (!(await store.markSent(claim, providerId))) {
          this.logger.warn(`delivery ${claim.deliveryId} was sent after its lease had been taken over`);
        }
        return;
      } catch (error) {
        if (attempt >= RECORD_SENT_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }
}

function failureSummary(deliveries: DeliveryRow[]): string | null {
  const failed = deliveries.filter((d) => d.state === 'failed');
  return failed.length ? failed.map((d) => `${d.channel}: ${d.last_error ?? 'failed'}`).join('; ') : null;
}

/**
 * A reminder after the start is no use; nothing but the cancellation goes out for a cancelled visit;
 * nothing at all to a guest whose invitation was withdrawn.
 */
function staleReason(
  context: MessageContext,
  now: Date,
): { status: 'failed' | 'cancelled'; reason: string } | null {
  const { notification, consultation, recipient } = context;
  if (recipient.kind === 'guest' && recipient.revoked) {
    return { status: 'cancelled', reason: 'guest invitation withdrawn' };
  }
  if (!consultation) return null;
  if (consultation.status === 'cancelled' && notification.kind !== 'cancelled') {
    return { status: 'cancelled', reason: 'consultation cancelled' };
  }
  if (
    notification.kind === 'reminder' &&
    ['in_progress', 'completed', 'no_show'].includes(consultation.status)
  ) {
    return { status: 'cancelled', reason: `consultation ${consultation.status.replace('_', ' ')}` };
  }
  if (notification.kind === 'reminder' && consultation.startsAt <= now) {
    return { status: 'failed', reason: TOO_LATE_REASON };
  }
  return null;
}
