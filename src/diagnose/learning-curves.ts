// Learning curves: refit a run's learner on seeded nested subsamples of train; error on the subsample and on trainDev.
import { takeRows } from '../data/table.ts';
import { Rng } from '../util/rng.ts';
import { BadInputError, GauntletError } from '../util/errors.ts';
import { predictionError } from './error-scale.ts';
import { refitOnRows } from './refit.ts';
import { labelsOf, learnerEntry, seedOf, type LearnerEntry, type RunView } from './run-view.ts';
import { curveVerdict, type CurvePoint, type CurveVerdict } from './curve-verdict.ts';

export const DEFAULT_FRACTIONS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

export interface LearningCurve {
  readonly learner: string;
  /** the run's optimizing metric; errors are on its error scale (see errorOf) */
  readonly metric: string;
  readonly seed: number;
  readonly points: readonly CurvePoint[];
  readonly verdict: CurveVerdict;
  readonly reason: string;
  readonly gainPerDoubling: number;
  readonly gainSe: number;
  readonly gap: number;
}

/**
 * Refit learner model `learnerName` of the run (same params, its pipeline refit on each subsample) on the first
 * ⌈fraction·n⌉ rows of one seeded shuffle of train, so the subsamples are nested. trainDev is passed as validation
 * data as in the run (early stopping), and is where the dev error is measured.
 */
export async function learningCurves(view: RunView, learnerName: string, fractions: readonly number[] = DEFAULT_FRACTIONS, seed = seedOf(view)): Promise<LearningCurve> {
  const entry = learnerEntry(view, learnerName);
  const metric = view.evaluation.optimize;
  const order = new Rng(seed).shuffle(Int32Array.from(view.splits.rows.train));
  const points: CurvePoint[] = [];
  for (const fraction of checkFractions(fractions)) {
    const rows = Math.max(2, Math.min(order.length, Math.ceil(fraction * order.length)));
    points.push(await measure(view, entry, order.slice(0, rows).sort(), fraction, metric, seed));
  }
  const v = curveVerdict(points, metric);
  return { learner: learnerName, metric, seed, points, verdict: v.verdict, reason: v.reason, gainPerDoubling: v.gainPerDoubling, gainSe: v.gainSe, gap: v.gap };
}

async function measure(view: RunView, entry: LearnerEntry, rows: Int32Array, fraction: number, metric: string, seed: number): Promise<CurvePoint> {
  const { task, nClasses } = view.target;
  try {
    const fitted = await refitOnRows(view, entry, rows, { seed });
    const errorOn = (r: Int32Array): number => predictionError(metric, task, labelsOf(view, r), fitted.model.predict(fitted.pipeline.apply(takeRows(view.data.table, r))), nClasses);
    return { fraction, rows: rows.length, trainError: errorOn(rows), devError: errorOn(view.splits.rows.trainDev) };
  } catch (e) {
    if (!(e instanceof GauntletError)) throw e;
    return { fraction, rows: rows.length, trainError: NaN, devError: NaN, note: e.message };
  }
}

function checkFractions(fractions: readonly number[]): number[] {
  const bad = fractions.find((f) => !(f > 0 && f <= 1));
  if (bad !== undefined || fractions.length === 0) throw new BadInputError(`learning-curve fractions must be in (0, 1]; got ${bad ?? '[]'}`);
  return [...new Set(fractions)].sort((a, b) => a - b);
}
