// Robustness spec checks against the model's inputs (names and kinds), and the directional `change` grammar.
import type { Table } from '../data/table.ts';
import type { FittedPipeline } from '../features/pipeline.ts';
import type { RobustnessSpec } from '../spec/types.ts';
import { SpecError, closest } from '../util/errors.ts';

export type InputKind = 'numeric' | 'categorical';

/** A directional change: 'scale' multiplies by (1 + amount), 'add' adds amount. */
export interface ParsedChange {
  readonly op: 'scale' | 'add';
  readonly amount: number;
}

/** '+10%' → scale 0.1 (×1.1); '-5%' → scale -0.05 (×0.95); '+1' → add 1; '-2' → add -2. */
export function parseChange(change: string, keyPath: string): ParsedChange {
  const m = /^([+-])(\d+(?:\.\d+)?)(%?)$/.exec(change.trim());
  if (!m) throw new SpecError(keyPath, `must look like "+10%", "-5%", "+1" or "-2"; got '${change}'`);
  const size = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return m[3] === '%' ? { op: 'scale', amount: size / 100 } : { op: 'add', amount: size };
}

export function applyChange(c: ParsedChange, x: number): number {
  return c.op === 'scale' ? x * (1 + c.amount) : x + c.amount;
}

/** Input kinds as the fitted pipeline sees them. */
export function pipelineKinds(pipeline: FittedPipeline): Map<string, InputKind> {
  return new Map(pipeline.json.inputs.map((f) => [f.name, f.type]));
}

/**
 * Throws a SpecError naming the key (e.g. `robustness.directional[0].feature`) when a test names a
 * column that is not a model input, or asks for a change the input's kind cannot take (noise or a
 * directional change on a categorical, unseen levels on a numeric). Kinds are checked when `table`
 * (any table holding the input columns, e.g. the loaded data) is given. Call it before training.
 */
export function checkRobustnessSpec(spec: RobustnessSpec, inputNames: readonly string[], table?: Table): void {
  const kinds = new Map<string, InputKind | undefined>(inputNames.map((n) => [n, table?.columns.find((c) => c.name === n)?.kind]));
  checkAgainstKinds(spec, kinds);
}

/** The same checks against known kinds (undefined kind = only the name is checked). */
export function checkAgainstKinds(spec: RobustnessSpec, kinds: ReadonlyMap<string, InputKind | undefined>): void {
  spec.perturb.forEach((t, i) => {
    const path = `robustness.perturb[${i}]`;
    if (t.kind === 'missing') t.features.forEach((f, j) => requireInput(kinds, f, `${path}.missing[${j}]`));
    else if (t.kind === 'noise') {
      requireKind(kinds, t.feature, 'numeric', `${path}.feature`, `noise needs a numeric input; for a categorical one use unseen: (rate) or missing: [${t.feature}]`);
      if (!(t.noise >= 0 && Number.isFinite(t.noise))) throw new SpecError(`${path}.noise`, `must be a number >= 0 (a multiple of the train std); got ${t.noise}`);
    } else requireKind(kinds, t.feature, 'categorical', `${path}.feature`, `unseen needs a categorical input; for a numeric one use noise: (× train std) or missing: [${t.feature}]`);
  });
  spec.invariance.forEach((t, i) => {
    requireInput(kinds, t.feature, `robustness.invariance[${i}].feature`);
    requireTolerance(t.tolerance, `robustness.invariance[${i}].tolerance`);
  });
  spec.directional.forEach((t, i) => {
    const path = `robustness.directional[${i}]`;
    requireKind(kinds, t.feature, 'numeric', `${path}.feature`, `a directional change needs a numeric input; for a categorical one use an invariance test`);
    parseChange(t.change, `${path}.change`);
    requireTolerance(t.tolerance, `${path}.tolerance`);
  });
}

function requireInput(kinds: ReadonlyMap<string, InputKind | undefined>, name: string, keyPath: string): void {
  if (kinds.has(name)) return;
  const names = [...kinds.keys()];
  const guess = closest(name, names);
  throw new SpecError(keyPath, `'${name}' is not a model input; ${guess ? `did you mean '${guess}'? ` : ''}inputs: ${names.join(', ')}`);
}

function requireKind(kinds: ReadonlyMap<string, InputKind | undefined>, name: string, kind: InputKind, keyPath: string, fix: string): void {
  requireInput(kinds, name, keyPath);
  const got = kinds.get(name);
  if (got !== undefined && got !== kind) throw new SpecError(keyPath, `'${name}' is ${got}, but ${fix}`);
}

function requireTolerance(t: number, keyPath: string): void {
  if (!(t >= 0 && Number.isFinite(t))) throw new SpecError(keyPath, `must be a number >= 0 (largest |change of output| that counts as none); got ${t}`);
}
