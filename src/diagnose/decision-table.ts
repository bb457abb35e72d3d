// The bias/variance/mismatch decision table: error at each level (human → test), the gaps between them, and what to do.
import type { Evaluation, ModelEval } from '../evaluate/document.ts';
import type { Finding } from '../evaluate/findings.ts';
import { BadInputError } from '../util/errors.ts';
import { errorOf, materialDifference } from './error-scale.ts';
import { finding, type DiagnoseCode } from './codes.ts';

export type Level = 'human' | 'train' | 'trainDev' | 'blackbox' | 'test';
export type GapName = 'avoidableBias' | 'variance' | 'dataMismatch' | 'devOverfit';

export interface LevelError {
  readonly level: Level;
  /** NaN when the level was not measured (e.g. test of a model that was not selected) */
  readonly error: number;
}

export interface Gaps {
  /** train − human */
  readonly avoidableBias: number;
  /** trainDev − train */
  readonly variance: number;
  /** blackbox − trainDev */
  readonly dataMismatch: number;
  /** test − blackbox */
  readonly devOverfit: number;
}

export interface DecisionTable {
  readonly model: string;
  readonly metric: string;
  readonly rows: readonly LevelError[];
  readonly gaps: Gaps;
  /** the gap with the largest value */
  readonly largest: GapName;
  /** what to do about the largest gap (or that nothing stands out) */
  readonly action: string;
  /** a gap at least this large is material (0.02 on bounded error scales; see materialDifference) */
  readonly threshold: number;
  /** set when the human level is a proxy: 'no human level given; 0 used as proxy' */
  readonly humanNote: string | null;
  readonly findings: readonly Finding[];
}

export interface DecisionOptions {
  /** spec baselines.human, e.g. { auc: 0.85 } (in the metric's own units) */
  readonly human?: Readonly<Record<string, number>>;
  /** default: the evaluation's optimizing metric */
  readonly optimize?: string;
  /** default: the selected model */
  readonly model?: string;
  /** default: materialDifference(metric, trainDev error) */
  readonly threshold?: number;
}

export const GAP_ACTIONS: Readonly<Record<GapName, string>> = {
  avoidableBias: 'reduce bias: a bigger model (more leaves/rounds, weaker regularization, richer features) or train longer',
  variance: 'reduce variance: more training data, or more regularization (smaller C, fewer leaves, early stopping)',
  dataMismatch: 'reduce data mismatch: make the training data more like dev (collect or synthesize rows like blackbox; error-analyze how they differ)',
  devOverfit: 'the model was tuned to the dev set: get a bigger blackbox (dev) set and select less aggressively',
};

const GAP_CODES: Readonly<Record<GapName, DiagnoseCode>> = {
  avoidableBias: 'HIGH_BIAS', variance: 'HIGH_VARIANCE', dataMismatch: 'DATA_MISMATCH', devOverfit: 'DEV_OVERFIT',
};

type EvaluationView = Pick<Evaluation, 'models' | 'selected' | 'optimize'>;

/** Build the decision table of one model (default: the selected one) from a run's evaluation document. */
export function diagnoseRun(evaluation: EvaluationView, opts: DecisionOptions = {}): DecisionTable {
  const metric = opts.optimize ?? evaluation.optimize;
  const m = modelOf(evaluation, opts.model);
  const human = humanError(metric, opts.human);
  const at = (split: Exclude<Level, 'human'>): number => {
    const v = m.splits[split]?.metrics[metric];
    return typeof v === 'number' ? errorOf(metric, v) : NaN;
  };
  const rows: LevelError[] = [{ level: 'human', error: human.error }, ...(['train', 'trainDev', 'blackbox', 'test'] as const).map((level) => ({ level, error: at(level) }))];
  const e = Object.fromEntries(rows.map((r) => [r.level, r.error])) as Record<Level, number>;
  const gaps: Gaps = { avoidableBias: e.train - e.human, variance: e.trainDev - e.train, dataMismatch: e.blackbox - e.trainDev, devOverfit: e.test - e.blackbox };
  const threshold = opts.threshold ?? materialDifference(metric, e.trainDev);
  const largest = largestGap(gaps);
  const material = gaps[largest] >= threshold;
  const action = material ? GAP_ACTIONS[largest] : `no gap reaches ${fmt(threshold)}; the largest is ${largest} (${fmt(gaps[largest])}): if anything, ${GAP_ACTIONS[largest]}`;
  const findings = material ? [gapFinding(m.name, metric, largest, gaps[largest], threshold, human.note)] : [];
  return { model: m.name, metric, rows, gaps, largest, action, threshold, humanNote: human.note, findings };
}

function modelOf(evaluation: EvaluationView, name: string | undefined): ModelEval {
  const want = name ?? evaluation.selected?.name ?? evaluation.models.find((x) => x.kind === 'learner')?.name;
  const m = evaluation.models.find((x) => x.name === want);
  if (!m) throw new BadInputError(`the decision table needs a model of the run; '${want ?? '(none selected)'}' is not one (models: ${evaluation.models.map((x) => x.name).join(', ')})`);
  return m;
}

/** Human-level error from baselines.human in the metric's units; 0 (a perfect score) as a declared proxy when absent. */
function humanError(metric: string, human: Readonly<Record<string, number>> | undefined): { error: number; note: string | null } {
  const v = human?.[metric];
  if (typeof v === 'number' && Number.isFinite(v)) return { error: errorOf(metric, v), note: null };
  const other = Object.keys(human ?? {});
  const tail = other.length ? ` for ${metric} (given for ${other.join(', ')})` : '';
  return { error: 0, note: `no human level given${tail}; 0 used as proxy` };
}

/** The largest finite gap; ties go to the earlier one in the table (bias before variance before mismatch). */
function largestGap(gaps: Gaps): GapName {
  let best: GapName = 'avoidableBias';
  for (const name of Object.keys(gaps) as GapName[]) {
    const v = gaps[name];
    if (Number.isFinite(v) && (!Number.isFinite(gaps[best]) || v > gaps[best])) best = name;
  }
  return best;
}

function gapFinding(model: string, metric: string, gap: GapName, value: number, threshold: number, humanNote: string | null): Finding {
  const proxied = gap === 'avoidableBias' && humanNote !== null;
  const proxy = proxied ? ` (${humanNote}, so part of it may be unavoidable)` : '';
  const message = `${model}: ${gap} ${fmt(value)} on the ${metric} error scale is the largest gap (≥ ${fmt(threshold)})${proxy}; ${GAP_ACTIONS[gap]}`;
  // measured against a proxy the bias figure is an upper bound, so it informs rather than warns
  return finding(GAP_CODES[gap], proxied ? 'info' : 'warning', message, { model, metric, gap, value, threshold, humanProxy: proxied });
}

function fmt(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(3))) : 'n/a';
}
