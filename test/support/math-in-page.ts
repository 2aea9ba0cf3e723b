// Bundled into a blank Chromium page by the cross-engine test: the bits of detMath's and Math's results there, to
// compare with Node's.
import { detMath } from 'loom-threads';

/** The functions compared, each as a function of two arguments (the one-argument ones ignore the second). */
export const FUNCTIONS = {
  'detMath.sin': (x: number) => detMath.sin(x),
  'detMath.cos': (x: number) => detMath.cos(x),
  'detMath.atan': (x: number) => detMath.atan(x),
  'detMath.atan2': (y: number, x: number) => detMath.atan2(y, x),
  'detMath.hypot': (x: number, y: number) => detMath.hypot(x, y),
  'Math.sin': (x: number) => Math.sin(x),
  'Math.cos': (x: number) => Math.cos(x),
  'Math.atan': (x: number) => Math.atan(x),
  'Math.atan2': (y: number, x: number) => Math.atan2(y, x),
  'Math.hypot': (x: number, y: number) => Math.hypot(x, y),
} satisfies Record<string, (a: number, b: number) => number>;

/** Each function's results for the argument pairs (`a[i]`, `b[i]`), as the hex of their bits, keyed by name. */
export function resultBits(a: number[], b: number[]): Record<string, string[]> {
  const view = new DataView(new ArrayBuffer(8));
  const hex = (x: number) => {
    view.setFloat64(0, x);
    return view.getBigUint64(0).toString(16);
  };
  return Object.fromEntries(Object.entries(FUNCTIONS).map(([name, f]) => [name, a.map((x, i) => hex(f(x, b[i]!)))]));
}
