// Bench data for evaluate(): seeded binary labels and scores written as raw float64 for both peers, and the slice masks.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SliceMask } from '../../src/data/slices.ts';
import { Rng } from '../../src/util/rng.ts';

/** y ~ Bernoulli(0.3); p = sigmoid(1.5·y − 1 + N(0, 1)): continuous scores, almost all distinct (AUC's worst case). */
export function generate(rows: number, seed: number): { y: Float64Array; p: Float64Array } {
  const rng = new Rng(seed);
  const y = new Float64Array(rows), p = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    y[i] = rng.float() < 0.3 ? 1 : 0;
    p[i] = 1 / (1 + Math.exp(-(1.5 * y[i] - 1 + rng.normal())));
  }
  return { y, p };
}

function writeFloats(path: string, a: Float64Array): void {
  const fd = openSync(path, 'w');
  writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  closeSync(fd);
}

export function writeData(dir: string, d: { y: Float64Array; p: Float64Array }): void {
  writeFloats(join(dir, 'y.f64'), d.y);
  writeFloats(join(dir, 'p.f64'), d.p);
}

export function readData(dir: string): { y: Float64Array; p: Float64Array } {
  const read = (name: string): Float64Array => {
    const b = readFileSync(join(dir, name));
    return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
  };
  return { y: read('y.f64'), p: read('p.f64') };
}

/** `count` masks in groups of (up to) 10 values, each row in one value of every group: like `by` slices of columns with 10 levels. */
export function sliceMasks(rows: number, count: number, seed: number): SliceMask[] {
  const rng = new Rng(seed);
  const out: SliceMask[] = [];
  for (let g = 0; out.length < count; g++) {
    const values = Math.min(10, count - out.length);
    const code = Uint8Array.from({ length: rows }, () => rng.int(values));
    for (let v = 0; v < values; v++) out.push({ name: `col${g}=${v}`, group: `col${g}`, mask: code.map((c) => (c === v ? 1 : 0)) });
  }
  return out;
}
