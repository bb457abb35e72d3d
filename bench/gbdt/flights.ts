// flights_3m.csv.gz: streamed through zlib and parsed byte by byte; month <= 5 trains, month >= 6 tests; `delay` dropped.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { FeatureInfo } from '../../src/learners/types.ts';
import { DATASETS, type BenchData, type Part } from './data.ts';

const NUMERIC = ['month', 'day_of_month', 'day_of_week', 'dep_hour', 'distance'];
const CATEGORICAL = ['origin', 'destination'];
const TARGET = 'delayed_15';

/** Growable float64 column. */
class Column {
  data = new Float64Array(1 << 20);
  n = 0;
  push(v: number): void {
    if (this.n === this.data.length) { const d = new Float64Array(this.data.length * 2); d.set(this.data); this.data = d; }
    this.data[this.n++] = v;
  }
}

/** Parses CSV bytes; numeric fields become numbers, string fields (<= 6 bytes) codes in order of first appearance. */
class Parser {
  readonly cols: Column[];
  readonly dicts: Map<number, number>[];
  readonly labels: string[][];
  private readonly isString: Uint8Array;
  private field = 0;
  private num = 0; private scale = 0; private neg = false; private empty = true;
  private key = 0; private keyLen = 0;
  private header = true;
  private headerText = '';
  names: string[] = [];

  constructor(nFields: number, stringFields: readonly number[]) {
    this.cols = Array.from({ length: nFields }, () => new Column());
    this.dicts = Array.from({ length: nFields }, () => new Map());
    this.labels = Array.from({ length: nFields }, () => []);
    this.isString = new Uint8Array(nFields);
    for (const f of stringFields) this.isString[f] = 1;
  }

  feed(buf: Buffer): void {
    let i = 0;
    if (this.header) {
      const nl = buf.indexOf(10);
      if (nl < 0) { this.headerText += buf.toString('latin1'); return; }
      this.headerText += buf.toString('latin1', 0, nl);
      this.names = this.headerText.trim().split(',');
      this.header = false;
      i = nl + 1;
    }
    const isString = this.isString;
    for (; i < buf.length; i++) {
      const c = buf[i];
      if (c === 44 || c === 10) { this.endField(); if (c === 10) this.field = 0; continue; }
      if (c === 13) continue;
      this.empty = false;
      if (isString[this.field] === 1) { this.key = this.key * 256 + c; this.keyLen++; continue; }
      if (c === 45) this.neg = true;
      else if (c === 46) this.scale = 1;
      else { this.num = this.num * 10 + (c - 48); if (this.scale) this.scale *= 10; }
    }
  }

  private endField(): void {
    const f = this.field++;
    if (this.isString[f] === 1) {
      if (this.keyLen > 6) throw new Error(`flights: field ${f} longer than 6 bytes`);
      const d = this.dicts[f];
      let code = d.get(this.key);
      if (code === undefined && !this.empty) { code = d.size; d.set(this.key, code); this.labels[f].push(keyText(this.key)); }
      this.cols[f].push(this.empty ? NaN : (code as number));
      this.key = 0; this.keyLen = 0;
    } else {
      const v = (this.neg ? -this.num : this.num) / (this.scale || 1);
      this.cols[f].push(this.empty ? NaN : v);
    }
    this.num = 0; this.scale = 0; this.neg = false; this.empty = true;
  }
}

function keyText(key: number): string {
  let s = '';
  while (key > 0) { s = String.fromCharCode(key % 256) + s; key = Math.floor(key / 256); }
  return s;
}

export async function flights(): Promise<BenchData> {
  const header = ['month', 'day_of_month', 'day_of_week', 'dep_hour', 'distance', 'origin', 'destination', 'delay', 'delayed_15'];
  const p = new Parser(header.length, [5, 6]);
  const stream = createReadStream(new URL('flights_3m.csv.gz', DATASETS)).pipe(createGunzip({ chunkSize: 1 << 20 }));
  for await (const chunk of stream) p.feed(chunk as Buffer);
  if (p.names.join(',') !== header.join(',')) throw new Error(`flights header changed: ${p.names.join(',')}`);
  const n = p.cols[0].n;
  const col = (name: string): Float64Array => p.cols[header.indexOf(name)].data.subarray(0, n);
  const features: FeatureInfo[] = [...NUMERIC.map((name) => ({ name, kind: 'numeric' as const }))];
  const columns = NUMERIC.map(col);
  for (const name of CATEGORICAL) {
    const j = header.indexOf(name);
    const labels = p.labels[j];
    const sorted = [...labels].sort();
    const remap = new Float64Array(sorted.length);
    const rank = new Map(sorted.map((v, code) => [v, code]));
    labels.forEach((v, first) => { remap[first] = rank.get(v) as number; });
    const raw = col(name), out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = raw[i] === raw[i] ? remap[raw[i]] : NaN;
    columns.push(out);
    features.push({ name, kind: 'categorical', levels: sorted.length });
  }
  const y = col(TARGET);
  const month = col('month');
  const pick = (keep: (m: number) => boolean): Part => {
    const all = new Uint32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) if (keep(month[i])) all[m++] = i;
    const idx = all.subarray(0, m);
    const gather = (c: Float64Array): Float64Array => { const o = new Float64Array(m); for (let k = 0; k < m; k++) o[k] = c[idx[k]]; return o; };
    return { X: { nRows: m, features, columns: columns.map(gather) }, y: gather(y) };
  };
  return { train: pick((m) => m <= 5), test: pick((m) => m >= 6), name: 'flights' };
}
