// A realistic, seeded ReportInput shaped like `gauntlet demo` (loans: zero rule, heuristic, logistic, gbdt), optionally with hostile strings.
import { Rng } from '../../util/rng.ts';
import type { Evaluation, ModelEval, ConstraintResult } from '../../evaluate/document.ts';
import type { SliceEval, SplitEval } from '../../evaluate/evaluate.ts';
import type { Constraint, SplitName } from '../../spec/types.ts';
import type { Params, Task } from '../../learners/types.ts';
import type { CurveRow } from '../../track/types.ts';
import type { ReportInput } from '../index.ts';
import { bins, draw, metrics, subset, type Draw } from './synthetic.ts';
import { fixtureLineage, fixtureVerdict, HOSTILE } from './fixture-run.ts';

export { HOSTILE };

export interface FixtureOptions {
  readonly task?: Task;
  readonly hostile?: boolean;
  readonly seed?: number;
}

const SIZES: Readonly<Record<SplitName, number>> = { train: 12000, trainDev: 1001, eyeball: 999, blackbox: 3000, test: 3000 };
const DRAWN: Readonly<Record<SplitName, number>> = { train: 1500, trainDev: 1001, eyeball: 999, blackbox: 3000, test: 3000 };
const REGIONS = ['central', 'east', 'north', 'south', 'west'];
const MIN_SLICE_ROWS = 30;

interface ModelPlan {
  readonly name: string;
  readonly kind: 'baseline' | 'learner';
  readonly learner: string;
  /** how blurred the model's view of the truth is (see drawBinary) */
  readonly blur: number | 'constant';
  readonly note?: string;
}

function plans(task: Task, hostile: boolean): ModelPlan[] {
  const linear = task === 'regression' ? 'ridge' : 'logistic';
  return [
    { name: 'zero_rule', kind: 'baseline', learner: 'zero_rule', blur: 'constant', note: 'train class prior / mean' },
    { name: 'heuristic', kind: 'baseline', learner: 'heuristic', blur: 1.6, note: 'late_payments * 0.2 + debt / income' },
    { name: linear, kind: 'learner', learner: linear, blur: 0.9 },
    { name: hostile ? HOSTILE.model : 'gbdt', kind: 'learner', learner: 'gbdt', blur: 0.85 },
  ];
}

function optimizeOf(task: Task): { optimize: string; higherIsBetter: boolean } {
  if (task === 'binary') return { optimize: 'auc', higherIsBetter: true };
  if (task === 'regression') return { optimize: 'rmse', higherIsBetter: false };
  return { optimize: 'accuracy', higherIsBetter: true };
}

/** Row → slice membership for one split: young (by a coin), one region per row, and a tiny (small) slice, hostile-named on request. */
function sliceRows(rng: Rng, n: number, hostile: boolean): { name: string; group: string; rows: number[] }[] {
  const young: number[] = [];
  const region: number[][] = REGIONS.map(() => []);
  for (let i = 0; i < n; i++) {
    if (rng.float() < 0.1) young.push(i);
    region[rng.int(REGIONS.length)].push(i);
  }
  const out = [{ name: 'young', group: 'young', rows: young }, ...REGIONS.map((r, j) => ({ name: `region=${r}`, group: 'region', rows: region[j] }))];
  out.push({ name: `region=${hostile ? HOSTILE.slice : 'unknown'}`, group: 'region', rows: Array.from({ length: 12 }, (_, i) => i * 7) });
  return out;
}

function splitEval(task: Task, d: Draw, split: SplitName, k: number, optimize: string, slices: ReturnType<typeof sliceRows>): SplitEval {
  const m = metrics(task, d);
  const v = m[optimize];
  const half = 1.96 * Math.sqrt(Math.max(1e-6, task === 'regression' ? v * v / (2 * d.y.length) : v * (1 - v) / (d.y.length / 4)));
  const ci = split === 'blackbox' || split === 'test' ? { [optimize]: { low: v - half, high: v + half, level: 0.95, resamples: 1000 } } : {};
  const sliceEvals: SliceEval[] = slices.map((s) => ({ name: s.name, group: s.group, n: s.rows.length, small: s.rows.length < MIN_SLICE_ROWS, metrics: metrics(task, subset(d, s.rows, k)) }));
  return { n: SIZES[split], metrics: m, ci, slices: split === 'blackbox' || split === 'test' ? sliceEvals : [], reliability: task === 'binary' ? bins(d) : undefined };
}

function constraintsOf(task: Task): Constraint[] {
  const serving: Constraint[] = [{ metric: 'latency_p99_ms', max: 5, split: 'blackbox' }, { metric: 'model_size_mb', max: 50, split: 'blackbox' }];
  return task === 'binary' ? [...serving, { metric: 'ece', max: 0.05, split: 'blackbox' }] : serving;
}

function servingOf(p: ModelPlan): ModelEval['serving'] {
  if (p.kind === 'baseline') return undefined;
  return p.learner === 'gbdt'
    ? { latencyP50Ms: 0.0121, latencyP99Ms: 0.0484, throughputRowsPerS: 412345.6, modelSizeBytes: 812345, latencyRows: 1000 }
    : { latencyP50Ms: 0.001923, latencyP99Ms: 0.00466, throughputRowsPerS: 2021522.47, modelSizeBytes: 2519, latencyRows: 1000 };
}

/** Like the real run: baselines are held to the non-serving constraints only; gbdt misses the ECE bound (so logistic is selected). */
function checked(constraints: readonly Constraint[], splits: ModelEval['splits'], serving: ModelEval['serving'], gbdt: boolean): ConstraintResult[] {
  const figures: Record<string, number> = serving ? { latency_p99_ms: serving.latencyP99Ms, model_size_mb: serving.modelSizeBytes / 1e6 } : {};
  const applicable = serving ? constraints : constraints.filter((c) => !['latency_p99_ms', 'model_size_mb'].includes(c.metric));
  return applicable.map((c) => {
    const value = figures[c.metric] ?? splits[c.split]?.metrics[c.metric] ?? NaN;
    const pass = Number.isFinite(value) && (c.max === undefined || value <= c.max) && !(gbdt && c.metric === 'ece');
    return { metric: c.metric, split: c.split, max: c.max, value: gbdt && c.metric === 'ece' ? 0.071 : value, pass };
  });
}

interface Built {
  readonly models: ModelEval[];
  readonly selectedTest: Draw;
}

function buildModels(task: Task, hostile: boolean, seed: number, optimize: string, selected: string): Built {
  const k = task === 'multiclass' ? 3 : 1;
  const splitNames: SplitName[] = ['train', 'trainDev', 'eyeball', 'blackbox', 'test'];
  const sliceSets = splitNames.map((s, i) => sliceRows(new Rng(seed * 31 + i), DRAWN[s], hostile));
  let selectedTest: Draw = { y: [], predictions: [] };
  const models = plans(task, hostile).map((p, mi): ModelEval => {
    const splits: Partial<Record<SplitName, SplitEval>> = {};
    splitNames.forEach((s, si) => {
      if (s === 'test' && p.name !== selected) return;
      const d = draw(task, new Rng(seed * 101 + si), new Rng(seed * 1009 + mi * 17 + si), DRAWN[s], p.blur);
      if (s === 'test') selectedTest = d;
      splits[s] = splitEval(task, d, s, k, optimize, sliceSets[si]);
    });
    const serving = servingOf(p);
    const base = { name: p.name, kind: p.kind, learner: p.learner, params: (p.kind === 'learner' ? { C: 1, maxIter: 500 } : {}) as Params, splits, serving };
    return { ...base, constraints: checked(constraintsOf(task), splits, serving, p.learner === 'gbdt'), fitSeconds: p.kind === 'learner' ? 0.11 * (mi + 1) : undefined, note: p.note };
  });
  return { models, selectedTest };
}

function curves(task: Task, hostile: boolean): CurveRow[] {
  const linear = task === 'regression' ? 'ridge' : 'logistic';
  const decay = (n: number, from: number, to: number, rate: number, up = 0): number[] =>
    Array.from({ length: n }, (_, i) => to + (from - to) * Math.exp(-rate * i) + up * Math.max(0, i - n / 2) / n);
  const steps = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
  const gbdt = hostile ? HOSTILE.model : 'gbdt';
  return [
    { model: linear, name: 'train_loss', steps: steps(15), values: decay(15, 0.373, 0.342, 0.6) },
    { model: linear, name: 'valid_loss', steps: steps(15), values: decay(15, 0.373, 0.345, 0.55) },
    { model: gbdt, name: 'train_loss', steps: steps(120), values: decay(120, 0.40, 0.28, 0.04) },
    { model: gbdt, name: 'valid_loss', steps: steps(120), values: decay(120, 0.40, 0.33, 0.05, 0.02) },
  ];
}

/** A whole ReportInput: the evaluation document, lineage, a gate verdict, training curves and the selected model's test predictions. */
export function reportFixture(options: FixtureOptions = {}): ReportInput {
  const task = options.task ?? 'binary';
  const hostile = options.hostile ?? false;
  const { optimize, higherIsBetter } = optimizeOf(task);
  const selected = task === 'regression' ? 'ridge' : 'logistic';
  const { models, selectedTest } = buildModels(task, hostile, options.seed ?? 7, optimize, selected);
  const bb = (name: string): number => models.find((m) => m.name === name)?.splits.blackbox?.metrics[optimize] ?? NaN;
  const delta = bb(selected) - bb('heuristic');
  const evaluation: Evaluation = {
    format: 'gauntlet-evaluation', version: 1, findings: [], task, target: task === 'regression' ? 'amount' : task === 'binary' ? 'defaulted' : 'grade',
    classes: task === 'binary' ? ['0', '1'] : task === 'multiclass' ? ['A', 'B', hostile ? HOSTILE.slice : 'C'] : [],
    optimize, higherIsBetter, constraints: constraintsOf(task), successHash: 'a408ca9ae3af04aa', splitSizes: SIZES,
    human: task === 'binary' ? { auc: 0.85 } : undefined, models,
    selected: { name: selected, reason: `best ${optimize} on blackbox among learners meeting every constraint`, constraintsMet: true },
    comparison: { model: selected, baseline: 'heuristic', metric: optimize, split: 'blackbox', delta, low: delta - Math.abs(delta) * 0.3, high: delta + Math.abs(delta) * 0.3, pValue: 0.000999, significant: (delta > 0) === higherIsBetter },
  };
  return {
    specName: hostile ? HOSTILE.specName : 'loans', runId: '20261129-130354-1c6e08', createdAt: '2026-11-29T13:03:58.000Z', evaluation,
    lineage: fixtureLineage(hostile), verdict: fixtureVerdict(hostile, optimize), curves: curves(task, hostile),
    testPredictions: { rows: selectedTest.y.map((_, i) => i * 6 + 1), y: selectedTest.y, predictions: selectedTest.predictions },
  };
}
