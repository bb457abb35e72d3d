// The readiness gate: nine checklist items judged from recorded evidence; pure (no I/O), missing evidence fails.
import type { Json } from '../track/types.ts';
import type { Comparison, Evaluation, ModelEval } from '../evaluate/document.ts';
import type { SliceEval, SplitEval } from '../evaluate/evaluate.ts';
import type { Constraint } from '../spec/types.ts';
import { isHigherBetter } from '../metrics/index.ts';
import type { GateInput, GateItem, GateStatus, Verdict } from './types.ts';

/** An item's judgement before it is numbered. */
type Judgement = Pick<GateItem, 'status' | 'reason' | 'evidence'>;
type JsonObject = { [k: string]: Json };

interface Check {
  readonly key: string;
  readonly title: string;
  readonly judge: (g: GateInput) => Judgement;
}

/** ECE bound used when the spec declares no `ece` constraint. */
export const DEFAULT_MAX_ECE = 0.1;
/** Serving and offline predictions at most this far apart count as identical (float re-association). */
export const PARITY_TOLERANCE = 1e-12;
const DIRTY_FILES_SHOWN = 5;

const judgement = (status: GateStatus) => (reason: string, evidence: Json): Judgement => ({ status, reason, evidence });
const pass = judgement('pass');
const fail = judgement('fail');
const notApplicable = judgement('not-applicable');

// ---------- formatting (reasons name the figures) ----------

export function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x);
}

const signed = (x: number): string => (x > 0 ? `+${fmt(x)}` : fmt(x));
const fmtP = (p: number): string => fmt(p, 3);
/** NaN/±Infinity become null so evidence survives JSON. */
const num = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---------- shared lookups ----------

function selectedModel(e: Evaluation): ModelEval | undefined {
  return e.selected ? e.models.find((m) => m.name === e.selected?.name) : undefined;
}

/** Direction of the optimizing metric: the registry decides; the document's flag covers names it lacks. */
function optimizeHigherIsBetter(e: Evaluation): boolean {
  try {
    return isHigherBetter(e.optimize);
  } catch {
    return e.higherIsBetter;
  }
}

const better = (a: number, b: number, higher: boolean): boolean => (higher ? a > b : a < b);

// ---------- 1. beats-baseline ----------

function comparisonEvidence(c: Comparison): JsonObject {
  return { model: c.model, baseline: c.baseline, metric: c.metric, split: c.split, delta: num(c.delta), low: num(c.low), high: num(c.high), pValue: num(c.pValue) };
}

/** Why a comparison is not evidence about the selected model's optimizing metric on blackbox, or null. */
function comparisonMismatch(c: Comparison, model: string, e: Evaluation): string | null {
  if (c.model !== model) return `the comparison is of ${c.model}, not the selected model ${model}`;
  if (c.metric !== e.optimize) return `the comparison uses ${c.metric}, not the optimizing metric ${e.optimize}`;
  if (c.split !== 'blackbox') return `the comparison was made on ${c.split}, not blackbox`;
  return null;
}

/** A baseline strictly better on blackbox than the one compared against, if any. */
function betterBaseline(e: Evaluation, compared: string, higher: boolean): ModelEval | undefined {
  const value = (m: ModelEval): number => m.splits.blackbox?.metrics[e.optimize] ?? NaN;
  const against = e.models.find((m) => m.name === compared);
  if (!against || !Number.isFinite(value(against))) return undefined;
  return e.models.find((m) => m.kind === 'baseline' && Number.isFinite(value(m)) && better(value(m), value(against), higher));
}

interface ChampionCheck {
  readonly ok: boolean;
  readonly text: string;
  readonly evidence: Json;
}

/**
 * The selected model must not be significantly worse than the champion. pValue is one-sided for
 * "model better", so "significantly worse" is the other tail: delta on the worse side and 1 − p < α.
 */
function championCheck(g: GateInput, model: string, higher: boolean): ChampionCheck {
  const c = g.championComparison;
  if (!c) return { ok: true, text: '', evidence: null };
  const evidence = { ...comparisonEvidence(c), pWorse: num(1 - c.pValue) };
  const mismatch = comparisonMismatch(c, model, g.evaluation);
  if (mismatch) return { ok: false, text: `champion not evaluated: ${mismatch}`, evidence };
  if (!Number.isFinite(c.pValue) || !Number.isFinite(c.delta)) return { ok: false, text: `champion not evaluated: delta ${fmt(c.delta)}, p ${fmtP(c.pValue)}`, evidence };
  const worse = better(0, c.delta, higher) && 1 - c.pValue < g.gate.alpha;
  const verdict = worse ? `significantly worse (1 - p = ${fmtP(1 - c.pValue)} < α = ${g.gate.alpha})` : 'not significantly worse';
  return { ok: !worse, text: `vs champion ${c.baseline}: delta ${signed(c.delta)}, p = ${fmtP(c.pValue)}, ${verdict}`, evidence };
}

function judgeBeatsBaseline(g: GateInput): Judgement {
  const e = g.evaluation;
  const model = e.selected?.name;
  if (!model) return fail('not evaluated: no model was selected', { selected: null });
  const c = e.comparison;
  if (!c) return fail(`not evaluated: ${model} has no paired-bootstrap comparison with a baseline on blackbox`, { selected: model, comparison: null });
  const evidence: JsonObject = { ...comparisonEvidence(c), alpha: g.gate.alpha };
  const mismatch = comparisonMismatch(c, model, e);
  if (mismatch) return fail(`not evaluated: ${mismatch}`, evidence);
  const higher = optimizeHigherIsBetter(e);
  const stronger = betterBaseline(e, c.baseline, higher);
  if (stronger) return fail(`not evaluated: ${model} was compared with ${c.baseline}, but the best baseline on blackbox is ${stronger.name}`, evidence);
  const champion = championCheck(g, model, higher);
  const full = { ...evidence, champion: champion.evidence };
  const beats = c.pValue < g.gate.alpha && better(c.delta, 0, higher);
  const versus = `${model} vs ${c.baseline} on blackbox ${c.metric}: delta ${signed(c.delta)} [${signed(c.low)}, ${signed(c.high)}], p = ${fmtP(c.pValue)}`;
  const baselineText = beats ? `${versus} < α = ${g.gate.alpha}` : `${versus}, not significantly better at α = ${g.gate.alpha}`;
  const reason = champion.text ? `${baselineText}; ${champion.text}` : baselineText;
  return beats && champion.ok ? pass(reason, full) : fail(reason, full);
}

// ---------- 2. constraints ----------

const within = (v: number, c: Constraint): boolean =>
  Number.isFinite(v) && (c.max === undefined || v <= c.max) && (c.min === undefined || v >= c.min);

function constraintText(c: Constraint, v: number): string {
  const name = `${c.metric} on ${c.split}`;
  if (!Number.isFinite(v)) return `${name} not measured`;
  if (c.max !== undefined && v > c.max) return `${name} ${fmt(v)} > max ${fmt(c.max)}`;
  if (c.min !== undefined && v < c.min) return `${name} ${fmt(v)} < min ${fmt(c.min)}`;
  const bounds = [c.min === undefined ? '' : `≥ ${fmt(c.min)}`, c.max === undefined ? '' : `≤ ${fmt(c.max)}`].filter((b) => b !== '');
  return `${name} ${fmt(v)} ${bounds.join(' and ') || '(no bound)'}`;
}

/** Problems with the success definition's history, or null when it is unchanged since the first run. */
function successProblem(g: GateInput): string | null {
  const s = g.success;
  if (s.first === null) return 'not evaluated: the store has no success-definition history for this spec';
  if (s.first !== s.current) return `success definition changed after ${plural(s.runsWithOtherHash, 'run')} (first ${s.first}, now ${s.current})`;
  if (g.evaluation.successHash !== s.current) return `success definition changed since this evaluation (evaluated under ${g.evaluation.successHash}, now ${s.current})`;
  return null;
}

function judgeConstraints(g: GateInput): Judgement {
  const e = g.evaluation;
  const model = selectedModel(e);
  const success = { first: g.success.first, current: g.success.current, evaluatedUnder: e.successHash, runsWithOtherHash: g.success.runsWithOtherHash };
  if (!model) return fail('not evaluated: no model was selected', { selected: null, success });
  const rows = e.constraints.map((c) => {
    const value = model.constraints.find((r) => r.metric === c.metric && r.split === c.split)?.value ?? NaN;
    return { c, value, ok: within(value, c) };
  });
  const constraints: Json = rows.map(({ c, value, ok }) => ({ metric: c.metric, split: c.split, max: num(c.max), min: num(c.min), value: num(value), pass: ok }));
  const problems = rows.filter((r) => !r.ok).map((r) => constraintText(r.c, r.value));
  const changed = successProblem(g);
  if (changed) problems.push(changed);
  const evidence = { model: model.name, constraints, success };
  if (problems.length) return fail(problems.join('; '), evidence);
  const met = rows.length ? `all ${plural(rows.length, 'constraint')} met (${rows.map((r) => constraintText(r.c, r.value)).join(', ')})` : 'no constraints were declared';
  return pass(`${met}; success definition ${g.success.current} unchanged since the first run`, evidence);
}

// ---------- 3. slices ----------

type SliceOutcome = 'ok' | 'fail' | 'small' | 'undefined';

interface SliceJudgement {
  readonly split: string;
  readonly slice: SliceEval;
  readonly value: number;
  readonly outcome: SliceOutcome;
  readonly why: string;
}

interface SliceRules {
  readonly metric: string;
  readonly higher: boolean;
  readonly floor?: number;
  readonly maxDrop: number;
}

function judgeSlice(split: string, s: SliceEval, overall: number, r: SliceRules): SliceJudgement {
  const value = s.metrics[r.metric] ?? NaN;
  const at = { split, slice: s, value };
  if (s.small) return { ...at, outcome: 'small', why: `small (n=${s.n})` };
  if (!Number.isFinite(value)) return { ...at, outcome: 'undefined', why: `${r.metric} undefined (n=${s.n})` };
  const allowed = r.maxDrop * Math.abs(overall);
  const worseBy = r.higher ? overall - value : value - overall;
  if (r.floor !== undefined && better(r.floor, value, r.higher)) return { ...at, outcome: 'fail', why: `${fmt(value)} worse than floor ${fmt(r.floor)}` };
  if (worseBy > allowed) return { ...at, outcome: 'fail', why: `${fmt(value)} is ${fmt(worseBy)} worse than overall ${fmt(overall)} (allowed ${fmt(allowed)})` };
  return { ...at, outcome: 'ok', why: fmt(value) };
}

const sliceLabel = (j: SliceJudgement): string => `${j.slice.name} on ${j.split}`;

function sliceEvidence(j: SliceJudgement): Json {
  return { split: j.split, name: j.slice.name, group: j.slice.group, n: j.slice.n, value: num(j.value), outcome: j.outcome, why: j.why };
}

function sliceSplits(model: ModelEval): [string, SplitEval][] {
  return (['blackbox', 'test'] as const).flatMap((n) => (model.splits[n] ? [[n, model.splits[n]] as [string, SplitEval]] : []));
}

function worstSlice(ok: readonly SliceJudgement[], higher: boolean): SliceJudgement | undefined {
  return ok.reduce<SliceJudgement | undefined>((w, j) => (w === undefined || better(w.value, j.value, higher) ? j : w), undefined);
}

function judgeSlices(g: GateInput): Judgement {
  const e = g.evaluation;
  const model = selectedModel(e);
  if (!model?.splits.blackbox) return fail(`not evaluated: ${model ? `${model.name} has no blackbox evaluation` : 'no model was selected'}`, { selected: model?.name ?? null });
  const splits = sliceSplits(model);
  if (splits.every(([, s]) => s.slices.length === 0)) return notApplicable('no slices were declared in the spec', { slices: [] });
  const rules: SliceRules = { metric: e.optimize, higher: optimizeHigherIsBetter(e), floor: g.gate.sliceFloor, maxDrop: g.gate.maxSliceDrop };
  const overall = Object.fromEntries(splits.map(([n, s]) => [n, s.metrics[e.optimize] ?? NaN]));
  const unmeasured = splits.filter(([n]) => !Number.isFinite(overall[n])).map(([n]) => n);
  const evidenceBase = { metric: rules.metric, floor: num(rules.floor), maxSliceDrop: rules.maxDrop, minSliceRows: g.minSliceRows, overall: Object.fromEntries(splits.map(([n]) => [n, num(overall[n])])) };
  if (unmeasured.length) return fail(`not evaluated: overall ${e.optimize} of ${model.name} is not measured on ${unmeasured.join(', ')}`, evidenceBase);
  const all = splits.flatMap(([n, s]) => s.slices.map((sl) => judgeSlice(n, sl, overall[n], rules)));
  return sliceVerdict(all, rules, { ...evidenceBase, slices: all.map(sliceEvidence) });
}

function sliceVerdict(all: readonly SliceJudgement[], r: SliceRules, evidence: Json): Judgement {
  const failed = all.filter((j) => j.outcome === 'fail');
  const flagged = all.filter((j) => j.outcome === 'small' || j.outcome === 'undefined');
  const flags = flagged.length ? `; flagged, not judged: ${flagged.map((j) => `${sliceLabel(j)} ${j.why}`).join(', ')}` : '';
  if (failed.length) return fail(`${plural(failed.length, 'slice')} ${failed.length === 1 ? 'falls' : 'fall'} behind on ${r.metric}: ${failed.map((j) => `${sliceLabel(j)} ${j.why}`).join('; ')}${flags}`, evidence);
  const ok = all.filter((j) => j.outcome === 'ok');
  const worst = worstSlice(ok, r.higher);
  const floor = r.floor === undefined ? '' : ` and no worse than floor ${fmt(r.floor)}`;
  const head = ok.length ? `all ${plural(ok.length, 'judged slice')} within ${fmt(r.maxDrop * 100)}% of overall ${r.metric}${floor}` : 'no slice large enough to judge';
  const tail = worst ? ` (worst: ${sliceLabel(worst)} ${fmt(worst.value)})` : '';
  return pass(`${head}${tail}${flags}`, evidence);
}

/** Behavioral-test findings (robustness) fail item 3 too; Simpson's paradox is named but, being a warning about the comparison, does not fail it. */
const ROBUSTNESS_CODES = ['ROBUSTNESS_DEGRADATION', 'INVARIANCE_VIOLATION', 'DIRECTIONAL_VIOLATION'];

function judgeSlicesAndRobustness(g: GateInput): Judgement {
  const base = judgeSlices(g);
  const findings = g.evaluation.findings ?? [];
  const failing = findings.filter((f) => ROBUSTNESS_CODES.includes(f.code));
  const simpson = findings.filter((f) => f.code === 'SIMPSONS_PARADOX');
  const tests = g.evaluation.robustness?.length ?? 0;
  const evidence = { ...(base.evidence as JsonObject), robustnessTests: tests, robustnessFindings: failing.map((f) => f.code), simpsons: simpson.map((f) => f.message) };
  const note = simpson.length ? `; Simpson's paradox: ${simpson.map((f) => f.message).join('; ')}` : '';
  if (failing.length) return { status: 'fail', reason: `${failing.map((f) => `${f.code}: ${f.message}`).join('; ')}${base.status === 'fail' ? `; ${base.reason}` : ''}${note}`, evidence };
  if (tests && base.status === 'not-applicable') return { status: 'pass', reason: `no slices declared; all ${plural(tests, 'behavioral test')} passed${note}`, evidence };
  return { ...base, reason: `${base.reason}${tests ? `; all ${plural(tests, 'behavioral test')} passed` : ''}${note}`, evidence };
}

// ---------- 4. calibration ----------

function judgeCalibration(g: GateInput): Judgement {
  const e = g.evaluation;
  if (e.task === 'regression') return notApplicable('regression outputs values, not probabilities: calibration does not apply', { task: e.task });
  const model = selectedModel(e);
  const declared = e.constraints.find((c) => c.metric === 'ece' && c.max !== undefined);
  const max = declared?.max ?? DEFAULT_MAX_ECE;
  const method = g.calibration?.method ?? null;
  const ece = model?.splits.blackbox?.metrics.ece ?? NaN;
  const evidence = { task: e.task, model: model?.name ?? null, split: 'blackbox', ece: num(ece), max, maxFrom: declared ? 'constraint' : 'default', method };
  const how = `method: ${method ?? 'not recorded'}`;
  if (!model) return fail('not evaluated: no model was selected', evidence);
  if (!Number.isFinite(ece)) return fail(`not evaluated: no ECE of ${model.name} on blackbox for this ${e.task} task (${how})`, evidence);
  const bound = `${declared ? 'the ece constraint' : 'the default'} max ${fmt(max)}`;
  return ece <= max
    ? pass(`ECE ${fmt(ece)} on blackbox ≤ ${bound} (${how})`, evidence)
    : fail(`ECE ${fmt(ece)} on blackbox > ${bound} (${how}): calibrate the probabilities`, evidence);
}

// ---------- 5. serving-features ----------

/** Problems of the serving sample with respect to the schema inputs. */
function sampleProblems(g: GateInput, inputs: NonNullable<GateInput['schema']>['inputs']): string[] {
  const s = g.servingSample;
  if (!s) return [];
  if ('error' in s) return [`serving sample ${s.file} could not be read: ${s.error}`];
  const byName = new Map(s.columns.map((c) => [c.name, c.type]));
  const missing = inputs.filter((i) => !byName.has(i.name)).map((i) => i.name);
  const incompatible = inputs.filter((i) => i.type === 'numeric' && byName.get(i.name) === 'categorical').map((i) => i.name);
  const out: string[] = [];
  if (missing.length) out.push(`serving sample ${s.file} lacks input ${missing.join(', ')}`);
  if (incompatible.length) out.push(`serving sample ${s.file} has numeric input ${incompatible.join(', ')} as categorical`);
  return out;
}

function sampleEvidence(g: GateInput): Json {
  const s = g.servingSample;
  if (!s) return null;
  return 'error' in s ? { file: s.file, error: s.error } : { file: s.file, columns: s.columns.map((c) => ({ name: c.name, type: c.type })) };
}

function judgeServingFeatures(g: GateInput): Judgement {
  if (!g.schema) return fail('not evaluated: the candidate has no input schema', { schema: null });
  const inputs = g.schema.inputs;
  const trainingOnly = inputs.filter((i) => g.trainingOnly.includes(i.name)).map((i) => i.name);
  const problems = [
    ...(trainingOnly.length ? [`input ${trainingOnly.join(', ')} is training-only (serving.trainingOnly) but the model uses it`] : []),
    ...sampleProblems(g, inputs),
  ];
  const evidence = { inputs: inputs.map((i) => ({ name: i.name, type: i.type })), trainingOnly: [...g.trainingOnly], trainingOnlyInputs: trainingOnly, sample: sampleEvidence(g) };
  if (problems.length) return fail(problems.join('; '), evidence);
  const sample = g.servingSample ? `serving sample ${g.servingSample.file} has each with a compatible type` : 'no serving sample was given to check types';
  return pass(`no training-only column among ${plural(inputs.length, 'input')}; ${sample}`, evidence);
}

// ---------- 6. skew ----------

function judgeSkew(g: GateInput): Judgement {
  const p = g.parity;
  const evidence = { sharedTransforms: g.sharedTransforms, parity: p ? { rows: p.rows, maxAbsDiff: num(p.maxAbsDiff), identical: p.identical } : null, tolerance: PARITY_TOLERANCE };
  if (!g.sharedTransforms) return fail('training and serving do not share the same fitted transforms: serialize the fitted pipeline into the bundle', evidence);
  if (!p) return fail('not evaluated: serving-path predictions were not compared with the recorded offline test predictions', evidence);
  if (p.rows <= 0) return fail('not evaluated: the parity check compared 0 rows', evidence);
  if (p.identical || p.maxAbsDiff <= PARITY_TOLERANCE) return pass(`shared fitted transforms; serving path reproduces ${p.rows} offline test predictions (max |diff| ${fmt(p.maxAbsDiff)})`, evidence);
  return fail(`serving path differs from offline predictions on ${p.rows} test rows: max |diff| ${fmt(p.maxAbsDiff)} > ${PARITY_TOLERANCE}`, evidence);
}

// ---------- 7. reproducibility ----------

function gitProblem(git: GateInput['lineage']['git']): string | null {
  if (!git) return 'not in a git repository: commit the spec and data pipeline';
  if (!git.dirty) return null;
  const shown = git.dirtyFiles.slice(0, DIRTY_FILES_SHOWN).join(', ');
  const more = git.dirtyFiles.length > DIRTY_FILES_SHOWN ? ` and ${git.dirtyFiles.length - DIRTY_FILES_SHOWN} more` : '';
  const files = git.dirtyFiles.length ? `${shown}${more} (${plural(git.dirtyFiles.length, 'file')})` : 'files not listed';
  return `uncommitted changes at ${git.commit.slice(0, 12)}: ${files}; commit them`;
}

function judgeReproducibility(g: GateInput): Judgement {
  const l = g.lineage;
  const missing = (['seeds', 'dataSnapshot', 'environment'] as const).filter((k) => l[k] === null);
  const problems = [gitProblem(l.git), missing.length ? `lineage lacks ${missing.join(', ')}` : null].filter((x): x is string => x !== null);
  const git = l.git ? { commit: l.git.commit, dirty: l.git.dirty, dirtyFiles: l.git.dirtyFiles.slice(0, DIRTY_FILES_SHOWN), dirtyCount: l.git.dirtyFiles.length } : null;
  const evidence = { git, seeds: l.seeds, dataSnapshot: l.dataSnapshot, environment: l.environment };
  if (problems.length || !l.git) return fail(problems.join('; '), evidence);
  return pass(`clean commit ${l.git.commit.slice(0, 12)}, data snapshot ${l.dataSnapshot?.slice(0, 12)}, seeds and environment recorded`, evidence);
}

// ---------- 8. packaged ----------

function judgePackaged(g: GateInput): Judgement {
  const f = g.freshLoad;
  if (!f) return fail('not evaluated: the bundle was not loaded and run in a fresh process', { freshLoad: null });
  const evidence = { ok: f.ok, rows: f.rows, seconds: num(f.seconds), error: f.error ?? null };
  if (!f.ok) return fail(`loading the bundle in a fresh process failed: ${f.error ?? 'no error recorded'}`, evidence);
  if (f.rows <= 0) return fail('not evaluated: the bundle loaded in a fresh process but predicted 0 rows', evidence);
  return pass(`bundle loaded in a fresh process and predicted ${f.rows} rows in ${fmt(f.seconds, 3)} s`, evidence);
}

// ---------- 9. rollback ----------

function judgeRollback(g: GateInput): Judgement {
  const { previousChampion: prev, fallback } = g.rollback;
  const evidence = { previousChampion: prev ? { id: prev.id, runId: prev.runId } : null, fallback: fallback ?? null };
  if (prev) return pass(`rollback target: champion #${prev.id} (run ${prev.runId})`, evidence);
  if (fallback) return pass(`first release; fallback: ${fallback}`, evidence);
  return fail('no rollback target: add rollback: { fallback: heuristic } to the spec, or promote a champion first', evidence);
}

// ---------- the checklist ----------

export const CHECKS: readonly Check[] = [
  { key: 'beats-baseline', title: 'Beats the best baseline on blackbox', judge: judgeBeatsBaseline },
  { key: 'constraints', title: 'Meets constraints; success unchanged', judge: judgeConstraints },
  { key: 'slices', title: 'No slice or robustness test fails', judge: judgeSlicesAndRobustness },
  { key: 'calibration', title: 'Probabilities are calibrated', judge: judgeCalibration },
  { key: 'serving-features', title: 'Every input is available at serving', judge: judgeServingFeatures },
  { key: 'skew', title: 'No training/serving skew', judge: judgeSkew },
  { key: 'reproducibility', title: 'Reproducible from lineage', judge: judgeReproducibility },
  { key: 'packaged', title: 'Packaged and loadable in a fresh process', judge: judgePackaged },
  { key: 'rollback', title: 'Rollback path exists', judge: judgeRollback },
];

/** Judge every checklist item; ready only when each passes or does not apply. */
export function evaluateGate(input: GateInput): Verdict {
  const items: GateItem[] = CHECKS.map((c, i) => ({ id: i + 1, key: c.key, title: c.title, ...c.judge(input) }));
  return { format: 'gauntlet-gate', version: 1, ready: items.every((it) => it.status === 'pass' || it.status === 'not-applicable'), items };
}
