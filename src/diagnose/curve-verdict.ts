// The learning-curve rule: does more training data look likely to lower the dev error?
import { isBoundedError } from './error-scale.ts';
import { slope } from './stats.ts';

export type CurveVerdict = 'more data is likely to help' | 'more data is unlikely to help';

export interface CurvePoint {
  readonly fraction: number;
  readonly rows: number;
  /** error on the rows the model was fit on */
  readonly trainError: number;
  /** error on trainDev */
  readonly devError: number;
  /** why the point has no errors (e.g. the subsample had one class) */
  readonly note?: string;
}

export interface VerdictDetail {
  readonly verdict: CurveVerdict;
  readonly reason: string;
  /** fall of the dev error per doubling of the training rows over the tail of the curve */
  readonly gainPerDoubling: number;
  /** dev − train error at the largest subsample */
  readonly gap: number;
  /** the least gain per doubling that counts */
  readonly minGain: number;
  /** standard error of the gain (from the scatter of the tail points about the fitted line) */
  readonly gainSe: number;
}

/**
 * The rule: fit dev error against log2(rows) over the last half of the measured points (at least 3);
 * gain = the fall of dev error per doubling of the rows. More data is likely to help when
 *   (1) gain ≥ minGain (0.005 on bounded error scales such as 1 − AUC; 1% of the final dev error for
 *       unbounded losses) and gain ≥ 2 standard errors of the fitted slope, i.e. the dev curve is still
 *       going down, by more than the scatter of a small trainDev explains, and
 *   (2) the final train/dev gap > gain, i.e. the curves are far enough apart for at least one more
 *       doubling's worth of improvement (dev error cannot fall much below the rising train error).
 * Otherwise it is unlikely to help: the dev curve has flattened, or it has met the train curve (bias).
 */
export function curveVerdict(points: readonly CurvePoint[], metric: string): VerdictDetail {
  const ok = points.filter((p) => Number.isFinite(p.devError) && Number.isFinite(p.trainError) && p.rows > 0);
  if (ok.length < 3) {
    return { verdict: 'more data is unlikely to help', reason: `only ${ok.length} of ${points.length} points could be measured; not enough to see a trend`, gainPerDoubling: NaN, gap: NaN, minGain: NaN, gainSe: NaN };
  }
  const tail = ok.slice(-Math.max(3, Math.ceil(ok.length / 2)));
  const last = tail[tail.length - 1];
  const fit = slope(tail.map((p) => Math.log2(p.rows)), tail.map((p) => p.devError));
  const [gain, gainSe] = [-fit.slope, fit.se];
  const gap = last.devError - last.trainError;
  const minGain = isBoundedError(metric) ? 0.005 : 0.01 * Math.abs(last.devError);
  const falling = gain >= minGain && !(gain < 2 * gainSe);
  const room = gap > gain;
  const verdict: CurveVerdict = falling && room ? 'more data is likely to help' : 'more data is unlikely to help';
  const trend = `dev error ${falling ? 'still falls' : gain >= minGain ? 'moves within its noise' : 'has flattened'}: ${f(gain)} ± ${f(gainSe)} per doubling of the rows over the last ${tail.length} points (threshold ${f(minGain)}, and 2 standard errors)`;
  const gapText = `train/dev gap at ${last.rows} rows is ${f(gap)}${room ? '' : falling ? ', no more than one doubling would close' : ''}`;
  return { verdict, reason: `${trend}; ${gapText}`, gainPerDoubling: gain, gap, minGain, gainSe };
}

function f(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(3))) : 'n/a';
}
