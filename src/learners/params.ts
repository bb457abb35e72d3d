// Parameter validation from the single declaration each learner makes (ParamSpec).
import { SpecError, unknownNameHint } from '../util/errors.ts';
import type { ParamSpec, Params } from './types.ts';

/**
 * Check user-given params against the declaration and fill defaults.
 * `keyPath` is where the params live in the spec (e.g. `learners[1].gbdt`), for error messages.
 */
export function resolveParams(learner: string, specs: readonly ParamSpec[], given: Record<string, unknown>, keyPath: string): Params {
  const known = specs.map((s) => s.name);
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      throw new SpecError(`${keyPath}.${key}`, `unknown parameter of ${learner}; ${unknownNameHint(key, known)}`);
    }
  }
  const out: Record<string, Params[string]> = {};
  for (const s of specs) {
    const v = key(given, s.name) ? given[s.name] : s.default;
    out[s.name] = checkParam(learner, s, v, `${keyPath}.${s.name}`);
  }
  return out;
}

function key(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;
}

function checkParam(learner: string, s: ParamSpec, v: unknown, path: string): Params[string] {
  const what = `The '${s.name}' parameter of ${learner}`;
  if (s.type === 'bool') {
    if (typeof v !== 'boolean') throw new SpecError(path, `${what} must be true or false. Got ${JSON.stringify(v)} instead.`);
    return v;
  }
  if (s.type === 'enum') {
    if (typeof v !== 'string' || !s.values?.includes(v)) {
      throw new SpecError(path, `${what} must be one of ${s.values?.join(', ')}. Got ${JSON.stringify(v)} instead.`);
    }
    return v;
  }
  // Object-valued params (e.g. monotone: { income: -1 }) are declared as enum-less float maps by the learner itself.
  if (typeof v === 'object' && v !== null && s.default !== null && typeof s.default === 'object') return v as Record<string, number>;
  const isInt = s.type === 'int';
  if (typeof v !== 'number' || !Number.isFinite(v) || (isInt && !Number.isInteger(v))) {
    throw new SpecError(path, `${what} must be ${isInt ? 'an int' : 'a float'} in the range ${rangeText(s)}. Got ${JSON.stringify(v)} instead.`);
  }
  const lowOk = s.min === undefined || (s.minExclusive ? v > s.min : v >= s.min);
  const highOk = s.max === undefined || v <= s.max;
  if (!lowOk || !highOk) {
    throw new SpecError(path, `${what} must be ${isInt ? 'an int' : 'a float'} in the range ${rangeText(s)}. Got ${v} instead.`);
  }
  return v;
}

function rangeText(s: ParamSpec): string {
  const lo = s.min === undefined ? '(-inf' : `${s.minExclusive ? '(' : '['}${s.min}`;
  const hi = s.max === undefined ? 'inf)' : `${s.max}]`;
  return `${lo}, ${hi}`;
}
