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
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { DELIVERY_CHANNELS, DeliveryChannel } from './channel';
import { Claim, DeliveryStore } from './delivery-store';

const RECORD_SENT_ATTEMPTS = 5;

export type DeliveryOutcome = { done: true } | { done: false; reason: string };

/**
 * Delivers one notification on each of its channels, at most once per channel: a delivery is claimed
 * in PostgreSQL before the provider is called and marked sent right after it accepted.
 *
 * A worker killed before the provider accepted (e.g. mid SMTP transaction, before the 250 reply)
 * has handed nothing over: once its lease expires the delivery is claimed again and sent once.
 * The one window left: a worker that dies after the provider accepted but before its single UPDATE
 * to 'sent' reached PostgreSQL (milliseconds). Its lease expires and the message is sent again, with
 * the same Message-ID (SMTP) or Idempotency-Key (SMS), so receivers and providers can drop the repeat.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly store: DeliveryStore;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(DELIVERY_CHANNELS) private readonly channels: DeliveryChannel[],
  ) {
    this.store = new DeliveryStore(db);
  }

  async deliver(notificationId: string): Promise<DeliveryOutcome> {
    const context = await loadMessageContext(this.db, notificationId);
    if (!context || context.notification.status !== 'pending') return { done: true };
    const stale = staleReason(context);
    if (stale) {
      await this.store.finishNotification(notificationId, stale.status, stale.reason);
      return { done: true };
    }
    const channels = this.channels.filter((c) => c.appliesTo(context));
    await this.store.ensure(
      notificationId,
      channels.map((c) => c.name),
    );
    const message = renderMessage(context, this.config.PUBLIC_WEB_URL);
    const invite = calendarInvite(context, { organizerEmail: this.organizerEmail(), link: message.link });

    for (const delivery of await this.store.list(notificationId)) {
      if (delivery.state === 'sent' || delivery.state === 'failed') continue;
      const channel = channels.find((c) => c.name === delivery.channel);
      if (!channel) {
        await this.store.abandon(delivery.id, `the ${delivery.channel} channel is not available`);
        continue;
      }
      const claim = await this.store.claim(delivery.id, this.config.DELIVERY_LEASE_MS);
      if (!claim) continue; // sent meanwhile, or another worker holds a live lease
      let providerId: string | null;
      try {
        providerId = await channel.send({ deliveryId: delivery.id, context, message, invite });
      } catch (error) {
        const final = claim.attempts >= this.config.DELIVERY_MAX_ATTEMPTS;
        const reason = error instanceof Error ? error.message : String(error);
        await this.store.markFailedAttempt(claim, reason, final);
        this.logger.warn(
          `${delivery.channel} delivery of ${notificationId} failed (attempt ${claim.attempts}${final ? ', giving up' : ''}): ${reason}`,
        );
        continue;
      }
      await this.recordSent(claim, providerId);
    }

    const deliveries = await this.store.list(notificationId);
    const open = deliveries.filter((d) => d.state === 'pending' || d.state === 'sending');
    if (open.length)
      return { done: false, reason: `${open.map((d) => d.channel).join(', ')} not delivered yet` };
    const failure = await this.store.failureSummary(notificationId);
    await this.store.finishNotification(notificationId, failure ? 'failed' : 'sent', failure);
    return { done: true };
  }

  /**
   * The provider has the message: recording that must not turn into "failed, send again". A short
   * PostgreSQL outage is ridden out here; a longer one leaves the delivery 'sending' until its lease
   * expires (the documented window, with the same Message-ID on the repeat).
   */
  private async recordSent(claim: Claim, providerId: string | null): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await this.store.markSent(claim, providerId))) {
          this.logger.warn(`delivery ${claim.deliveryId} was sent after its lease had been taken over`);
        }
        return;
      } catch (error) {
        if (attempt >= RECORD_SENT_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }

  private organizerEmail(): string {
    return /<([^>]+)>$/.exec(this.config.MAIL_FROM)?.[1] ?? this.config.MAIL_FROM;
  }
}

/** A reminder after the start is no use; nothing but the cancellation goes out for a cancelled visit. */
function staleReason(context: MessageContext): { status: 'failed' | 'cancelled'; reason: string } | null {
  const { notification, consultation } = context;
  if (!consultation) return null;
  if (consultation.status === 'cancelled' && notification.kind !== 'cancelled') {
    return { status: 'cancelled', reason: 'consultation cancelled' };
  }
  if (notification.kind === 'reminder' && consultation.startsAt.getTime() <= Date.now()) {
    return { status: 'failed', reason: TOO_LATE_REASON };
  }
  return null;
}
