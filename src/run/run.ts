// `gauntlet run`: spec → data → splits → features → baselines + learners → evaluate → select → test once → record.
import { prepare, type Prepared } from './prepare.ts';
import { Pipelines, trainLearner, predictRows, gatherY, type Trained } from './train.ts';
import { gitInfo, environment, systemMetrics } from './lineage.ts';
import { collectSamples } from './samples.ts';
import type { Splits } from '../data/splits.ts';
import { buildSlices, slicePositions, type SliceMask } from '../data/slices.ts';
import { rowObject, takeRows } from '../data/table.ts';
import { fitZeroRule } from '../baselines/zero-rule.ts';
import { fitHeuristic } from '../baselines/heuristic.ts';
import { evaluateSplit, type SplitEvalOptions, type SplitEval, type SplitData } from '../evaluate/evaluate.ts';
import { evaluateSplitParallel } from '../evaluate/parallel.ts';
import { measureServing, servingMetrics, SERVING_METRICS } from '../evaluate/serving.ts';
import { checkConstraints, metricRowsOf, EVALUATION_FORMAT, EVALUATION_VERSION, type Evaluation, type ModelEval, type Comparison } from '../evaluate/document.ts';
import { isHigherBetter, metricFn, pairedBootstrap, bootstrapCI } from '../metrics/index.ts';
import { SPLIT_NAMES, type SplitName, type Spec } from '../spec/types.ts';
import { specJson } from '../spec/success.ts';
import type { Store, Json } from '../track/types.ts';
import { GauntletError, InterruptedError } from '../util/errors.ts';
import { loadCandidate } from '../candidate/load.ts';
import { chooseCalibration, calibrated } from '../calibrate/index.ts';
import { packageCandidate, type Packaged } from './package.ts';
import { assessFairness, assessRobustness, calibrationFindings } from './assess.ts';
import type { Finding } from '../evaluate/findings.ts';
import { detectSimpsons } from '../evaluate/simpson.ts';
import { runDataChecks, blockingFindings, splitLikeRun } from '../checks/index.ts';
import { diagnose } from '../diagnose/index.ts';

/** Error-level data-check findings stop a run unless allowed with --allow CODE. */
export class DataCheckError extends GauntletError {
  constructor(readonly findings: readonly Finding[]) {
    super('DATA_CHECKS_FAILED', `data checks stopped the run: ${findings.map((f) => `${f.code}: ${f.message}`).join(' | ')} — fix the data, or pass --allow ${[...new Set(findings.map((f) => f.code))].join(',')} (recorded on the run)`, 1);
  }
}
import type { Verdict } from '../candidate/types.ts';

export interface RunOptions {
  readonly store: (specDir: string) => Promise<Store>;
  /** error-level data-check codes allowed to proceed (recorded on the run) */
  readonly allow?: readonly string[];
  /** extra params recorded on the run (e.g. { reproduces: RUN }) */
  readonly params?: Readonly<Record<string, Json>>;
  /** human-readable progress lines (stderr in the CLI) */
  readonly onProgress?: (message: string) => void;
}

export interface RunResult {
  readonly runId: string;
  readonly status: 'succeeded';
  readonly storeUri: string;
  readonly evaluation: Evaluation;
  readonly lineage: Json;
  /** the packaged candidate (absent when no learner produced a model) */
  readonly candidatePath: string | null;
  readonly candidateVersion: number | null;
  readonly reportPath: string | null;
  readonly verdict: Verdict | null;
}

/** Splits used for model comparison (test is evaluated once, for the selected model only). */
const DEV_SPLITS: readonly SplitName[] = ['train', 'trainDev', 'eyeball', 'blackbox'];

type Predictions = Partial<Record<SplitName, Float64Array>>;

export async function run(specPath: string | Spec, opts: RunOptions): Promise<RunResult> {
  const wall0 = Date.now();
  const cpu0 = process.cpuUsage();
  const log = opts.onProgress ?? (() => {});
  const p = await prepare(specPath);
  log(`loaded ${p.data.table.nRows} rows × ${p.data.table.columns.length} columns from ${p.spec.data.sourceAsWritten} (task ${p.target.task})`);
  const store = await opts.store(p.spec.dir);
  const runId = await store.createRun({ specName: p.spec.name, specPath: p.spec.file, specHash: p.specHash, successHash: p.successHash, spec: specJson(p.spec) as Json });
  if (opts.params) await store.logParams(runId, opts.params);
  if (opts.allow?.length) await store.logParams(runId, { 'checks.allow': [...opts.allow] });
  const stop = onSignals(async (signal) => {
    process.stderr.write(`\ngauntlet: ${signal}: run ${runId} recorded as interrupted\n`);
    await store.finishRun(runId, 'interrupted', null, new InterruptedError(signal).message);
    await store.close();
  });
  try {
    const result = await execute(p, store, runId, log, wall0, cpu0, opts.allow ?? []);
    await store.finishRun(runId, 'succeeded', { ...(summaryOf(result.evaluation) as Record<string, Json>), ready: result.verdict?.ready ?? null, candidate: result.candidatePath });
    return { ...result, runId, status: 'succeeded', storeUri: store.uri };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await store.finishRun(runId, 'failed', null, e instanceof GauntletError ? `${e.code}: ${message}` : message);
    throw e;
  } finally {
    stop();
    p.data.sql.close();
    await store.close();
  }
}

async function execute(p: Prepared, store: Store, runId: string, log: (m: string) => void, wall0: number, cpu0: NodeJS.CpuUsage, allow: readonly string[]) {
  const step = stepRecorder(store, runId);
  const { spec, target, data } = p;
  const table = data.table;
  await store.logParams(runId, { 'seed.splits': spec.splits.seed, 'seed.learners': spec.seed, 'splits.strategy': spec.splits.strategy, 'evaluation.bootstrap': spec.evaluation.bootstrap });

  const splits = await step('splits', () => splitLikeRun(p), (s) => ({ sizes: sizes(s) }));
  await store.logSplits(runId, splits.assignment);
  log(`splits: ${SPLIT_NAMES.map((n) => `${n} ${splits.rows[n].length}`).join(', ')}`);
  const dataFindings = await step('checks', () => runDataChecks(p, splits), (f): Json => ({ findings: f.map((x) => x.code), allowed: [...allow] }));
  for (const f of dataFindings) log(`${f.severity.toUpperCase()} ${f.code}: ${f.message}`);
  const blocking = blockingFindings(dataFindings, [...allow]);
  if (blocking.length) {
    await store.putArtifact(runId, 'data-checks', dataFindings as unknown as Json);
    throw new DataCheckError(blocking);
  }
  const slices = await step('slices', () => buildSlices(spec.slices, table, data.sql), (s) => ({ slices: s.map((x) => x.name) }));

  const pipelines = new Pipelines(takeRows(table, splits.rows.train), p.featureColumns);
  const evalOpts = (ciMetrics: string[]): SplitEvalOptions => ({
    task: target.task, nClasses: target.nClasses, ciMetrics, bootstrap: spec.evaluation.bootstrap, seed: spec.seed, slices, minSliceRows: spec.evaluation.minSliceRows,
  });
  const k = target.task === 'multiclass' ? target.nClasses : 1;
  const optimize = spec.objective.optimize;
  /** train/trainDev/eyeball: metrics and slices; blackbox/test (the deciding splits): a bootstrap CI for every metric, per slice for the optimizing one. */
  const evaluatePreds = async (preds: Predictions, names: readonly SplitName[]): Promise<ModelEval['splits']> => {
    const out: Record<string, SplitEval> = {};
    for (const n of names) {
      const data = { rows: splits.rows[n], y: gatherY(target.y, splits.rows[n]), pred: preds[n]! };
      out[n] = n === 'blackbox' || n === 'test'
        ? withSliceCIs(await evaluateSplitParallel(data, { ...evalOpts([optimize]), ciAllMetrics: true }), data, slices, optimize, target.task, target.nClasses, spec)
        : evaluateSplit(data, evalOpts([]));
    }
    return out;
  };

  // Baselines: always.
  const baselinePreds = new Map<string, Predictions>();
  const models: ModelEval[] = [];
  await step('baselines', async () => {
    const zr = fitZeroRule(target.task, gatherY(target.y, splits.rows.train), target.nClasses);
    const zrPreds = Object.fromEntries(DEV_SPLITS.map((n) => [n, zr.predict({ nRows: splits.rows[n].length, features: [], columns: [] })])) as Predictions;
    baselinePreds.set('zero_rule', zrPreds);
    models.push(baselineEval('zero_rule', await evaluatePreds(zrPreds, DEV_SPLITS), spec.objective.constraints, 'train class prior / mean'));
    if (spec.baselines.heuristic) {
      const scores = await data.sql.evalNumeric(spec.baselines.heuristic);
      const h = fitHeuristic(target.task, scores, target.y, splits.rows.train, target.nClasses);
      const hp = Object.fromEntries(DEV_SPLITS.map((n) => [n, gatherRows(h.predictions, splits.rows[n], k)])) as Predictions;
      baselinePreds.set('heuristic', hp);
      models.push(baselineEval('heuristic', await evaluatePreds(hp, DEV_SPLITS), spec.objective.constraints, `${spec.baselines.heuristic} (${h.mapping.kind})`));
      await store.putArtifact(runId, 'heuristic', h.mapping as Json);
    }
    return models.length;
  }, (n) => ({ baselines: n }));
  const champion = await step('champion', () => championBaseline(p, store, splits, log), (c): Json => (c ? { version: c.id, runId: c.runId, note: c.note } : { version: null }));
  if (champion?.preds) {
    baselinePreds.set('champion', champion.preds);
    models.push(baselineEval('champion', await evaluatePreds(champion.preds, DEV_SPLITS), spec.objective.constraints, champion.note));
  }

  // Learners.
  const trained: Trained[] = [];
  const learnerPreds = new Map<string, Predictions>();
  const fairnessExtra = new Map<string, Record<string, number>>();
  for (const rl of p.learners) {
    log(`training ${rl.id}…`);
    const fitted = await step(`fit:${rl.id}`, () => trainLearner(rl, { table, target, splits, pipelines, seed: spec.seed }), (t) => ({ seconds: t.fitSeconds, iterations: t.model.iterations ?? null }));
    const rawPreds = Object.fromEntries(DEV_SPLITS.map((n) => [n, predictRows(fitted, table, splits.rows[n])])) as Predictions;
    const { trained: t, preds, calibration } = calibrate(fitted, rawPreds, p, splits, log);
    trained.push(t);
    learnerPreds.set(t.id, preds);
    const latencyRows = Array.from(splits.rows.blackbox.subarray(0, 1000), (r) => rowObject(table, r));
    const serving = measureServing(t.model, t.pipeline, latencyRows, takeRows(table, splits.rows.blackbox));
    const evals = await evaluatePreds(preds, DEV_SPLITS);
    const fairness = assessFairness(spec, table, target, splits, preds, spec.seed);
    fairnessExtra.set(t.id, fairness.extra);
    models.push({
      name: t.id, kind: 'learner', learner: rl.learner.name, params: rl.params, splits: evals, serving, fairness: fairness.results,
      constraints: checkConstraints(spec.objective.constraints, evals, servingMetrics(serving), fairness.extra),
      fitSeconds: t.fitSeconds, iterations: fitted.model.iterations, featureSetVersion: t.pipeline.version, importance: fitted.model.importance?.(), calibration,
    });
    await store.putArtifact(runId, `model:${t.id}`, t.model.toJSON() as unknown as Json);
    await store.putArtifact(runId, `pipeline:${t.id}`, t.pipeline.toJSON() as unknown as Json);
    await store.logParams(runId, Object.fromEntries(Object.entries(rl.params).map(([key, v]) => [`learner.${t.id}.${key}`, v as Json])));
    await store.logCurves(runId, t.curves.map((c) => ({ model: t.id, ...c })));
    log(`  ${rl.id}: ${optimize} on blackbox ${fmt(evals.blackbox?.metrics[optimize])} (${t.fitSeconds.toFixed(2)} s)`);
  }

  // Select on blackbox only, then touch test once.
  const higher = isHigherBetter(optimize);
  const selected = select(models, optimize, higher);
  let comparison: Comparison | null = null;
  let championComparison: Comparison | null = null;
  const findings: Finding[] = [...dataFindings];
  const robustness: Json[] = [];
  let testPredictions: { rows: number[]; y: number[]; predictions: number[] } | null = null;
  if (selected) {
    const t = trained.find((x) => x.id === selected.name)!;
    const testPreds = predictRows(t, table, splits.rows.test);
    await store.recordTestAccess(runId, t.id, 'final evaluation of the selected model');
    learnerPreds.get(t.id)!.test = testPreds;
    const m = models.find((x) => x.name === t.id)! as { splits: ModelEval['splits']; constraints: ModelEval['constraints'] };
    Object.assign(m.splits, await evaluatePreds({ test: testPreds }, ['test']));
    const testFairness = assessFairness(spec, table, target, splits, { test: testPreds }, spec.seed);
    (m as { constraints: ModelEval['constraints'] }).constraints = checkConstraints(spec.objective.constraints, m.splits, servingMetrics(models.find((x) => x.name === t.id)!.serving!), { ...fairnessExtra.get(t.id), ...testFairness.extra });
    const selEval = models.find((x) => x.name === t.id)!;
    findings.push(...calibrationFindings(spec, selEval));
    for (const f of (selEval.fairness ?? []) as unknown as { finding?: Finding }[]) if (f.finding) findings.push(f.finding);
    findings.push(...testFairness.findings);
    const rob = await step('robustness', () => assessRobustness(spec, t, table, target, splits, optimize), (r) => ({ tests: r.results.length, findings: r.findings.map((f) => f.code) }));
    robustness.push(...rob.results);
    findings.push(...rob.findings);
    comparison = compareToBaselines(selected.name, models.filter((m) => m.kind === 'baseline'), learnerPreds, baselinePreds, target.y, splits, optimize, higher, target.task, target.nClasses, spec.seed);
    if (baselinePreds.has('champion')) championComparison = compareToBaselines(selected.name, models.filter((m) => m.name === 'champion'), learnerPreds, baselinePreds, target.y, splits, optimize, higher, target.task, target.nClasses, spec.seed);
    if (comparison) {
      const ref = baselinePreds.get(comparison.baseline)!.blackbox!;
      findings.push(...detectSimpsons({
        metric: optimize, task: target.task, nClasses: target.nClasses, higherIsBetter: higher, y: gatherY(target.y, splits.rows.blackbox),
        predCandidate: learnerPreds.get(t.id)!.blackbox!, predReference: ref, candidateName: t.id, referenceName: comparison.baseline,
        slices, rows: splits.rows.blackbox, minSliceRows: spec.evaluation.minSliceRows,
      }));
    }
    testPredictions = { rows: Array.from(splits.rows.test), y: Array.from(gatherY(target.y, splits.rows.test)), predictions: Array.from(testPreds) };
    await store.logSamples(runId, collectSamples(t, table, target, splits, spec.evaluation.samples, p.featureColumns, learnerPreds.get(t.id)!));
  }

  const evaluation: Evaluation = {
    format: EVALUATION_FORMAT, version: EVALUATION_VERSION, task: target.task, target: spec.data.target, classes: target.classes,
    optimize, higherIsBetter: higher, constraints: spec.objective.constraints, successHash: p.successHash, splitSizes: sizes(splits),
    human: spec.baselines.human, models, selected, comparison, findings, robustness,
  };
  const diagnosis = trained.length ? await step('diagnose', async () => diagnose({
    data, target, splits, evaluation, spec, models: new Map(trained.map((t) => [t.id, { model: t.model, pipeline: t.pipeline }])),
    run: { id: runId, curves: (await store.getRun(runId))?.curves ?? [] },
  }, { curves: spec.diagnose.learningCurves, seed: spec.seed, onProgress: (m) => log(m) }), (d): Json => ({ findings: d.findings.map((f) => f.code) })) : null;
  if (diagnosis) {
    findings.push(...diagnosis.findings);
    await store.putArtifact(runId, 'diagnosis', diagnosis as unknown as Json);
  }
  await store.logMetrics(runId, metricRowsOf(models));
  await store.putArtifact(runId, 'evaluation', evaluation as unknown as Json);
  const sel = trained.find((t) => t.id === selected?.name);
  const git = gitInfo(spec.dir);
  const lineage: Json = {
    git: git as unknown as Json, dataSnapshot: data.snapshotId, dataFile: spec.data.source, specHash: p.specHash, successHash: p.successHash,
    featureSetVersion: sel?.pipeline.version ?? null, seeds: { splits: spec.splits.seed, learners: spec.seed, bootstrap: spec.seed },
    categorical: [...spec.data.categorical], environment: environment(), system: systemMetrics(wall0, cpu0),
    params: Object.fromEntries(p.learners.map((l) => [l.id, l.params as Json])), storeUri: store.uri, runId,
  };
  await store.setLineage(runId, lineage);
  let packaged: Packaged | null = null;
  if (sel && testPredictions) {
    log('packaging the candidate and checking it in a fresh process…');
    packaged = await step('package', () => packageCandidate({ p, store, runId, trained: sel, evaluation, lineage, git, diagnosis: diagnosis as unknown as Json, testPredictions: testPredictions!, championComparison, previousChampion: champion ? { id: champion.id, runId: champion.runId } : null }), (x) => ({ path: x.candidatePath, version: x.candidateVersion, ready: x.verdict.ready }));
  }
  return { evaluation, lineage, candidatePath: packaged?.candidatePath ?? null, candidateVersion: packaged?.candidateVersion ?? null, reportPath: packaged?.reportPath ?? null, verdict: packaged?.verdict ?? null };
}

/**
 * Probability calibration fit on trainDev only and, for 'auto', chosen on blackbox by log loss; the calibrator
 * becomes part of the model (the bundle predicts calibrated probabilities through the same code path).
 */
function calibrate(t: Trained, preds: Predictions, p: Prepared, splits: Splits, log: (m: string) => void): { trained: Trained; preds: Predictions; calibration?: ModelEval['calibration'] } {
  const { target, spec } = p;
  if (target.task === 'regression') return { trained: t, preds };
  const labeled = (n: SplitName) => ({ y: gatherY(target.y, splits.rows[n]), pred: preds[n]! });
  try {
    const choice = chooseCalibration(spec.calibration, target.task, labeled('trainDev'), labeled('blackbox'), target.nClasses);
    const calibration = { chosen: choice.chosen, setting: spec.calibration, candidates: choice.candidates.map((c) => ({ ...c })) };
    if (choice.chosen === 'none') return { trained: t, preds, calibration };
    log(`  ${t.id}: calibrated with ${choice.chosen} (fit on trainDev, chosen on blackbox by log loss)`);
    const model = calibrated(t.model, choice.calibrator);
    const out = Object.fromEntries(Object.entries(preds).map(([n, v]) => [n, choice.calibrator.apply(v!)])) as Predictions;
    return { trained: { ...t, model }, preds: out, calibration };
  } catch (e) {
    if (!(e instanceof GauntletError)) throw e;
    log(`  ${t.id}: calibration skipped: ${e.message}`);
    return { trained: t, preds, calibration: { chosen: 'none', setting: `${spec.calibration} (skipped: ${e.message})`, candidates: [] } };
  }
}

interface ChampionBaseline {
  readonly id: number;
  readonly runId: string;
  readonly note: string;
  readonly preds: Predictions | null;
}

/** The registry's current champion for this spec, scored on this run's splits: the production baseline to beat. */
async function championBaseline(p: Prepared, store: Store, splits: Splits, log: (m: string) => void): Promise<ChampionBaseline | null> {
  const c = await store.getAlias(p.spec.name, 'champion');
  if (!c) return null;
  try {
    const cand = await loadCandidate(c.path);
    if (cand.signature.task !== p.target.task) throw new Error(`it is a ${cand.signature.task} model, this run is ${p.target.task}`);
    const preds = Object.fromEntries(DEV_SPLITS.map((n) => [n, cand.predictTable(takeRows(p.data.table, splits.rows[n]))])) as Predictions;
    log(`champion v${c.id} (run ${c.runId}) is a baseline`);
    return { id: c.id, runId: c.runId, note: `registry champion v${c.id} from run ${c.runId}`, preds };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    log(`champion v${c.id} cannot score this data (${why}); not used as a baseline`);
    return { id: c.id, runId: c.runId, note: `champion v${c.id} could not score this data: ${why}`, preds: null };
  }
}

/** A 95% percentile-bootstrap CI of the optimizing metric for every slice with at least minSliceRows rows. */
function withSliceCIs(e: SplitEval, data: SplitData, masks: readonly SliceMask[], optimize: string, task: Prepared['target']['task'], nClasses: number, spec: Prepared['spec']): SplitEval {
  if (spec.evaluation.bootstrap <= 0) return e;
  const k = task === 'multiclass' ? nClasses : 1;
  const slices = e.slices.map((sl, i) => {
    if (sl.small) return sl;
    const mask = masks[i];
    const idx = slicePositions(mask.mask, data.rows);
    const ys = Float64Array.from(idx, (j) => data.y[j]);
    const ps = new Float64Array(idx.length * k);
    idx.forEach((j, r) => { for (let c = 0; c < k; c++) ps[r * k + c] = data.pred[j * k + c]; });
    const r = bootstrapCI(metricFn(optimize, task), ys, ps, { resamples: Math.min(spec.evaluation.bootstrap, 1000), seed: spec.seed, nClasses });
    return { ...sl, ci: { [optimize]: { low: r.low, high: r.high, level: 0.95, resamples: r.resamples } } };
  });
  return { ...e, slices };
}

function baselineEval(name: string, splits: ModelEval['splits'], constraints: Prepared['spec']['objective']['constraints'], note: string): ModelEval {
  return { name, kind: 'baseline', learner: name, params: {}, splits, constraints: checkConstraints(constraints.filter((c) => !(SERVING_METRICS as readonly string[]).includes(c.metric)), splits, {}), note };
}

/** Best optimizing metric on blackbox among learners meeting every constraint; else the best learner, flagged. */
function select(models: readonly ModelEval[], optimize: string, higher: boolean): Evaluation['selected'] {
  const learners = models.filter((m) => m.kind === 'learner' && Number.isFinite(m.splits.blackbox?.metrics[optimize]));
  const better = (a: ModelEval, b: ModelEval): ModelEval => {
    const va = a.splits.blackbox!.metrics[optimize];
    const vb = b.splits.blackbox!.metrics[optimize];
    return (higher ? va >= vb : va <= vb) ? a : b;
  };
  const ok = learners.filter((m) => m.constraints.every((c) => c.pass));
  if (ok.length) return { name: ok.reduce(better).name, reason: `best ${optimize} on blackbox among learners meeting every constraint`, constraintsMet: true };
  if (!learners.length) return null;
  return { name: learners.reduce(better).name, reason: `no learner meets every constraint; best ${optimize} on blackbox`, constraintsMet: false };
}

function compareToBaselines(model: string, baselineModels: readonly ModelEval[], learnerPreds: Map<string, Predictions>, baselinePreds: Map<string, Predictions>, y: Float64Array, splits: Splits, optimize: string, higher: boolean, task: Prepared['target']['task'], nClasses: number, seed: number): Comparison | null {
  const baselines = baselineModels.filter((m) => Number.isFinite(m.splits.blackbox?.metrics[optimize]));
  if (!baselines.length) return null;
  const best = baselines.reduce((a, b) => ((higher ? a.splits.blackbox!.metrics[optimize] >= b.splits.blackbox!.metrics[optimize] : a.splits.blackbox!.metrics[optimize] <= b.splits.blackbox!.metrics[optimize]) ? a : b));
  const yb = gatherY(y, splits.rows.blackbox);
  const r = pairedBootstrap(metricFn(optimize, task), yb, learnerPreds.get(model)!.blackbox!, baselinePreds.get(best.name)!.blackbox!, { resamples: 1000, seed, nClasses, higherIsBetter: higher });
  return { model, baseline: best.name, metric: optimize, split: 'blackbox', delta: r.delta, low: r.low, high: r.high, pValue: r.pValue, significant: r.pValue < 0.05 };
}

function gatherRows(pred: Float64Array, rows: Int32Array, k: number): Float64Array {
  const out = new Float64Array(rows.length * k);
  for (let i = 0; i < rows.length; i++) for (let c = 0; c < k; c++) out[i * k + c] = pred[rows[i] * k + c];
  return out;
}

function sizes(s: Splits): Record<SplitName, number> {
  return Object.fromEntries(SPLIT_NAMES.map((n) => [n, s.rows[n].length])) as Record<SplitName, number>;
}

function summaryOf(e: Evaluation): Json {
  const sel = e.models.find((m) => m.name === e.selected?.name);
  return {
    optimize: e.optimize,
    blackbox: sel?.splits.blackbox?.metrics[e.optimize] ?? null,
    test: sel?.splits.test?.metrics[e.optimize] ?? null,
    selected: e.selected?.name ?? null,
    beatsBaseline: e.comparison?.significant ?? null,
  };
}

/** Record each step's outcome and duration in the store. */
function stepRecorder(store: Store, runId: string) {
  return async <T>(name: string, fn: () => T | Promise<T>, detail: (t: T) => Json): Promise<T> => {
    const t0 = performance.now();
    try {
      const out = await fn();
      await store.logStep(runId, { step: name, status: 'ok', detail: detail(out), seconds: (performance.now() - t0) / 1000 });
      return out;
    } catch (e) {
      await store.logStep(runId, { step: name, status: 'failed', detail: { error: e instanceof Error ? e.message : String(e) }, seconds: (performance.now() - t0) / 1000 });
      throw e;
    }
  };
}

/** On SIGINT/SIGTERM: mark the run interrupted, then exit 130. Returns an unsubscribe function. */
function onSignals(handler: (signal: string) => Promise<void>): () => void {
  const make = (signal: NodeJS.Signals) => () => {
    void handler(signal).finally(() => process.exit(130));
  };
  const int = make('SIGINT');
  const term = make('SIGTERM');
  process.once('SIGINT', int);
  process.once('SIGTERM', term);
  return () => {
    process.off('SIGINT', int);
    process.off('SIGTERM', term);
  };
}

function fmt(v: number | undefined): string {
  return v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(4);
}

export type { SliceMask };
