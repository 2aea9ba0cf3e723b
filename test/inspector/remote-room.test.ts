// RemoteRoom's requests: what it asks the endpoint for and when, and what it says when the room is gone. The
// endpoint is a function standing in for fetch, answering with real snapshots of an engine; timers are vitest's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../../engine/index.ts';
import { takeSnapshot } from '../../inspector/feed-snapshot.ts';
import { listRooms, RemoteRoom } from '../../inspector/remote-room.ts';
import { ScriptTimeWindow } from '../../inspector/script-time-window.ts';
import { createTestEngine } from '../helpers.ts';

function endpoint() {
  const { engine, steps } = createTestEngine();
  engine.spawn(function* patrol() {
    for (;;) yield* sleep(1);
  });
  steps(1);
  const recent = new ScriptTimeWindow(engine);
  const asked: string[] = [];
  let open = true;
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    if (!open) return new Response('{"error":"no inspectable room r1 (closed, or not defined with inspect)"}', { status: 404 });
    const thread = new URL(url).searchParams.get('thread');
    return Response.json(takeSnapshot(engine, recent, { selected: thread === null ? null : Number(thread) }));
  }) as typeof globalThis.fetch;
  return { engine, steps, asked, fetch, close: () => (open = false) };
}

describe('RemoteRoom: asking the inspection endpoint', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('asks for nothing until the panel opens (accounting enabled), then every everyMs after the last answer, until it closes', async () => {
    const server = endpoint();
    const room = new RemoteRoom('http://127.0.0.1:2568', 'r1', { fetch: server.fetch, everyMs: 250 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.asked).toEqual([]);
    room.accounting.enabled = true;
    await vi.advanceTimersByTimeAsync(0);
    expect(server.asked).toEqual(['http://127.0.0.1:2568/rooms/r1']);
    expect(room.threads().map((thread) => thread.label)).toEqual(['#1 patrol']);
    await vi.advanceTimersByTimeAsync(249);
    expect(server.asked).toHaveLength(1);
    room.follow(room.threads()[0]!);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.asked).toEqual(['http://127.0.0.1:2568/rooms/r1', 'http://127.0.0.1:2568/rooms/r1?thread=1']);
    expect(room.threads()[0]!.scriptStack?.frames.map((frame) => frame.name)).toEqual(['patrol']);
    room.accounting.enabled = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.asked).toHaveLength(2);
  });

  it('says why when the room is gone, naming it and the endpoint, keeps what it showed, and asks no more', async () => {
    const server = endpoint();
    const room = new RemoteRoom('http://127.0.0.1:2568', 'r1', { fetch: server.fetch, everyMs: 250 });
    room.accounting.enabled = true;
    await vi.advanceTimersByTimeAsync(0);
    expect([room.problem, room.closed]).toEqual([null, false]);
    server.close();
    await vi.advanceTimersByTimeAsync(250);
    expect(room.problem).toBe('room r1 at http://127.0.0.1:2568: 404 {"error":"no inspectable room r1 (closed, or not defined with inspect)"}');
    expect(room.closed).toBe(true);
    expect(room.threads().map((thread) => thread.label)).toEqual(['#1 patrol']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.asked).toHaveLength(2);
  });

  it('lists rooms, and names the address when the endpoint refuses', async () => {
    const rooms = [{ roomId: 'r1', name: 'arena', clients: 2, tick: 40, threads: 18 }];
    const answering = (async () => Response.json({ rooms })) as typeof globalThis.fetch;
    expect(await listRooms('http://127.0.0.1:2568', answering)).toEqual(rooms);
    const refusing = (async () => new Response('{"error":"origin x may not read the inspection endpoint"}', { status: 403 })) as typeof globalThis.fetch;
    await expect(listRooms('http://127.0.0.1:2568', refusing)).rejects.toThrow(
      'http://127.0.0.1:2568/rooms: 403 {"error":"origin x may not read the inspection endpoint"}',
    );
  });
});
