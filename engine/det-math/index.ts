// Math functions that give the same bits on every JavaScript engine, for simulations that must replay anywhere.
export { sin, cos } from './sin-cos.ts';
export { atan, atan2 } from './atan.ts';
export { hypot } from './hypot.ts';
