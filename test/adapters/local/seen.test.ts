import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/adapters/local/rate-limit.ts';
import { createSeenSet } from '../../../src/adapters/local/seen.ts';

describe('remembering deliveries', () => {
  it('answers a delivery once for the whole TTL, by any of its keys, then forgets it', () => {
    let now = 0;
    const seen = createSeenSet(10 * 60 * 1000, 100, () => now);
    expect(seen.firstTime('event:Ev1', 'message:C1:1.0')).toBe(true);
    now += 9 * 60 * 1000;
    expect(seen.firstTime('event:Ev1')).toBe(false);
    expect(seen.firstTime('event:Ev2', 'message:C1:1.0')).toBe(false);
    now += 2 * 60 * 1000;
    expect(seen.firstTime('event:Ev1', 'message:C1:1.0')).toBe(true);
  });

  it('keeps its memory bounded, the oldest keys going first', () => {
    const seen = createSeenSet(60_000, 10, () => 0);
    for (let i = 0; i < 50; i++) seen.firstTime(`event:${i}`);
    seen.firstTime('event:last');
    expect(seen.size).toBeLessThanOrEqual(11);
    expect(seen.firstTime('event:49')).toBe(false);
  });
});

describe('the per-user rate limit', () => {
  it('allows the limit in a minute, refuses more, and allows again once the minute has passed', () => {
    let now = 0;
    const limiter = createRateLimiter(3, 60_000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.allow('U1'))).toEqual([true, true, true, false]);
    expect(limiter.allow('U2')).toBe(true);
    now += 61_000;
    expect(limiter.allow('U1')).toBe(true);
  });
});
