import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { Clock } from '@yiqiao/domain';
import { REDIS } from '@yiqiao/jobs';
import {
  enqueueDelivery,
  NOTIFICATION_QUEUE,
  NotificationQueue,
  removeDelivery,
  TOO_LATE_REASON,
} from '@yiqiao/notifications';
import { WORKER_CONFIG, WorkerConfig } from '../config';

export interface ReconcileResult {
  requeued: number;
  expired: number;
}

const BATCH = 500;
/** Job states in which the queue will still run the job by itself. */
const LIVE_STATES = new Set(['active', 'delayed', 'waiting', 'prioritized', 'waiting-children']);

/**
 * PostgreSQL is the truth: on start and every RECONCILE_INTERVAL_SECONDS, every pending notification
 * whose job the queue no longer holds (Redis flushed, enqueue lost, retries exhausted) is enqueued
 * again, and reminders that can no longer be useful are closed as failed. A Redis lock lets one worker
 * of many do it per interval.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(NOTIFICATION_QUEUE) private readonly queue: NotificationQueue,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running ??= this.runIfLeader()
        .catch((error: unknown) => this.logger.error(`reconcile failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.config.RECONCILE_INTERVAL_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs a pass unless another worker already did within this interval. */
  async runIfLeader(): Promise<ReconcileResult | null> {
    const ttlMs = Math.max(1000, Math.floor(this.config.RECONCILE_INTERVAL_SECONDS * 1000 * 0.9));
    const key = `${this.config.QUEUE_PREFIX}:notifications:reconciler-lock`;
    const acquired = await this.redis.set(key, randomUUID(), 'PX', ttlMs, 'NX');
    if (acquired !== 'OK') return null;
    const result = await this.reconcile();
    if (result.requeued || result.expired) {
      this.logger.log(`reconciled notifications: ${result.requeued} re-enqueued, ${result.expired} too late`);
    }
    return result;
  }

  async reconcile(): Promise<ReconcileResult> {
    const expired = await this.expireUselessReminders();
    let requeued = 0;
    let after: { dueAt: Date; id: string } | null = null;
    for (;;) {
      const rows = (await this.db.query(
        `SELECT id, due_at FROM notifications
          WHERE status = 'pending' AND ($1::timestamptz IS NULL OR (due_at, id) > ($1, $2::uuid))
          ORDER BY due_at, id LIMIT ${BATCH}`,
        [after?.dueAt ?? null, after?.id ?? null],
      )) as { id: string; due_at: Date }[];
      // A batch's job lookups go to Redis together (one round trip's wait, not BATCH of them).
      const outcomes = await Promise.all(rows.map((row) => this.requeueIfLost(row.id, new Date(row.due_at))));
      requeued += outcomes.filter(Boolean).length;
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1];
      after = { id: last.id, dueAt: new Date(last.due_at) };
    }
    return { requeued, expired };
  }

  private async requeueIfLost(id: string, dueAt: Date): Promise<boolean> {
    const state = await this.queue.getJobState(id);
    if (LIVE_STATES.has(state)) return false;
    if (state !== 'unknown') await removeDelivery(this.queue, id); // completed or failed: make room
    await enqueueDelivery(this.queue, id, dueAt);
    return true;
  }

  /** Reminders for consultations that have started; untouched ones only (nothing sent or sending). */
  private async expireUselessReminders(): Promise<number> {
    const [rows] = (await this.db.query(
      `UPDATE notifications n SET status = 'failed', failure_reason = $1, finished_at = now()
         FROM consultations c
        WHERE c.id = n.consultation_id AND n.status = 'pending' AND n.kind = 'reminder' AND c.starts_at <= $2
          AND NOT EXISTS (SELECT 1 FROM notification_deliveries d
                           WHERE d.notification_id = n.id AND d.state IN ('sending', 'sent'))
        RETURNING n.id`,
      [TOO_LATE_REASON, this.clock.now()],
    )) as [{ id: string }[], number];
    await Promise.all(rows.map((row) => removeDelivery(this.queue, row.id)));
    return rows.length;
  }
}
