import { expect, it, describe } from 'vitest';
import { redisAnswers, startLocalRedis } from '../../server/local-redis.ts';
import { REDIS_INSTALL_HINT, describeRedis, freePort, redisTestMode } from '../support/redis.ts';

describe('whether Redis tests run', () => {
  it('run with redis-server, skip naming how to install it without, and fail instead when required', () => {
    expect(redisTestMode('/usr/bin/redis-server', false)).toEqual({ kind: 'run' });
    expect(redisTestMode(null, false)).toEqual({ kind: 'skip', message: REDIS_INSTALL_HINT });
    const required = redisTestMode(null, true);
    expect(required.kind).toBe('fail');
    expect(required.kind === 'fail' && required.message).toContain('apt-get install -y redis-server');
  });
});

describeRedis('a local Redis for tests and npm run server:cluster', () => {
  it('answers once started, and not once stopped by its pid', async () => {
    const port = await freePort();
    expect(await redisAnswers(port)).toBe(false);
    const redis = await startLocalRedis(port);
    try {
      expect(await redisAnswers(port)).toBe(true);
      expect(redis.url).toBe(`redis://127.0.0.1:${port}`);
    } finally {
      await redis.stop();
    }
    expect(await redisAnswers(port)).toBe(false);
  }, 20_000);
});
