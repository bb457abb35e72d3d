// Bench data on disk: one meta.json plus raw little-endian float64 files both peers read (column-major for Gauntlet, row-major for XGBoost).
import { closeSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureInfo, Matrix } from '../../src/learners/types.ts';
import type { BenchData, Part } from './data.ts';

export interface Meta {
  readonly name: string;
  readonly features: FeatureInfo[];
  readonly nTrain: number;
  readonly nTest: number;
  /** true: evaluate on the training rows (synthetic case), no test files */
  readonly testIsTrain: boolean;
}

export function writeBenchData(dir: string, d: BenchData): Meta {
  const testIsTrain = d.test === d.train;
  const meta: Meta = { name: d.name, features: [...d.train.X.features], nTrain: d.train.X.nRows, nTest: d.test.X.nRows, testIsTrain };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  writePart(dir, 'train', d.train);
  if (!testIsTrain) writePart(dir, 'test', d.test);
  return meta;
}

function writePart(dir: string, name: string, p: Part): void {
  writeFloats(join(dir, `${name}.y.f64`), [p.y]);
  writeFloats(join(dir, `${name}.col.f64`), p.X.columns);
  writeRowMajor(join(dir, `${name}.row.f64`), p.X);
}

function writeFloats(path: string, arrays: readonly Float64Array[]): void {
  const fd = openSync(path, 'w');
  for (const a of arrays) writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  closeSync(fd);
}

/** row-major in blocks, so the transpose never holds a second full copy */
function writeRowMajor(path: string, X: Matrix): void {
  const F = X.columns.length, block = 65536;
  const buf = new Float64Array(block * F);
  const fd = openSync(path, 'w');
  for (let s = 0; s < X.nRows; s += block) {
    const e = Math.min(X.nRows, s + block);
    for (let i = s; i < e; i++) for (let j = 0; j < F; j++) buf[(i - s) * F + j] = X.columns[j][i];
    writeSync(fd, new Uint8Array(buf.buffer, 0, (e - s) * F * 8));
  }
  closeSync(fd);
}

/** Read a part as a Matrix whose columns are views into one buffer (no copies). */
export function readPart(dir: string, name: string, meta: Meta, n: number): Part {
  const F = meta.features.length;
  const data = readWhole(join(dir, `${name}.col.f64`), n * F * 8);
  const columns = Array.from({ length: F }, (_, j) => new Float64Array(data, j * n * 8, n));
  const y = new Float64Array(readWhole(join(dir, `${name}.y.f64`), n * 8));
  return { X: { nRows: n, features: meta.features, columns }, y };
}

function readWhole(path: string, bytes: number): ArrayBuffer {
  const out = new ArrayBuffer(bytes);
  const view = new Uint8Array(out);
  const fd = openSync(path, 'r');
  let off = 0;
  while (off < bytes) off += readSync(fd, view, off, Math.min(1 << 26, bytes - off), off);
  closeSync(fd);
  return out;
}

export function readMeta(dir: string): Meta {
  return JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
}
