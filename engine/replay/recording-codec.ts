import { ByteReader } from './byte-reader.ts';
import { ByteWriter } from './byte-writer.ts';
import { crc32 } from './crc32.ts';
import { RECORDING_VERSION, type Checkpoint, type HostEvent, type Recording, type RecordingHeader, type TraceChanges } from './recording.ts';
import type { RecordedValue } from './recorded-value.ts';
import { RecordingError } from './recording-error.ts';
import type { ThreadTrace } from './thread-trace.ts';

// The binary layout is described in docs/recording-format.md; keep the two in step.
const MAGIC = [0x4c, 0x4f, 0x4f, 0x4d]; // "LOOM"
const Op = { SPAWN: 1, SEND: 2, CANCEL: 3, EMIT: 4, PAUSE: 5, TIME_SCALE: 6 } as const;
/** An input event's op byte: this bit, and below it the mask of the input slots that changed. */
const INPUT = 0x80;
/** Input samples have at most this many slots: one op byte holds their change mask. */
export const MAX_INPUT_SLOTS = 7;

/**
 * Writes a recording in Loom's compact binary format: varints, input kept as changes only, strings once, thread
 * traces as changes between checkpoints, and a CRC-32 at the end.
 *
 * @example
 * ```ts
 * writeFileSync('run.loomrec', encodeRecording(recorder.recording()));
 * ```
 */
export function encodeRecording(recording: Recording): Uint8Array {
  const strings = new Map<string, number>();
  const intern = (text: string): number => {
    let index = strings.get(text);
    if (index === undefined) strings.set(text, (index = strings.size));
    return index;
  };
  const body = new ByteWriter();
  writeEvents(body, recording.events, recording.header.inputSize, intern);
  writeCheckpoints(body, recording.checkpoints, intern);
  const head = new ByteWriter();
  head.text(JSON.stringify(recording.header)).uint(recording.ticks).uint(strings.size);
  for (const text of strings.keys()) head.text(text);
  const content = new ByteWriter().raw(head.bytes()).raw(body.bytes()).bytes();
  const prefix = new ByteWriter().raw(Uint8Array.from(MAGIC)).uint(RECORDING_VERSION);
  prefix.uint(totalLength(prefix.bytes().length, content.length));
  const start = prefix.bytes();
  const out = new ByteWriter().raw(start).raw(littleEndian(crc32(start))).raw(content).bytes();
  return new ByteWriter().raw(out).raw(littleEndian(crc32(out))).bytes();
}

/**
 * Reads a recording. Anything wrong with the bytes is a {@link RecordingError} that says what: not a recording,
 * an older or newer format version, truncated, or corrupted.
 *
 * @example
 * ```ts
 * const recording = decodeRecording(readFileSync('run.loomrec'));
 * ```
 */
export function decodeRecording(bytes: Uint8Array): Recording {
  if (bytes.length < MAGIC.length || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw new RecordingError('this is not a Loom recording (it does not start with "LOOM")');
  }
  const input = new ByteReader(bytes);
  input.section = 'format version';
  for (let i = 0; i < MAGIC.length; i++) input.byte();
  const version = input.uint();
  if (version !== RECORDING_VERSION) {
    const age = version < RECORDING_VERSION ? 'an older' : 'a newer';
    throw new RecordingError(`the recording has ${age} format version (${version}); this build reads version ${RECORDING_VERSION} only: record it again with this build`);
  }
  const total = input.uint();
  const startLength = input.position;
  if (crc32(bytes, 0, startLength) !== input.u32()) throw BAD_CHECKSUM; // the length itself is damaged
  if (bytes.length < total) throw new RecordingError(`the recording is truncated: it has ${bytes.length} of its ${total} bytes`);
  if (bytes.length > total) throw new RecordingError(`the recording is corrupted: it has ${bytes.length - total} bytes past its end`);
  if (crc32(bytes, 0, total - 4) !== new ByteReader(bytes.subarray(total - 4)).u32()) throw BAD_CHECKSUM;
  return readContent(new ByteReader(bytes, { end: total - 4 }), version);
}

const BAD_CHECKSUM = new RecordingError('the recording is corrupted: its checksum does not match its contents');

function readContent(input: ByteReader, version: number): Recording {
  input.section = 'format version';
  for (let i = 0; i < MAGIC.length; i++) input.byte();
  input.uint();
  input.uint();
  input.u32();
  input.section = 'header';
  const header = parseHeader(input.text());
  const ticks = input.uint();
  input.section = 'string table';
  const strings = Array.from({ length: input.uint() }, () => input.text());
  const text = (index: number): string => {
    const found = strings[index];
    if (found === undefined) throw new RecordingError(`the recording is corrupted: string ${index} is not in its table`);
    return found;
  };
  input.section = 'events';
  const events = readEvents(input, header.inputSize, text);
  input.section = 'checkpoints';
  const checkpoints = readCheckpoints(input, text);
  if (!input.done) throw new RecordingError('the recording is corrupted: bytes are left after its checkpoints');
  return { version, header, ticks, events, checkpoints };
}

// The whole length counts its own field: find the width at which it is stable. Two checksums follow the start
// and the end.
function totalLength(startLength: number, contentLength: number): number {
  const base = startLength + 4 + contentLength + 4;
  let total = base + 1;
  while (base + new ByteWriter().uint(total).bytes().length !== total) total++;
  return total;
}

function littleEndian(word: number): Uint8Array {
  return Uint8Array.of(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24);
}

function writeEvents(out: ByteWriter, events: HostEvent[], inputSize: number, intern: (text: string) => number): void {
  out.uint(events.length);
  let tick = 0;
  let last = new Array<number>(inputSize).fill(0);
  for (const event of events) {
    out.uint(event.tick - tick);
    tick = event.tick;
    switch (event.type) {
      case 'input': {
        let mask = 0;
        for (let i = 0; i < inputSize; i++) if (event.values[i] !== last[i]) mask |= 1 << i;
        out.byte(INPUT | mask);
        for (let i = 0; i < inputSize; i++) if (mask & (1 << i)) out.sint(event.values[i]! - last[i]!);
        last = event.values;
        break;
      }
      case 'spawn':
        out.byte(Op.SPAWN).text(JSON.stringify({ script: event.script, name: event.name, detached: event.detached, args: event.args }));
        break;
      case 'send':
        out.byte(Op.SEND).uint(event.thread).text(JSON.stringify(event.message));
        break;
      case 'cancel':
        out.byte(Op.CANCEL).uint(event.thread);
        break;
      case 'emit':
        out.byte(Op.EMIT).uint(intern(event.signal)).text(JSON.stringify(event.value));
        break;
      case 'pause':
        out.byte(Op.PAUSE).byte(event.paused ? 1 : 0);
        break;
      case 'timeScale':
        out.byte(Op.TIME_SCALE).float(event.scale);
        break;
    }
  }
}

function readEvents(input: ByteReader, inputSize: number, text: (index: number) => string): HostEvent[] {
  const events: HostEvent[] = [];
  let tick = 0;
  let last = new Array<number>(inputSize).fill(0);
  for (let n = input.uint(); n > 0; n--) {
    tick += input.uint();
    const op = input.byte();
    if (op & INPUT) {
      if ((op & ~INPUT) >>> inputSize !== 0) throw corrupted(`an input event changes slots the input does not have`);
      const values = last.slice();
      for (let i = 0; i < inputSize; i++) if (op & (1 << i)) values[i]! += input.sint();
      events.push({ tick, type: 'input', values });
      last = values;
    } else if (op === Op.SPAWN) {
      const spawn = parseJson(input.text(), 'a spawn') as { script: string; name?: string; detached?: boolean; args: RecordedValue[] };
      if (typeof spawn?.script !== 'string' || !Array.isArray(spawn.args)) throw corrupted('a spawn event is malformed');
      events.push({ tick, type: 'spawn', script: spawn.script, name: spawn.name, detached: spawn.detached, args: spawn.args });
    } else if (op === Op.SEND) events.push({ tick, type: 'send', thread: input.uint(), message: parseJson(input.text(), 'a message') });
    else if (op === Op.CANCEL) events.push({ tick, type: 'cancel', thread: input.uint() });
    else if (op === Op.EMIT) events.push({ tick, type: 'emit', signal: text(input.uint()), value: parseJson(input.text(), 'a signal value') });
    else if (op === Op.PAUSE) events.push({ tick, type: 'pause', paused: input.byte() === 1 });
    else if (op === Op.TIME_SCALE) events.push({ tick, type: 'timeScale', scale: input.float() });
    else throw corrupted(`unknown event op ${op}`);
  }
  return events;
}

function writeCheckpoints(out: ByteWriter, checkpoints: Checkpoint[], intern: (text: string) => number): void {
  out.uint(checkpoints.length);
  let tick = 0;
  for (const checkpoint of checkpoints) {
    out.uint(checkpoint.tick - tick);
    tick = checkpoint.tick;
    out.raw(hexBytes(checkpoint.hash));
    if (checkpoint.threads === null) {
      out.byte(0);
      continue;
    }
    out.byte(1).uint(checkpoint.threads.changed.length);
    let id = 0;
    for (const trace of checkpoint.threads.changed) {
      out.uint(trace.id - id).uint(intern(trace.name)).uint(intern(trace.state)).uint(intern(trace.frames));
      out.uint(intern(trace.waitingOn)).sint(tick - trace.since);
      id = trace.id;
    }
    out.uint(checkpoint.threads.ended.length);
    id = 0;
    for (const ended of checkpoint.threads.ended) {
      out.uint(ended - id);
      id = ended;
    }
  }
}

function readCheckpoints(input: ByteReader, text: (index: number) => string): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  let tick = 0;
  for (let n = input.uint(); n > 0; n--) {
    tick += input.uint();
    const hash = Array.from({ length: 8 }, () => input.byte().toString(16).padStart(2, '0')).join('');
    checkpoints.push({ tick, hash, threads: input.byte() === 0 ? null : readTraceChanges(input, tick, text) });
  }
  return checkpoints;
}

function readTraceChanges(input: ByteReader, tick: number, text: (index: number) => string): TraceChanges {
  const changed: ThreadTrace[] = [];
  let id = 0;
  for (let c = input.uint(); c > 0; c--) {
    id += input.uint();
    const name = text(input.uint());
    const state = text(input.uint());
    const frames = text(input.uint());
    const waitingOn = text(input.uint());
    changed.push({ id, name, state, frames, waitingOn, since: tick - input.sint() });
  }
  const ended: number[] = [];
  id = 0;
  for (let c = input.uint(); c > 0; c--) ended.push((id += input.uint()));
  return { changed, ended };
}

function parseHeader(json: string): RecordingHeader {
  const header = parseJson(json, 'the header') as unknown as RecordingHeader;
  const whole = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
  if (typeof header !== 'object' || header === null || !whole(header.seed) || !(header.tickRate > 0)
    || !whole(header.checkpointEvery) || header.checkpointEvery < 1 || !whole(header.traceEvery) || header.traceEvery % header.checkpointEvery !== 0 || !whole(header.inputSize) || header.inputSize > MAX_INPUT_SLOTS
    || typeof header.meta !== 'object' || header.meta === null) {
    throw corrupted('its header is malformed');
  }
  return header;
}

function parseJson(json: string, what: string): RecordedValue {
  try {
    return JSON.parse(json) as RecordedValue;
  } catch {
    throw corrupted(`${what} is not valid JSON`);
  }
}

function hexBytes(hash: string): Uint8Array {
  return Uint8Array.from({ length: 8 }, (_, i) => parseInt(hash.slice(2 * i, 2 * i + 2), 16));
}

function corrupted(what: string): RecordingError {
  return new RecordingError(`the recording is corrupted: ${what}`);
}
