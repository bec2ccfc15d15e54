import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  connectRedis,
  type RedisLink,
  redisChangeSignal,
  redisConversations,
  redisDeliveryLog,
  redisRateLimiter,
} from '../../../src/adapters/redis/redis.ts';
import { type RunningServer, startRedis } from '../../support/servers.ts';

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('Redis, shared by several instances', () => {
  let a: RedisLink;
  let b: RedisLink;
  beforeAll(async () => {
    a = connectRedis(redisUrl, () => undefined);
    b = connectRedis(redisUrl, () => undefined);
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('answers a delivery once across instances, and keeps it at least 10 minutes', async () => {
    const first = redisDeliveryLog(a);
    const second = redisDeliveryLog(b);
    const key = `event:T0MISSION:Ev${Date.now()}`;
    const outcomes = await Promise.all([
      first.firstTime(key, 'message:x'),
      second.firstTime(key, 'message:x'),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await second.firstTime(key)).toBe(false);
    // A delivery seen by one of its keys only is the same delivery.
    expect(await first.firstTime(`other-${key}`, 'message:x')).toBe(false);
    expect(await a.client.ttl(`quotes:delivery:${key}`)).toBeGreaterThanOrEqual(600);
  });

  it('holds the rate limit across instances', async () => {
    const one = redisRateLimiter(a, 3);
    const two = redisRateLimiter(b, 3);
    const key = `rate:T0MISSION:U${Date.now()}`;
    const allowed = [await one.allow(key), await two.allow(key), await one.allow(key), await two.allow(key)];
    expect(allowed).toEqual([true, true, true, false]);
    expect(await one.allow(`${key}-other`)).toBe(true);
  });

  it('tells every instance that the archive changed', async () => {
    const listening = redisChangeSignal(b);
    const telling = redisChangeSignal(a);
    let heard = 0;
    listening.subscribe(() => heard++);
    // The subscription is made as the signal is created; give it a moment to be in place.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await telling.announce();
    const deadline = Date.now() + 5000;
    while (heard === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toBe(1);
    listening.close();
    telling.close();
  });
});

describe.skipIf(!redisUrl)('Redis out of reach', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps answering (once per instance), logs the degradation once a minute, and recovers', async () => {
    const warnings: string[] = [];
    const link = connectRedis(server.url, (message) => warnings.push(message));
    expect(await link.ready()).toBe(true);
    const log = redisDeliveryLog(link);
    const limiter = redisRateLimiter(link, 2);
    expect(await log.firstTime('event:T1:Ev1')).toBe(true);
    server.kill();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Fails open, to this instance's memory: a new delivery is answered, a retry is not.
    expect(await log.firstTime('event:T1:Ev2')).toBe(true);
    expect(await log.firstTime('event:T1:Ev2')).toBe(false);
    expect(await log.firstTime('event:T1:Ev1')).toBe(false);
    expect(await limiter.allow('rate:T1:U1')).toBe(true);
    const down = warnings.filter((w) => w.startsWith('Redis is out of reach'));
    expect(down).toHaveLength(1);
    await server.restart();
    const deadline = Date.now() + 10_000;
    while (link.client.status !== 'ready' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(link.client.status).toBe('ready');
    expect(warnings.at(-1)).toContain('Redis is back');
    expect(await log.firstTime('event:T1:Ev3')).toBe(true);
    await link.close();
  });

  it('goes on without a hung Redis after a short timeout, says so, and notices when it answers again', async () => {
    const states: boolean[] = [];
    const link = connectRedis(server.url, () => undefined, { onState: (down) => states.push(down) });
    expect(await link.ready()).toBe(true);
    const log = redisDeliveryLog(link);
    const limiter = redisRateLimiter(link, 5);
    const conversations = redisConversations(link);
    server.pause!();
    try {
      // Each answers from this instance's own memory once the command times out: none hangs.
      expect(await log.firstTime('event:T1:Hung1')).toBe(true);
      expect(await log.firstTime('event:T1:Hung1')).toBe(false);
      expect(await limiter.allow('rate:T1:UHUNG')).toBe(true);
      await conversations.remember('T1:D1:', 'a-statement');
      expect(await conversations.recall('T1:D1:')).toBe('a-statement');
      expect(states).toEqual([true]);
    } finally {
      server.resume!();
    }
    const deadline = Date.now() + 10_000;
    while (states.at(-1) !== false && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(states).toEqual([true, false]);
    await link.close();
  });
});
