import type { Redis } from 'ioredis';
import { roomKeys } from './room-log-scripts.ts';

// Takes a sending room's mail into a room's inbox, in the sender's order and once. KEYS: head, inbox, senders.
// ARGV: sending room, keepMs, then for each mail: seq, the seq of the sender's previous mail to this room (0: none),
// payload. Returns a code for each: 1 taken; 0 already taken (a resend after a failover); -1 no such room; -2 an
// earlier one is missing (resend). A room that is failing over keeps its head, so its mail waits in its inbox for the
// rebuilt room. A sender the inbox has no number for (its first mail, or a Redis restarted empty) is taken as it
// comes: the receiver's own count, in its log's head, still keeps it from delivering a mail twice.
const POST = `
local codes = {}
if redis.call('EXISTS', KEYS[1]) == 0 then
  for i = 3, #ARGV, 3 do codes[#codes + 1] = -1 end
  return codes
end
local seen = redis.call('HGET', KEYS[3], ARGV[1])
for i = 3, #ARGV, 3 do
  local code = 1
  if seen then
    if tonumber(ARGV[i]) <= tonumber(seen) then code = 0 elseif tonumber(seen) ~= tonumber(ARGV[i + 1]) then code = -2 end
  end
  if code == 1 then
    redis.call('XADD', KEYS[2], '*', 'mail', ARGV[i + 2])
    seen = ARGV[i]
  end
  codes[#codes + 1] = code
end
if seen then redis.call('HSET', KEYS[3], ARGV[1], seen) end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[3], ARGV[2])
return codes`;

// Returns an error to a sending room's inbox, if that room still exists. KEYS: head, inbox. ARGV: payload, keepMs.
const BOUNCE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('XADD', KEYS[2], '*', 'error', ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1`;

/** The mail scripts on one Redis connection. */
export interface MailCommands {
  /** Sends mail to room `to`, in order, in one call: a code for each (see POST). */
  post(to: string, from: string, mails: readonly { seq: number; prev: number; payload: string }[], keepMs: number): Promise<number[]>;
  bounce(to: string, payload: string, keepMs: number): Promise<number>;
}

type Scripted = Redis & Record<'loomPost' | 'loomBounce', (...args: (string | number)[]) => Promise<unknown>>;

/** Defines the mail scripts on `redis` (once per connection) and returns them, typed. */
export function mailCommands(redis: Redis): MailCommands {
  const scripted = redis as Scripted;
  if (typeof scripted.loomPost !== 'function') {
    redis.defineCommand('loomPost', { numberOfKeys: 3, lua: POST });
    redis.defineCommand('loomBounce', { numberOfKeys: 2, lua: BOUNCE });
  }
  return {
    post: async (to, from, mails, keepMs) => {
      const keys = roomKeys(to);
      const args = mails.flatMap(({ seq, prev, payload }) => [seq, prev, payload]);
      return ((await scripted.loomPost(keys.head, keys.inbox, keys.senders, from, keepMs, ...args)) as number[]).map(Number);
    },
    bounce: async (to, payload, keepMs) => {
      const keys = roomKeys(to);
      return Number(await scripted.loomBounce(keys.head, keys.inbox, payload, keepMs));
    },
  };
}
