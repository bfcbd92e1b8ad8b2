import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createWorker, types } from 'mediasoup';
import { SFU_CONFIG, SfuConfig } from '../config';

export type WorkerDiedListener = (dead: types.Worker, replacement: types.Worker) => void;

/**
 * One mediasoup worker per configured slot (default: one per core). A worker that dies is replaced
 * at once and listeners (the room manager) move its rooms to a live worker.
 */
@Injectable()
export class WorkerPool implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerPool.name);
  private workers: types.Worker[] = [];
  private readonly routerCounts = new Map<types.Worker, number>();
  private readonly diedListeners: WorkerDiedListener[] = [];
  private closing = false;

  constructor(@Inject(SFU_CONFIG) private readonly config: SfuConfig) {}

  async onModuleInit(): Promise<void> {
    for (let i = 0; i < this.config.MEDIASOUP_NUM_WORKERS; i++) this.workers.push(await this.spawn());
  }

  onApplicationShutdown(): void {
    this.closing = true;
    for (const worker of this.workers) worker.close();
    this.workers = [];
  }

  onWorkerDied(listener: WorkerDiedListener): void {
    this.diedListeners.push(listener);
  }

  all(): readonly types.Worker[] {
    return this.workers;
  }

  aliveCount(): number {
    return this.workers.filter((w) => !w.closed).length;
  }

  /** The live worker hosting the fewest routers (rooms). */
  leastLoaded(): types.Worker {
    const alive = this.workers.filter((w) => !w.closed);
    if (alive.length === 0) throw new Error('no live mediasoup worker');
    return alive.reduce((best, w) => (this.load(w) < this.load(best) ? w : best));
  }

  trackRouter(worker: types.Worker, router: types.Router): void {
    this.routerCounts.set(worker, this.load(worker) + 1);
    router.observer.once('close', () => this.routerCounts.set(worker, Math.max(0, this.load(worker) - 1)));
  }

  private load(worker: types.Worker): number {
    return this.routerCounts.get(worker) ?? 0;
  }

  private async spawn(): Promise<types.Worker> {
    const worker = await createWorker({
      logLevel: 'warn',
      rtcMinPort: this.config.RTC_MIN_PORT,
      rtcMaxPort: this.config.RTC_MAX_PORT,
    });
    worker.on('died', (error: Error) => void this.replace(worker, error));
    this.logger.log(`mediasoup worker ${worker.pid} started`);
    return worker;
  }

  private async replace(dead: types.Worker, error: Error): Promise<void> {
    if (this.closing) return;
    this.logger.error(`mediasoup worker ${dead.pid} died (${error.message}); starting a replacement`);
    this.routerCounts.delete(dead);
    this.workers = this.workers.filter((w) => w !== dead);
    try {
      this.workers.push(await this.spawn());
    } catch (spawnError) {
      this.logger.error(`could not start a replacement worker: ${(spawnError as Error).message}`);
    }
    if (this.aliveCount() === 0) return;
    for (const listener of this.diedListeners) listener(dead, this.leastLoaded());
  }
}
