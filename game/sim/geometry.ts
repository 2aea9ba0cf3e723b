// Small vector helpers for the simulation: plain numbers, no allocation on hot paths.
import { detMath } from 'loom-threads';

/** A point in arena units (pixels at zoom 1); y grows downward. */
export interface Point {
  x: number;
  y: number;
}

/** Whether two points are within `radius` of each other (no square root). */
export function within(a: Point, b: Point, radius: number): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return dx * dx + dy * dy <= radius * radius;
}

/** Angle in radians from `a` toward `b` (0 = +x, the way every sprite faces). */
export function angleTo(a: Point, b: Point): number {
  return detMath.atan2(b.y - a.y, b.x - a.x);
}

/** `value` limited to [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** Linear interpolation from `a` (t = 0) to `b` (t = 1). */
export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Interpolates angles the short way round. */
export function lerpAngle(a: number, b: number, t: number): number {
  return a + angleDelta(a, b) * t;
}

/** The signed turn the short way round from angle `a` to angle `b`, in [-π, π]. */
export function angleDelta(a: number, b: number): number {
  let delta = (b - a) % (Math.PI * 2);
  if (delta > Math.PI) delta -= Math.PI * 2;
  if (delta < -Math.PI) delta += Math.PI * 2;
  return delta;
}

/** The squared distance between two points (for comparing distances without a square root). */
export function distanceSquared(a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return dx * dx + dy * dy;
}
