// DEV_TEST_MISMATCH (train vs blackbox, blackbox vs test) and PRODUCTION_MISMATCH (training data vs data.production).
import type { Finding } from '../evaluate/findings.ts';
import type { Splits } from '../data/splits.ts';
import type { Table } from '../data/table.ts';
import type { SplitName } from '../spec/types.ts';
import type { Json } from '../track/types.ts';
import { Rng } from '../util/rng.ts';
import { adversarialAuc, type Adversarial } from './adversarial.ts';
import { alignSamples } from './align.ts';
import { drift, type Drift } from './drift.ts';
import { sampleRows } from './sample.ts';
import { CHECK_LIMITS, finding, fmt, pct, round, type CheckCode } from './types.ts';

interface Comparison {
  readonly names: readonly [string, string];
  readonly rows: readonly [number, number];
  /** by PSI above chance, largest first */
  readonly drifts: readonly Drift[];
  readonly adversarial: Adversarial | null;
  readonly missing: readonly string[];
}

const PAIRS: readonly (readonly [SplitName, SplitName])[] = [['train', 'blackbox'], ['blackbox', 'test']];

const FIX: Record<string, string> = {
  'train/blackbox': 'models get selected on data unlike their training data: use a random or stratified split, or add blackbox-like (recent) rows to train',
  'blackbox/test': 'selection on blackbox will not carry over to test: draw blackbox and test from the same period and population',
  production: 'the training data does not look like production: retrain on recent production-like rows or reweight, and check the extract for changed units or encodings',
};

/** Compare train with blackbox and blackbox with test on `features`. */
export async function checkSplitMismatch(table: Table, features: readonly string[], splits: Splits, seed: number): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const [i, [x, y]] of PAIRS.entries()) {
    const rng = new Rng((seed ^ 0xd17f) + i);
    const a = sampleRows(splits.rows[x], CHECK_LIMITS.rowsPerSide, rng);
    const b = sampleRows(splits.rows[y], CHECK_LIMITS.rowsPerSide, rng);
    const c = await compare(table, a, table, b, features, [x, y], rng.nextU32());
    if (c && fires(c)) out.push(mismatchFinding('DEV_TEST_MISMATCH', c, FIX[`${x}/${y}`]));
  }
  return out;
}

/** Compare the training rows `rows` of `table` with a production sample. */
export async function checkProductionMismatch(table: Table, rows: Int32Array, production: Table, file: string, features: readonly string[], seed: number): Promise<Finding[]> {
  const rng = new Rng(seed ^ 0x9a0d);
  const a = sampleRows(rows, CHECK_LIMITS.rowsPerSide, rng);
  const b = sampleRows(Int32Array.from({ length: production.nRows }, (_, i) => i), CHECK_LIMITS.rowsPerSide, rng);
  const c = await compare(table, a, production, b, features, ['training data', file], rng.nextU32());
  return c && (fires(c) || c.missing.length > 0) ? [mismatchFinding('PRODUCTION_MISMATCH', c, FIX.production)] : [];
}

async function compare(ta: Table, a: Int32Array, tb: Table, b: Int32Array, features: readonly string[], names: readonly [string, string], seed: number): Promise<Comparison | null> {
  if (a.length < CHECK_LIMITS.minRowsPerSide || b.length < CHECK_LIMITS.minRowsPerSide) return null;
  const s = alignSamples(ta, a, tb, b, features);
  const drifts = s.a.columns.map((col, j) => drift(col, s.b.columns[j])).sort((x, y) => excess(y) - excess(x));
  return { names, rows: [a.length, b.length], drifts, adversarial: await adversarialAuc(s.a, s.b, seed), missing: s.missing };
}

function excess(d: Drift): number {
  return d.psi - d.chance;
}

function fires(c: Comparison): boolean {
  return (c.adversarial !== null && c.adversarial.auc >= CHECK_LIMITS.adversarialAuc) || shifted(c).length > 0;
}

function shifted(c: Comparison): Drift[] {
  return c.drifts.filter((d) => excess(d) >= CHECK_LIMITS.psi);
}

function mismatchFinding(code: CheckCode, c: Comparison, fix: string): Finding {
  const [x, y] = c.names;
  const parts: string[] = [];
  const adv = c.adversarial;
  if (adv && adv.auc >= CHECK_LIMITS.adversarialAuc) {
    const top = adv.importance[0];
    parts.push(`a classifier tells them apart with AUC ${fmt(adv.auc)}${top ? ` (its top feature: '${top.feature}', ${pct(top.share)} of the gain)` : ''}`);
  }
  const worst = shifted(c).slice(0, 3).map((d) => `${fmt(d.psi)} in '${d.feature}'`);
  if (worst.length) parts.push(`PSI ${worst.join(', ')}`);
  if (c.missing.length) parts.push(`columns missing from ${y}: ${c.missing.map((m) => `'${m}'`).join(', ')}`);
  const message = `${x} and ${y} differ: ${parts.join('; ')}; ${fix}`;
  return finding(code, message, evidence(c));
}

function evidence(c: Comparison): Json {
  return {
    compared: [...c.names], rows: [...c.rows],
    adversarialAuc: c.adversarial ? round(c.adversarial.auc) : null,
    adversarialImportance: (c.adversarial?.importance ?? []).slice(0, CHECK_LIMITS.topFeatures).map((f) => ({ feature: f.feature, share: round(f.share) })),
    features: c.drifts.slice(0, CHECK_LIMITS.topFeatures).map((d) => ({ feature: d.feature, psi: round(d.psi), psiChance: round(d.chance), ks: d.ks === null ? null : round(d.ks) })),
    missingColumns: [...c.missing],
    thresholds: { adversarialAuc: CHECK_LIMITS.adversarialAuc, psi: CHECK_LIMITS.psi },
  };
}
