// Bench datasets: synthetic make_classification-like data (seeded), Adult with its fixed split, flights (time split).
import { createReadStream, readFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Rng } from '../../src/util/rng.ts';
import type { FeatureInfo, Matrix } from '../../src/learners/types.ts';

export interface Part { readonly X: Matrix; readonly y: Float64Array }
export interface BenchData { readonly train: Part; readonly test: Part; readonly name: string }

export const DATASETS = new URL('../../../shared/datasets/', import.meta.url);

/** Like sklearn make_classification(n, F): 2 informative, 2 redundant, 2 clusters per class, flip_y 0.01, class_sep 1. */
export function synthetic(n: number, F: number, seed: number): BenchData {
  const rng = new Rng(seed);
  const cols = Array.from({ length: F }, () => new Float64Array(n));
  const y = new Float64Array(n);
  const centroids = [[-1, -1], [1, 1], [-1, 1], [1, -1]];
  const A = centroids.map(() => [0, 0, 0, 0].map(() => 2 * rng.float() - 1));
  const B = [0, 0, 0, 0].map(() => 2 * rng.float() - 1);
  for (let i = 0; i < n; i++) {
    const c = i % 4;
    const z0 = rng.normal(), z1 = rng.normal();
    const a = A[c];
    const x0 = z0 * a[0] + z1 * a[2] + centroids[c][0];
    const x1 = z0 * a[1] + z1 * a[3] + centroids[c][1];
    cols[0][i] = x0; cols[1][i] = x1;
    if (F > 2) cols[2][i] = x0 * B[0] + x1 * B[2];
    if (F > 3) cols[3][i] = x0 * B[1] + x1 * B[3];
    for (let j = 4; j < F; j++) cols[j][i] = rng.normal();
    y[i] = rng.float() < 0.01 ? rng.int(2) : c % 2;
  }
  const features = cols.map((_, j) => ({ name: `x${j}`, kind: 'numeric' as const }));
  const part = { X: { nRows: n, features, columns: cols }, y };
  return { train: part, test: part, name: `synthetic ${n}x${F}` };
}

/** Adult: categoricals as codes of their sorted distinct values (missing → NaN); train/test rows from adult_split.csv. */
export function adult(): BenchData {
  const lines = readFileSync(new URL('adult.csv', DATASETS), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const target = header.indexOf('income_gt_50k');
  const featIdx = header.map((_, j) => j).filter((j) => j !== target);
  const features: FeatureInfo[] = [];
  const full = featIdx.map((j) => {
    const raw = rows.map((r) => r[j]);
    const numeric = raw.every((v) => v === '' || Number.isFinite(Number(v)));
    if (numeric) { features.push({ name: header[j], kind: 'numeric' }); return Float64Array.from(raw, (v) => (v === '' ? NaN : Number(v))); }
    const levels = [...new Set(raw.filter((v) => v !== ''))].sort();
    const code = new Map(levels.map((v, i) => [v, i]));
    features.push({ name: header[j], kind: 'categorical', levels: levels.length });
    return Float64Array.from(raw, (v) => (v === '' ? NaN : (code.get(v) as number)));
  });
  const y = Float64Array.from(rows, (r) => Number(r[target]));
  const split = readFileSync(new URL('adult_split.csv', DATASETS), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const pick = (name: string): Part => {
    const idx = split.filter((s) => s[1] === name).map((s) => Number(s[0]));
    return { X: { nRows: idx.length, features, columns: full.map((c) => Float64Array.from(idx, (i) => c[i])) }, y: Float64Array.from(idx, (i) => y[i]) };
  };
  return { train: pick('train'), test: pick('test'), name: 'adult' };
}
