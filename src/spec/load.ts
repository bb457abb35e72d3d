// Reading and validating gauntlet.yaml: every error names the file, the key path and the fix.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, resolve, basename } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { SpecError, BadInputError, unknownNameHint } from '../util/errors.ts';
import type { Task } from '../learners/types.ts';
import { SPLIT_NAMES, type CalibrationSetting, type RobustnessSpec, type PerturbTest, type Constraint, type LearnerSpec, type SliceSpec, type Spec, type SplitName } from './types.ts';

type Obj = Record<string, unknown>;

const TOP_KEYS = ['name', 'data', 'task', 'objective', 'splits', 'slices', 'baselines', 'learners', 'evaluation', 'seed', 'gate', 'serving', 'rollback', 'calibration', 'robustness', 'diagnose'];
const DATA_KEYS = ['source', 'target', 'id', 'exclude', 'categorical', 'time', 'eventTimes', 'production'];
const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];
const DEFAULT_FRACTIONS: Record<SplitName, number> = { train: 0.6, trainDev: 0.05, eyeball: 0.05, blackbox: 0.15, test: 0.15 };

/** Load, validate and normalize a spec file. Throws SpecError / BadInputError (exit 2). */
export function loadSpec(path: string): Spec {
  const file = resolve(path);
  if (!existsSync(file)) throw new BadInputError(`${path}: spec file not found; create it (see README "The spec") or run 'gauntlet demo' for an example`);
  if (statSync(file).isDirectory()) throw new BadInputError(`${path}: is a directory; pass the spec file (e.g. ${path}/gauntlet.yaml)`);
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    const msg = e instanceof YAMLParseError ? `${e.message.split('\n')[0]}` : String(e);
    throw new BadInputError(`${basename(file)}: not valid YAML: ${msg}`);
  }
  return parseSpec(raw, file);
}

/** Validate an already-parsed spec object; `file` anchors relative paths and error messages. */
export function parseSpec(raw: unknown, file: string): Spec {
  const ctx = new Ctx(basename(file));
  const top = ctx.obj(raw, '');
  ctx.noUnknown(top, TOP_KEYS, '');
  const dir = dirname(file);
  const data = parseData(ctx, ctx.obj(ctx.required(top, 'data', ''), 'data'), dir);
  const task = top.task === undefined ? undefined : (ctx.oneOf(top.task, TASKS, 'task') as Task);
  return {
    name: top.name === undefined ? basename(dir) || 'gauntlet' : ctx.str(top.name, 'name'),
    file,
    dir,
    data,
    task,
    objective: parseObjective(ctx, top.objective),
    splits: parseSplits(ctx, top.splits),
    slices: parseSlices(ctx, top.slices),
    baselines: parseBaselines(ctx, top.baselines),
    learners: parseLearners(ctx, top.learners),
    evaluation: parseEvaluation(ctx, top.evaluation),
    seed: top.seed === undefined ? 0 : ctx.int(top.seed, 'seed'),
    gate: parseGate(ctx, top.gate),
    serving: parseServing(ctx, top.serving, dir),
    rollback: parseRollback(ctx, top.rollback),
    calibration: top.calibration === undefined ? 'auto' : (ctx.oneOf(top.calibration, ['auto', 'platt', 'isotonic', 'temperature', 'none'], 'calibration') as CalibrationSetting),
    robustness: parseRobustness(ctx, top.robustness),
    diagnose: parseDiagnose(ctx, top.diagnose),
  };
}

function parseDiagnose(ctx: Ctx, raw: unknown): Spec['diagnose'] {
  if (raw === undefined) return { learningCurves: true };
  const d = ctx.obj(raw, 'diagnose');
  ctx.noUnknown(d, ['learningCurves'], 'diagnose');
  if (d.learningCurves !== undefined && typeof d.learningCurves !== 'boolean') throw ctx.error('diagnose.learningCurves', 'must be true or false');
  return { learningCurves: d.learningCurves !== false };
}

function parseRobustness(ctx: Ctx, raw: unknown): RobustnessSpec {
  const empty: RobustnessSpec = { perturb: [], invariance: [], directional: [], maxFailureRate: 0.02, maxDegradation: 0.05 };
  if (raw === undefined) return empty;
  const r = ctx.obj(raw, 'robustness');
  ctx.noUnknown(r, ['perturb', 'invariance', 'directional', 'max_failure_rate', 'max_degradation'], 'robustness');
  const list = (key: string): unknown[] => (r[key] === undefined ? [] : ctx.list(r[key], `robustness.${key}`));
  const fraction = (v: unknown, path: string): number => {
    const x = ctx.num(v, path);
    if (x < 0 || x > 1) throw ctx.error(path, `must be a fraction in [0, 1]; got ${x}`);
    return x;
  };
  return {
    perturb: list('perturb').map((t, i) => parsePerturb(ctx, t, `robustness.perturb[${i}]`, fraction)),
    invariance: list('invariance').map((t, i) => {
      const path = `robustness.invariance[${i}]`;
      const o = ctx.obj(t, path);
      ctx.noUnknown(o, ['feature', 'tolerance', 'name'], path);
      const feature = ctx.str(ctx.required(o, 'feature', path), `${path}.feature`);
      return { name: o.name === undefined ? `invariance:${feature}` : ctx.str(o.name, `${path}.name`), feature, tolerance: o.tolerance === undefined ? 0.01 : ctx.num(o.tolerance, `${path}.tolerance`) };
    }),
    directional: list('directional').map((t, i) => {
      const path = `robustness.directional[${i}]`;
      const o = ctx.obj(t, path);
      ctx.noUnknown(o, ['feature', 'change', 'expect', 'tolerance', 'name'], path);
      const feature = ctx.str(ctx.required(o, 'feature', path), `${path}.feature`);
      const change = String(ctx.required(o, 'change', path));
      if (!/^[+-]\d+(\.\d+)?%?$/.test(change)) throw ctx.error(`${path}.change`, `must look like "+10%", "-5%", "+1" or "-2"; got '${change}'`);
      const expect = ctx.oneOf(ctx.required(o, 'expect', path), ['increase', 'decrease'], `${path}.expect`) as 'increase' | 'decrease';
      return { name: o.name === undefined ? `directional:${feature}${change}` : ctx.str(o.name, `${path}.name`), feature, change, expect, tolerance: o.tolerance === undefined ? 0 : ctx.num(o.tolerance, `${path}.tolerance`) };
    }),
    maxFailureRate: r.max_failure_rate === undefined ? 0.02 : fraction(r.max_failure_rate, 'robustness.max_failure_rate'),
    maxDegradation: r.max_degradation === undefined ? 0.05 : fraction(r.max_degradation, 'robustness.max_degradation'),
  };
}

function parsePerturb(ctx: Ctx, raw: unknown, path: string, fraction: (v: unknown, p: string) => number): PerturbTest {
  const o = ctx.obj(raw, path);
  ctx.noUnknown(o, ['feature', 'noise', 'missing', 'rate', 'unseen', 'name'], path);
  const name = o.name === undefined ? undefined : ctx.str(o.name, `${path}.name`);
  if (o.missing !== undefined) {
    const features = ctx.strList(o.missing, `${path}.missing`);
    return { kind: 'missing', name: name ?? `missing:${features.join('+')}`, features, rate: o.rate === undefined ? 0.3 : fraction(o.rate, `${path}.rate`) };
  }
  const feature = ctx.str(ctx.required(o, 'feature', path), `${path}.feature`);
  if (o.noise !== undefined) return { kind: 'noise', name: name ?? `noise:${feature}`, feature, noise: ctx.num(o.noise, `${path}.noise`) };
  if (o.unseen !== undefined) return { kind: 'unseen', name: name ?? `unseen:${feature}`, feature, rate: fraction(o.unseen, `${path}.unseen`) };
  throw ctx.error(path, `a perturbation needs noise: (× train std), missing: [features] with rate:, or unseen: (rate)`);
}

function parseGate(ctx: Ctx, raw: unknown): Spec['gate'] {
  const d = { alpha: 0.05, maxSliceDrop: 0.1 };
  if (raw === undefined) return d;
  const g = ctx.obj(raw, 'gate');
  ctx.noUnknown(g, ['alpha', 'sliceFloor', 'maxSliceDrop'], 'gate');
  const alpha = g.alpha === undefined ? d.alpha : ctx.num(g.alpha, 'gate.alpha');
  if (alpha <= 0 || alpha >= 0.5) throw ctx.error('gate.alpha', `must be in (0, 0.5); got ${alpha}`);
  const maxSliceDrop = g.maxSliceDrop === undefined ? d.maxSliceDrop : ctx.num(g.maxSliceDrop, 'gate.maxSliceDrop');
  if (maxSliceDrop < 0) throw ctx.error('gate.maxSliceDrop', `must be >= 0 (a fraction of the overall metric); got ${maxSliceDrop}`);
  return { alpha, maxSliceDrop, sliceFloor: g.sliceFloor === undefined ? undefined : ctx.num(g.sliceFloor, 'gate.sliceFloor') };
}

function parseServing(ctx: Ctx, raw: unknown, dir: string): Spec['serving'] {
  if (raw === undefined) return { trainingOnly: [] };
  const s = ctx.obj(raw, 'serving');
  ctx.noUnknown(s, ['trainingOnly', 'sample'], 'serving');
  return {
    trainingOnly: ctx.strList(s.trainingOnly, 'serving.trainingOnly'),
    sample: s.sample === undefined ? undefined : resolve(dir, ctx.str(s.sample, 'serving.sample')),
  };
}

function parseRollback(ctx: Ctx, raw: unknown): Spec['rollback'] {
  if (raw === undefined) return {};
  const r = ctx.obj(raw, 'rollback');
  ctx.noUnknown(r, ['fallback'], 'rollback');
  return { fallback: r.fallback === undefined ? undefined : (ctx.oneOf(r.fallback, ['heuristic', 'zero_rule'], 'rollback.fallback') as 'heuristic' | 'zero_rule') };
}

function parseData(ctx: Ctx, d: Obj, dir: string): Spec['data'] {
  ctx.noUnknown(d, DATA_KEYS, 'data');
  const sourceAsWritten = ctx.str(ctx.required(d, 'source', 'data'), 'data.source');
  const ext = sourceAsWritten.toLowerCase().replace(/\.gz$/, '').split('.').pop();
  if (!['csv', 'parquet', 'jsonl', 'ndjson', 'json', 'tsv'].includes(ext ?? '')) {
    throw ctx.error('data.source', `unsupported file type '${sourceAsWritten}'; use a .csv, .tsv, .parquet or .jsonl file`);
  }
  return {
    source: resolve(dir, sourceAsWritten),
    sourceAsWritten,
    target: ctx.str(ctx.required(d, 'target', 'data'), 'data.target'),
    id: d.id === undefined ? undefined : ctx.str(d.id, 'data.id'),
    exclude: ctx.strList(d.exclude, 'data.exclude'),
    categorical: ctx.strList(d.categorical, 'data.categorical'),
    time: d.time === undefined ? undefined : ctx.str(d.time, 'data.time'),
    eventTimes: ctx.strList(d.eventTimes, 'data.eventTimes'),
    production: d.production === undefined ? undefined : resolve(dir, ctx.str(d.production, 'data.production')),
  };
}

function parseObjective(ctx: Ctx, raw: unknown): Spec['objective'] {
  if (raw === undefined) throw ctx.error('objective', `missing; declare success first, e.g. objective: { optimize: auc }`);
  const o = ctx.obj(raw, 'objective');
  ctx.noUnknown(o, ['optimize', 'constraints'], 'objective');
  const optimize = ctx.str(ctx.required(o, 'optimize', 'objective'), 'objective.optimize');
  const list = o.constraints === undefined ? [] : ctx.list(o.constraints, 'objective.constraints');
  const constraints = list.map((c, i) => parseConstraint(ctx, c, `objective.constraints[${i}]`));
  return { optimize, constraints };
}

function parseConstraint(ctx: Ctx, raw: unknown, path: string): Constraint {
  const c = ctx.obj(raw, path);
  ctx.noUnknown(c, ['metric', 'max', 'min', 'split', 'attribute', 'measure'], path);
  const metric = ctx.str(ctx.required(c, 'metric', path), `${path}.metric`);
  const split0 = c.split === undefined ? 'blackbox' : (ctx.oneOf(c.split, SPLIT_NAMES, `${path}.split`) as SplitName);
  if (metric === 'fairness_gap') {
    const attribute = ctx.str(ctx.required(c, 'attribute', path), `${path}.attribute`);
    const measure = c.measure === undefined ? 'tpr' : (ctx.oneOf(c.measure, ['tpr', 'fpr', 'selection_rate', 'auc'], `${path}.measure`) as Constraint['measure']);
    const maxGap = ctx.num(ctx.required(c, 'max', path), `${path}.max`);
    return { metric, max: maxGap, split: split0, attribute, measure };
  }
  if (c.attribute !== undefined || c.measure !== undefined) throw ctx.error(path, `attribute/measure belong to { metric: fairness_gap } constraints only`);
  const max = c.max === undefined ? undefined : ctx.num(c.max, `${path}.max`);
  const min = c.min === undefined ? undefined : ctx.num(c.min, `${path}.min`);
  if (max === undefined && min === undefined) throw ctx.error(path, `a constraint needs a threshold: add max: or min:`);
  const split = c.split === undefined ? 'blackbox' : (ctx.oneOf(c.split, SPLIT_NAMES, `${path}.split`) as SplitName);
  return { metric, max, min, split };
}

function parseSplits(ctx: Ctx, raw: unknown): Spec['splits'] {
  if (raw === undefined) return { strategy: 'stratified', seed: 0, fractions: DEFAULT_FRACTIONS, dedupe: false };
  const s = ctx.obj(raw, 'splits');
  ctx.noUnknown(s, ['strategy', 'seed', 'group', 'time', 'dedupe', ...SPLIT_NAMES], 'splits');
  const strategy = s.strategy === undefined ? 'stratified' : (ctx.oneOf(s.strategy, ['random', 'stratified', 'group', 'time'], 'splits.strategy') as Spec['splits']['strategy']);
  const group = s.group === undefined ? undefined : ctx.str(s.group, 'splits.group');
  const time = s.time === undefined ? undefined : ctx.str(s.time, 'splits.time');
  if (strategy === 'group' && !group) throw ctx.error('splits.group', `strategy 'group' needs the column whose values must not cross splits, e.g. group: customer_id`);
  if (strategy === 'time' && !time) throw ctx.error('splits.time', `strategy 'time' needs the time column, e.g. time: applied_at`);
  const dedupe = s.dedupe === undefined ? false : s.dedupe === true || s.dedupe === false ? s.dedupe : (() => { throw ctx.error('splits.dedupe', `must be true or false`); })();
  const given = SPLIT_NAMES.some((n) => s[n] !== undefined);
  const fractions = { ...DEFAULT_FRACTIONS };
  if (given) {
    for (const n of SPLIT_NAMES) {
      const v = s[n] === undefined ? 0 : ctx.num(s[n], `splits.${n}`);
      if (v <= 0 || v >= 1) throw ctx.error(`splits.${n}`, `must be a fraction in (0, 1); got ${v}. Every one of the five splits needs rows`);
      fractions[n] = v;
    }
    const sum = SPLIT_NAMES.reduce((a, n) => a + fractions[n], 0);
    if (Math.abs(sum - 1) > 1e-6) {
      throw ctx.error('splits', `fractions train + trainDev + eyeball + blackbox + test must sum to 1; they sum to ${round(sum)}`);
    }
  }
  return { strategy, seed: s.seed === undefined ? 0 : ctx.int(s.seed, 'splits.seed'), fractions, group, time, dedupe };
}

function parseSlices(ctx: Ctx, raw: unknown): SliceSpec[] {
  if (raw === undefined) return [];
  const names = new Set<string>();
  return ctx.list(raw, 'slices').map((item, i) => {
    const path = `slices[${i}]`;
    const s = ctx.obj(item, path);
    ctx.noUnknown(s, ['name', 'where', 'by'], path);
    let slice: SliceSpec;
    if (s.where !== undefined) {
      const where = ctx.str(s.where, `${path}.where`);
      slice = { kind: 'where', name: s.name === undefined ? where : ctx.str(s.name, `${path}.name`), where };
    } else if (s.by !== undefined) {
      const by = ctx.str(s.by, `${path}.by`);
      slice = { kind: 'by', name: s.name === undefined ? by : ctx.str(s.name, `${path}.name`), by };
    } else {
      throw ctx.error(path, `a slice needs 'where: <SQL boolean expression>' or 'by: <column>'`);
    }
    if (names.has(slice.name)) throw ctx.error(`${path}.name`, `duplicate slice name '${slice.name}'; give each slice a unique name`);
    names.add(slice.name);
    return slice;
  });
}

function parseBaselines(ctx: Ctx, raw: unknown): Spec['baselines'] {
  if (raw === undefined) return {};
  const b = ctx.obj(raw, 'baselines');
  ctx.noUnknown(b, ['heuristic', 'human'], 'baselines');
  const heuristic = b.heuristic === undefined ? undefined : ctx.str(b.heuristic, 'baselines.heuristic');
  let human: Record<string, number> | undefined;
  if (b.human !== undefined) {
    const h = ctx.obj(b.human, 'baselines.human');
    human = {};
    for (const [k, v] of Object.entries(h)) human[k] = ctx.num(v, `baselines.human.${k}`);
  }
  return { heuristic, human };
}

function parseLearners(ctx: Ctx, raw: unknown): LearnerSpec[] | undefined {
  if (raw === undefined) return undefined;
  const list = ctx.list(raw, 'learners');
  if (list.length === 0) throw ctx.error('learners', `is empty; list at least one learner or remove the key to use every built-in learner`);
  return list.map((item, i) => {
    const keyPath = `learners[${i}]`;
    if (typeof item === 'string') return { name: item, params: {}, keyPath };
    const o = ctx.obj(item, keyPath);
    const keys = Object.keys(o);
    if (keys.length !== 1) throw ctx.error(keyPath, `write a learner as a name or as { name: { param: value } }; got keys ${keys.join(', ')}`);
    const name = keys[0];
    const params = o[name] === null || o[name] === undefined ? {} : ctx.obj(o[name], `${keyPath}.${name}`);
    return { name, params, keyPath: `${keyPath}.${name}` };
  });
}

function parseEvaluation(ctx: Ctx, raw: unknown): Spec['evaluation'] {
  const d = { bootstrap: 1000, samples: 50, minSliceRows: 30 };
  if (raw === undefined) return d;
  const e = ctx.obj(raw, 'evaluation');
  ctx.noUnknown(e, Object.keys(d), 'evaluation');
  return {
    bootstrap: e.bootstrap === undefined ? d.bootstrap : ctx.int(e.bootstrap, 'evaluation.bootstrap'),
    samples: e.samples === undefined ? d.samples : ctx.int(e.samples, 'evaluation.samples'),
    minSliceRows: e.minSliceRows === undefined ? d.minSliceRows : ctx.int(e.minSliceRows, 'evaluation.minSliceRows'),
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Type checks that produce key-path errors. */
class Ctx {
  constructor(readonly file: string) {}
  error(path: string, msg: string): SpecError {
    return new SpecError(path, msg, this.file);
  }
  obj(v: unknown, path: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw this.error(path, `must be a mapping (key: value); got ${describe(v)}`);
    }
    return v as Obj;
  }
  list(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) throw this.error(path, `must be a list; got ${describe(v)}`);
    return v;
  }
  str(v: unknown, path: string): string {
    if (typeof v !== 'string' || v.trim() === '') throw this.error(path, `must be a non-empty string; got ${describe(v)}`);
    return v;
  }
  num(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw this.error(path, `must be a number; got ${describe(v)}`);
    return v;
  }
  int(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw this.error(path, `must be an integer; got ${describe(v)}`);
    return v;
  }
  strList(v: unknown, path: string): string[] {
    if (v === undefined) return [];
    if (typeof v === 'string') return [v];
    return this.list(v, path).map((s, i) => this.str(s, `${path}[${i}]`));
  }
  oneOf(v: unknown, allowed: readonly string[], path: string): string {
    if (typeof v !== 'string' || !allowed.includes(v)) {
      throw this.error(path, `unknown value ${describe(v)}; ${unknownNameHint(String(v), allowed)}`);
    }
    return v;
  }
  required(o: Obj, key: string, path: string): unknown {
    if (o[key] === undefined || o[key] === null) throw this.error(path ? `${path}.${key}` : key, `is required`);
    return o[key];
  }
  noUnknown(o: Obj, known: readonly string[], path: string): void {
    for (const k of Object.keys(o)) {
      if (!known.includes(k)) throw this.error(path ? `${path}.${k}` : k, `unknown key; ${unknownNameHint(k, known)}`);
    }
  }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}
