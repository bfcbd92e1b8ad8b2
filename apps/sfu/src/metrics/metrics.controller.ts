import { Controller, Get, Header } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { WorkerPool } from '../media/worker-pool.service';
import { LoadSampler } from '../registry/load-sampler.service';

/** Prometheus metrics: rooms, peers, consumers, producers, workers and their CPU. */
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();

  constructor(sampler: LoadSampler, pool: WorkerPool) {
    const registers = [this.registry];
    new Gauge({
      name: 'sfu_rooms',
      help: 'Consultation rooms hosted on this node',
      registers,
      collect() {
        this.set(sampler.counts().rooms);
      },
    });
    new Gauge({
      name: 'sfu_peers',
      help: 'Participants connected, by status',
      labelNames: ['status'],
      registers,
      collect() {
        const { peers, waiting } = sampler.counts();
        this.set({ status: 'in_call' }, peers - waiting);
        this.set({ status: 'waiting' }, waiting);
      },
    });
    new Gauge({
      name: 'sfu_consumers',
      help: 'mediasoup consumers (streams forwarded to receivers)',
      registers,
      collect() {
        this.set(sampler.counts().consumers);
      },
    });
    new Gauge({
      name: 'sfu_producers',
      help: 'mediasoup producers (streams sent by participants)',
      registers,
      collect() {
        this.set(sampler.counts().producers);
      },
    });
    new Gauge({
      name: 'sfu_workers_alive',
      help: 'Live mediasoup worker processes',
      registers,
      collect() {
        this.set(pool.aliveCount());
      },
    });
    new Gauge({
      name: 'sfu_worker_cpu_percent',
      help: 'Mean CPU use of the mediasoup workers since the previous scrape or registry report',
      registers,
      async collect() {
        this.set(await sampler.workerCpuPercent());
      },
    });
    new Gauge({
      name: 'sfu_worker_cpu_seconds',
      help: 'CPU seconds used by each mediasoup worker process (getResourceUsage)',
      labelNames: ['pid'],
      registers,
      collect() {
        this.reset();
        for (const [pid, seconds] of sampler.cpuSecondsByPid) this.set({ pid: String(pid) }, seconds);
      },
    });
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
