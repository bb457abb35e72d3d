// Test fixtures for the data checks: typed columns, targets and splits built directly, and CSV projects on disk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CategoricalColumn, Column, NumericColumn, Table } from '../data/table.ts';
import type { Target } from '../data/target.ts';
import { fromAssignment, type Splits } from '../data/splits.ts';
import { SPLIT_NAMES, type SplitName } from '../spec/types.ts';
import { Rng } from '../util/rng.ts';

export function num(name: string, values: ArrayLike<number>): NumericColumn {
  return { name, kind: 'numeric', values: Float64Array.from(values) };
}

export function cat(name: string, values: readonly (string | null)[]): CategoricalColumn {
  const levels = [...new Set(values.filter((v): v is string => v !== null))].sort();
  const index = new Map(levels.map((l, i) => [l, i]));
  return { name, kind: 'categorical', levels, codes: Int32Array.from(values, (v) => (v === null ? -1 : index.get(v)!)) };
}

export function tableOf(...columns: Column[]): Table {
  const c = columns[0];
  return { nRows: c.kind === 'numeric' ? c.values.length : c.codes.length, columns };
}

export function binaryTarget(y: ArrayLike<number>): Target {
  return { task: 'binary', y: Float64Array.from(y), classes: ['0', '1'], nClasses: 2 };
}

export function multiclassTarget(y: ArrayLike<number>, k: number): Target {
  return { task: 'multiclass', y: Float64Array.from(y), classes: Array.from({ length: k }, (_, i) => String(i)), nClasses: k };
}

export function regressionTarget(y: ArrayLike<number>): Target {
  return { task: 'regression', y: Float64Array.from(y), classes: [], nClasses: 1 };
}

/** Splits from a split name per row (null = left out, as splits.dedupe does). */
export function splitsOf(names: readonly (SplitName | null)[]): Splits {
  return fromAssignment(Uint8Array.from(names, (n) => (n === null ? 255 : SPLIT_NAMES.indexOf(n))));
}

/** A seeded random split: 60/5/5/15/15. */
export function randomSplits(n: number, seed: number): Splits {
  const rng = new Rng(seed);
  const cum = [0.6, 0.65, 0.7, 0.85, 1];
  return splitsOf(Array.from({ length: n }, () => {
    const u = rng.float();
    return SPLIT_NAMES[cum.findIndex((c) => u < c)];
  }));
}

/** n draws from a seeded generator. */
export function draw(n: number, seed: number, f: (rng: Rng, i: number) => number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, (_, i) => f(rng, i));
}

/** CSV text of named columns (null / NaN = empty cell). */
export function csv(columns: Readonly<Record<string, ArrayLike<number | string | null>>>): string {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  const cell = (v: number | string | null): string => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v));
  const lines = [names.join(',')];
  for (let i = 0; i < n; i++) lines.push(names.map((c) => cell(columns[c][i])).join(','));
  return `${lines.join('\n')}\n`;
}

const made: string[] = [];

/** A temp project folder with the files written; returns the folder (removeProjects deletes them). */
export function project(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-checks-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export function removeProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
