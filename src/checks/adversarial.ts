// Adversarial validation: how well a small GBDT tells two samples apart (held-out AUC ≈ 0.5 means they look alike).
import { takeRows, type Table } from '../data/table.ts';
import { FittedPipeline } from '../features/pipeline.ts';
import { LEARNERS } from '../learners/index.ts';
import { resolveParams } from '../learners/params.ts';
import type { InputNeeds, Matrix } from '../learners/types.ts';
import { rocAucScore } from '../metrics/index.ts';
import { Rng } from '../util/rng.ts';
import { holdout } from './sample.ts';
import { CHECK_LIMITS } from './types.ts';
import { stack } from './align.ts';
import { nativeMatrix, takesNativeInput } from './native-matrix.ts';

/** Few, shallow, fast trees: enough to find a shift, single-threaded so the result is the same on every machine. */
export const ADVERSARIAL_PARAMS = { rounds: 20, learningRate: 0.2, numLeaves: 15, minDataInLeaf: 20, maxBin: 63, earlyStoppingRounds: 0, threads: 1 } as const;

export interface Adversarial {
  /** held-out AUC of "row is from b" */
  readonly auc: number;
  /** features by share of the total split gain, largest first */
  readonly importance: readonly { readonly feature: string; readonly share: number }[];
}

/** Train on 70% of `a` ∪ `b` (labels 0/1), AUC on the other 30%. Null when either side is too small or there are no columns. */
export async function adversarialAuc(a: Table, b: Table, seed: number): Promise<Adversarial | null> {
  if (a.columns.length === 0 || a.nRows < CHECK_LIMITS.minRowsPerSide || b.nRows < CHECK_LIMITS.minRowsPerSide) return null;
  const both = stack(a, b);
  const y = new Float64Array(both.nRows).fill(1, a.nRows);
  const parts = holdout(Int32Array.from({ length: both.nRows }, (_, i) => i), CHECK_LIMITS.holdout, new Rng(seed));
  const gbdt = LEARNERS.gbdt;
  const fitTable = takeRows(both, parts.fit);
  const encode = encoder(fitTable, gbdt.input);
  const params = resolveParams('gbdt', gbdt.params, { ...ADVERSARIAL_PARAMS }, 'checks.adversarial');
  const yFit = Float64Array.from(parts.fit, (r) => y[r]);
  const model = await gbdt.fit(encode(fitTable), yFit, { task: 'binary', nClasses: 2, seed, threads: 1 }, params);
  const pred = model.predict(encode(takeRows(both, parts.evaluate)));
  const auc = rocAucScore(Float64Array.from(parts.evaluate, (r) => y[r]), pred);
  return { auc, importance: gainShares(model.importance?.().gain ?? {}) };
}

/** The learner's input from a table: the native matrix when that is what it takes, else a pipeline fit on `fitTable`. */
function encoder(fitTable: Table, needs: InputNeeds): (t: Table) => Matrix {
  if (takesNativeInput(needs)) return nativeMatrix;
  const pipeline = FittedPipeline.fit(fitTable, fitTable.columns.map((c) => c.name), needs);
  return (t) => pipeline.apply(t);
}

function gainShares(gain: Readonly<Record<string, number>>): Adversarial['importance'] {
  const total = Object.values(gain).reduce((s, g) => s + g, 0);
  if (total <= 0) return [];
  return Object.entries(gain).filter(([, g]) => g > 0).map(([feature, g]) => ({ feature, share: g / total })).sort((x, y) => y.share - x.share);
}
