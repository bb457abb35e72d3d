// loadCalibrator: validate a CalibratorJSON read from disk and rebuild the calibrator; errors name the key at fault.
import { DataError } from '../util/errors.ts';
import { buildCalibrator } from './build.ts';
import { checkMethod } from './fit.ts';
import { CALIBRATOR_FORMAT, CALIBRATOR_VERSION, type Calibrator, type CalibratorJSON, type IsotonicParams, type PlattParams } from './types.ts';

function bad(key: string, must: string, got: unknown): DataError {
  return new DataError(`calibrator JSON: ${key} must be ${must}; got ${JSON.stringify(got)}`);
}

function record(v: unknown, key: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(key, 'an object', v);
  return v as Record<string, unknown>;
}

function finite(v: unknown, key: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(key, 'a finite number', v);
  return v;
}

function list(v: unknown, key: string): unknown[] {
  if (!Array.isArray(v) || v.length === 0) throw bad(key, 'a non-empty array', v);
  return v;
}

function platt(v: unknown, key: string): PlattParams {
  const o = record(v, key);
  return { a: finite(o.a, `${key}.a`), b: finite(o.b, `${key}.b`) };
}

function isotonic(v: unknown, key: string): IsotonicParams {
  const o = record(v, key);
  const x = list(o.x, `${key}.x`).map((e, i) => finite(e, `${key}.x[${i}]`));
  const y = list(o.y, `${key}.y`).map((e, i) => finite(e, `${key}.y[${i}]`));
  if (y.length !== x.length) throw bad(`${key}.y`, `${x.length} values, as many as ${key}.x`, y.length);
  x.forEach((e, i) => { if (i > 0 && !(e > x[i - 1])) throw bad(`${key}.x`, 'strictly increasing', `x[${i - 1}]=${x[i - 1]}, x[${i}]=${e}`); });
  y.forEach((e, i) => { if (e < 0 || e > 1) throw bad(`${key}.y[${i}]`, 'in [0, 1]', e); });
  return { x, y };
}

/** A single class list is a binary calibrator; two or more are one-vs-rest over that many classes. */
function classes<T>(v: unknown, parse: (e: unknown, key: string) => T): T[] {
  return list(v, 'classes').map((e, i) => parse(e, `classes[${i}]`));
}

function parse(o: Record<string, unknown>): CalibratorJSON {
  const header = { format: CALIBRATOR_FORMAT, version: CALIBRATOR_VERSION } as const;
  const method = checkMethod(String(o.method));
  switch (method) {
    case 'none': return { ...header, method };
    case 'platt': return { ...header, method, classes: classes(o.classes, platt) };
    case 'isotonic': return { ...header, method, classes: classes(o.classes, isotonic) };
    case 'temperature': {
      const k = o.nClasses;
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 2) throw bad('nClasses', 'an integer >= 2', k);
      const temperature = finite(o.temperature, 'temperature');
      if (temperature <= 0) throw bad('temperature', '> 0', temperature);
      return { ...header, method, nClasses: k, temperature };
    }
  }
}

/** Rebuild a calibrator from its JSON (as written by `toJSON`); predictions are bit-identical to the original's. */
export function loadCalibrator(json: unknown): Calibrator {
  const o = record(json, '(root)');
  if (o.format !== CALIBRATOR_FORMAT) throw bad('format', `'${CALIBRATOR_FORMAT}'`, o.format);
  if (o.version !== CALIBRATOR_VERSION) throw bad('version', `${CALIBRATOR_VERSION} (written by a different Gauntlet version?)`, o.version);
  return buildCalibrator(parse(o));
}
