/** What the co-op HUD line shows. */
export interface NetFigures {
  roomId: string;
  seat: number;
  players: number;
  pingMs: number;
  ticksBehind: number;
  /** Set while the connection is not up: `reconnecting… (try 1 of 8)`, or why it was lost. Replaces ping and lag. */
  connection?: string;
  /** Said last, when set: `back in the room` for a moment after a reconnection, or that the room is not durable. */
  note?: string;
}

/**
 * A line under the game's HUD for a co-op game: the room, your seat, the players, the ping and how many ticks the
 * drawing is behind the server; while the connection is down, `reconnecting…` or why it was lost instead; then a
 * note, if any (back in the room, not durable). A DOM element over the canvas, so the pixi HUD is left as it is.
 *
 * @example
 * ```ts
 * const hud = mountNetHud(document.body);
 * hud.show({ roomId: 'Xy3', seat: 0, players: 2, pingMs: 104, ticksBehind: 6 });
 * ```
 */
export function mountNetHud(parent: HTMLElement): { show(figures: NetFigures): void; remove(): void } {
  const line = document.createElement('div');
  line.className = 'loom-net-hud';
  parent.append(line);
  let last = '';
  return {
    show(f) {
      const ping = Number.isNaN(f.pingMs) ? '…' : `${Math.round(f.pingMs)} ms`;
      const players = `room ${f.roomId} · seat ${f.seat + 1} · ${f.players} ${f.players === 1 ? 'player' : 'players'}`;
      const state = f.connection === undefined ? `${players} · ping ${ping} · ${f.ticksBehind} ticks behind` : `${players} · ${f.connection}`;
      const text = f.note === undefined ? state : `${state} · ${f.note}`;
      if (text !== last) line.textContent = last = text;
    },
    remove: () => line.remove(),
  };
}
