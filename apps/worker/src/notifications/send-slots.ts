/**
 * Bounds how many provider sends run at once in this worker. Each slot holds its own PostgreSQL
 * connection for the length of one send (see DeliveryService), so the slots also bound how many of
 * the pool's connections sends can hold.
 */
export class SendSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
