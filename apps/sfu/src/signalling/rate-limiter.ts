/** Token bucket: `ratePerSecond` sustained, bursts up to twice that. */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.capacity = ratePerSecond * 2;
    this.tokens = this.capacity;
    this.last = now();
  }

  tryTake(): boolean {
    const current = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((current - this.last) / 1000) * this.ratePerSecond);
    this.last = current;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
