// `node --import tsx test/support/mail-server.ts --port P --redis URL [--lease-ms N]`: a server process for the mail
// kill tests (test/server/mail-failover.test.ts), one of several sharing a Redis as `npm run server -- --redis` is.
// It hosts durable rooms of the mail game (test/support/mail-game.ts) named 'mail', each with a keeper registered as
// "keeper"; a room created with `{ to: ROOM, count: N, perTick: K }` also spawns, through its recorder (so its log
// and a rebuild have it), a poster mailing N numbered bodies to that room's keeper. A room is created on the process
// asked, so a test places each room where it wants it; a rebuild is created on the process that claimed it.
import { Server, matchMaker } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Redis } from 'ioredis';
import { DurableLoomRoom, RoomCluster, type DurableRoomSettings } from 'loom-threads/colyseus';
import { mailGame, poster, type MailSim } from './mail-game.ts';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => argv[argv.indexOf(`--${name}`) + 1];
const port = Number(option('port'));
const redis = option('redis')!;
const url = `ws://127.0.0.1:${port}`;

const settings: DurableRoomSettings<MailSim> = {
  game: mailGame,
  cluster: new RoomCluster({ redis: new Redis(redis), leaseMs: Number(option('lease-ms') ?? 3000) }),
};

/** A mail room: kept with no client in it, and posting from its creation when told where to. */
class MailRoom extends DurableLoomRoom<MailSim> {
  protected readonly settings = settings;

  override async onCreate(options: { to?: unknown; count?: unknown; perTick?: unknown; loomRebuild?: unknown } = {}): Promise<void> {
    await super.onCreate(options);
    this.autoDispose = false;
    if (options.loomRebuild !== undefined || typeof options.to !== 'string') return;
    this.session.recorder.spawn(poster, this.session.sim.world, options.to, 'keeper', Number(options.count), Number(options.perTick));
    console.log(`mail room ${this.roomId} posts ${String(options.count)} mails to room ${options.to}`);
  }
}

const server = new Server({
  transport: new WebSocketTransport(),
  greet: false,
  gracefullyShutdown: false,
  presence: new RedisPresence(redis),
  driver: new RedisDriver(redis),
  publicAddress: `127.0.0.1:${port}`,
  selectProcessIdToCreateRoom: () => Promise.resolve(matchMaker.processId),
});
server.define('mail', MailRoom);
await server.listen(port, '127.0.0.1');
settings.cluster.start();
console.log(`Loom mail test server on ${url}`);
