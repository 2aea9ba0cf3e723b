import type { Entity } from './entity.ts';

/**
 * A uniform grid of cells over the arena, refilled every tick, so that a bullet or the player only tests the
 * entities near it: with thousands of critters, testing every pair would cost millions of checks a tick.
 * An entity is filed in every cell its circle overlaps, so a query looks in one cell per point.
 */
export class Grid {
  private readonly cells: Entity[][];
  private readonly columns: number;
  private readonly rows: number;

  constructor(width: number, height: number, private readonly cellSize = 64) {
    this.columns = Math.ceil(width / cellSize);
    this.rows = Math.ceil(height / cellSize);
    this.cells = Array.from({ length: this.columns * this.rows }, () => []);
  }

  clear(): void {
    for (const cell of this.cells) cell.length = 0;
  }

  insert(entity: Entity): void {
    const c0 = this.column(entity.x - entity.radius);
    const c1 = this.column(entity.x + entity.radius);
    const r0 = this.row(entity.y - entity.radius);
    const r1 = this.row(entity.y + entity.radius);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) this.cells[r * this.columns + c]!.push(entity);
    }
  }

  /** The entities filed in the cell holding (x, y); an entity may also appear in neighbouring cells. */
  at(x: number, y: number): readonly Entity[] {
    return this.cells[this.row(y) * this.columns + this.column(x)]!;
  }

  /** Calls `visit` once per entity filed in a cell overlapping the circle (it may see one entity twice). */
  near(x: number, y: number, radius: number, visit: (entity: Entity) => void): void {
    const c0 = this.column(x - radius);
    const c1 = this.column(x + radius);
    const r0 = this.row(y - radius);
    const r1 = this.row(y + radius);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) for (const entity of this.cells[r * this.columns + c]!) visit(entity);
    }
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor(x / this.cellSize)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor(y / this.cellSize)));
  }
}
