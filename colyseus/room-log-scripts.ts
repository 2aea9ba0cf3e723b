import type { Redis } from 'ioredis';

/** A room's keys in Redis. The `{roomId}` hash tag keeps them in one slot, so the scripts also run on a Redis Cluster. */
export interface RoomKeys {
  /** The lease: the owner's token, with an expiry the owner renews with every append. */
  lease: string;
  /** The room's head: name, recording header, last owner, tick, counts of events and checkpoints, seats. */
  head: string;
  /** The stream of chunks: each an encoded recording of what happened since the previous one. */
  log: string;
  /** The stream of mail from other rooms not yet delivered and logged (colyseus/room-mail.ts). */
  inbox: string;
  /** Each sending room's last sequence number accepted into the inbox, so mail is taken in order and once. */
  senders: string;
}

/** The hash that lists every room with a log (room id to room name): what the failover scan reads. */
export const ROOM_INDEX = 'loom:rooms';

/** The keys of room `roomId`. */
export function roomKeys(roomId: string): RoomKeys {
  const key = (part: string) => `loom:{${roomId}}:${part}`;
  return { lease: key('lease'), head: key('head'), log: key('log'), inbox: key('inbox'), senders: key('senders') };
}

// Creates a room's head and takes its lease, unless the room already has a head. ARGV: owner, leaseMs, name, header,
// keepMs. Returns 1, or 0 when the head exists.
const CREATE = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('HSET', KEYS[2], 'name', ARGV[3], 'header', ARGV[4], 'owner', ARGV[1], 'tick', 0, 'events', 0, 'checkpoints', 0, 'seats', '[]')
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1`;

// Takes over a room whose lease has lapsed. ARGV: owner, leaseMs. Returns the previous owner, or false when the
// room has no head or its lease is held.
const CLAIM = `
if redis.call('EXISTS', KEYS[2]) == 0 then return false end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
local previous = redis.call('HGET', KEYS[2], 'owner')
redis.call('HSET', KEYS[2], 'owner', ARGV[1])
return previous`;

// Appends a chunk under the lease, renewing it and keeping the room's inbox as long as its log (a sender's last
// number taken must outlive a quiet spell, or its next mail would look out of order). ARGV: owner, leaseMs, tick, events before, events after,
// checkpoints before, checkpoints after, chunk ('' for none), seats ('' when unchanged), keepMs, mail state ('' when
// unchanged: it is written with the deliveries it counts, so a rebuild neither loses nor repeats one).
// Returns {1} appended; {0} another owner has the room; {-1} Redis has lost the room (restarted empty);
// {-2, events, checkpoints} the log holds other counts than the chunk follows (resend from there).
// A lapsed lease that nobody took is taken back: the head still names this owner, so no one has rebuilt the room.
const APPEND = `
local lease = redis.call('GET', KEYS[1])
if lease ~= ARGV[1] then
  if lease then return {0} end
  if redis.call('EXISTS', KEYS[2]) == 0 then return {-1} end
  if redis.call('HGET', KEYS[2], 'owner') ~= ARGV[1] then return {0} end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local events = tonumber(redis.call('HGET', KEYS[2], 'events'))
local checkpoints = tonumber(redis.call('HGET', KEYS[2], 'checkpoints'))
if events ~= tonumber(ARGV[4]) or checkpoints ~= tonumber(ARGV[6]) then return {-2, events, checkpoints} end
if ARGV[8] ~= '' then redis.call('XADD', KEYS[3], '*', 'chunk', ARGV[8]) end
redis.call('HSET', KEYS[2], 'tick', ARGV[3], 'events', ARGV[5], 'checkpoints', ARGV[7])
if ARGV[9] ~= '' then redis.call('HSET', KEYS[2], 'seats', ARGV[9]) end
if ARGV[11] ~= '' then redis.call('HSET', KEYS[2], 'mail', ARGV[11]) end
redis.call('PEXPIRE', KEYS[2], ARGV[10])
redis.call('PEXPIRE', KEYS[3], ARGV[10])
redis.call('PEXPIRE', KEYS[4], ARGV[10])
redis.call('PEXPIRE', KEYS[5], ARGV[10])
return {1}`;

// Deletes a room's lease, head, log and inbox if this owner holds it. ARGV: owner. Returns 1, or 0 when another owner does.
const DELETE = `
local lease = redis.call('GET', KEYS[1])
if lease and lease ~= ARGV[1] then return 0 end
if not lease and redis.call('HGET', KEYS[2], 'owner') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
return 1`;

// Gives up the lease, keeping the head and log, if this owner holds it (a room handed over). ARGV: owner. Returns 1 or 0.
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`;

/** The room log's scripts on one Redis connection (loaded once; sent by their SHA after that). */
export interface RoomLogCommands {
  create(keys: RoomKeys, owner: string, leaseMs: number, name: string, header: string, keepMs: number): Promise<number>;
  claim(keys: RoomKeys, owner: string, leaseMs: number): Promise<string | null>;
  append(keys: RoomKeys, args: (string | number | Buffer)[]): Promise<number[]>;
  remove(keys: RoomKeys, owner: string): Promise<number>;
  release(keys: RoomKeys, owner: string): Promise<number>;
}

type Scripted = Redis & Record<'loomCreate' | 'loomClaim' | 'loomAppend' | 'loomDelete' | 'loomRelease', (...args: (string | number | Buffer)[]) => Promise<unknown>>;

/** Defines the scripts on `redis` (once per connection) and returns them, typed. */
export function roomLogCommands(redis: Redis): RoomLogCommands {
  const scripted = redis as Scripted;
  if (typeof scripted.loomRelease !== 'function') {
    redis.defineCommand('loomCreate', { numberOfKeys: 2, lua: CREATE });
    redis.defineCommand('loomClaim', { numberOfKeys: 2, lua: CLAIM });
    redis.defineCommand('loomAppend', { numberOfKeys: 5, lua: APPEND });
    redis.defineCommand('loomDelete', { numberOfKeys: 5, lua: DELETE });
    redis.defineCommand('loomRelease', { numberOfKeys: 1, lua: RELEASE });
  }
  return {
    create: async (keys, owner, leaseMs, name, header, keepMs) => Number(await scripted.loomCreate(keys.lease, keys.head, owner, leaseMs, name, header, keepMs)),
    claim: async (keys, owner, leaseMs) => ((await scripted.loomClaim(keys.lease, keys.head, owner, leaseMs)) as string | null) ?? null,
    append: async (keys, args) => ((await scripted.loomAppend(keys.lease, keys.head, keys.log, keys.inbox, keys.senders, ...args)) as number[]).map(Number),
    remove: async (keys, owner) => Number(await scripted.loomDelete(keys.lease, keys.head, keys.log, keys.inbox, keys.senders, owner)),
    release: async (keys, owner) => Number(await scripted.loomRelease(keys.lease, owner)),
  };
}
