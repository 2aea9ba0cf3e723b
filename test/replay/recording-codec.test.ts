import { describe, expect, it } from 'vitest';
import { RECORDING_VERSION, RecordingError, decodeRecording, encodeRecording, type HostEvent, type Recording } from '../../engine/index.ts';

const recording: Recording = {
  version: RECORDING_VERSION,
  header: { seed: 7, tickRate: 60, checkpointEvery: 2, traceEvery: 4, inputSize: 3, meta: { swarm: 500, wave: 1 } },
  ticks: 9,
  events: [
    { tick: 0, type: 'spawn', script: 'game', args: [{ $ref: 'world' }, 3, 'x'] },
    { tick: 0, type: 'input', values: [17, 6080, 2800] },
    { tick: 1, type: 'input', values: [17, 6075, -12] },
    { tick: 3, type: 'send', thread: 1, message: { to: { $thread: 2 }, n: [1.5, null, true] } },
    { tick: 3, type: 'spawn', script: 'boss', name: 'big', detached: true, args: [] },
    { tick: 4, type: 'emit', signal: 'game.restart', value: { $undefined: 1 } },
    { tick: 5, type: 'cancel', thread: 2 },
    { tick: 5, type: 'pause', paused: true },
    { tick: 6, type: 'timeScale', scale: 0.25 },
    { tick: 6, type: 'input', values: [0, 6075, -12] },
  ],
  checkpoints: [
    { tick: 2, hash: '0123456789abcdef', threads: null },
    {
      tick: 4,
      hash: 'fedcba9876543210',
      threads: {
        changed: [
          { id: 1, name: 'game', state: 'waiting', frames: 'game', waitingOn: 'signal game.restart', since: 1 },
          { id: 9, name: 'grunt', state: 'ready', frames: 'grunt > patrol', waitingOn: '', since: 4 },
        ],
        ended: [2, 5],
      },
    },
    { tick: 6, hash: '00000000ffffffff', threads: null },
    { tick: 8, hash: '1111111122222222', threads: { changed: [], ended: [9] } },
  ],
};

function decodeError(bytes: Uint8Array): string {
  try {
    decodeRecording(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(RecordingError);
    return (error as Error).message;
  }
  throw new Error('decoded');
}

describe('recording format', () => {
  it('reads back exactly what it wrote', () => {
    expect(decodeRecording(encodeRecording(recording))).toEqual(JSON.parse(JSON.stringify(recording)));
  });

  it('keeps an unchanged input slot out of an input event: one byte of tick, one of op and mask, then the changes', () => {
    const header = { ...recording.header, meta: { note: 'x'.repeat(100) } };
    const first: HostEvent = { tick: 0, type: 'input', values: [1, 0, 0] };
    const one: Recording = { ...recording, header, events: [first], checkpoints: [] };
    const two: Recording = { ...one, events: [first, { tick: 1, type: 'input', values: [1, 0, 1] }] };
    expect(encodeRecording(one).length).toBeGreaterThan(128); // so both have a two-byte length field
    expect(encodeRecording(two).length - encodeRecording(one).length).toBe(3);
  });

  it('names an older format version instead of misreading it', () => {
    const bytes = encodeRecording(recording);
    bytes[4] = RECORDING_VERSION - 1;
    expect(decodeError(bytes)).toBe(
      `the recording has an older format version (${RECORDING_VERSION - 1}); this build reads version ${RECORDING_VERSION} only: record it again with this build`,
    );
  });

  it('says a cut-short recording is truncated, wherever it is cut', () => {
    const bytes = encodeRecording(recording);
    for (let length = 5; length < bytes.length; length++) {
      expect(decodeError(bytes.slice(0, length))).toMatch(/^the recording is truncated/);
    }
    expect(decodeError(bytes.slice(0, 5))).toMatch(/^the recording is truncated: it ends inside its format version/);
  });

  it('says a recording with any byte changed is corrupted', () => {
    const bytes = encodeRecording(recording);
    const messages = new Set<string>();
    for (let i = 5; i < bytes.length; i++) {
      const damaged = bytes.slice();
      damaged[i]! ^= 0x20;
      messages.add(decodeError(damaged));
    }
    expect([...messages]).toEqual(['the recording is corrupted: its checksum does not match its contents']);
  });

  it('says what is wrong with bytes that carry a valid checksum but are malformed', () => {
    const badSeed = { ...recording, header: { ...recording.header, seed: -1 } };
    expect(decodeError(encodeRecording(badSeed))).toBe('the recording is corrupted: its header is malformed');
    const badStep = { ...recording, header: { ...recording.header, traceEvery: 3 } };
    expect(decodeError(encodeRecording(badStep))).toBe('the recording is corrupted: its header is malformed');
  });

  it('says a file that is not a recording is not one', () => {
    expect(decodeError(new TextEncoder().encode('{"ticks": 12}'))).toBe('this is not a Loom recording (it does not start with "LOOM")');
    expect(decodeError(new Uint8Array())).toBe('this is not a Loom recording (it does not start with "LOOM")');
  });
});
