import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst of twice the rate, then refuses until tokens refill', () => {
    let now = 0;
    const limiter = new RateLimiter(5, () => now);
    const burst = Array.from({ length: 12 }, () => limiter.tryTake());
    expect(burst.filter(Boolean)).toHaveLength(10);
    now += 1000;
    expect(Array.from({ length: 6 }, () => limiter.tryTake()).filter(Boolean)).toHaveLength(5);
  });
});
