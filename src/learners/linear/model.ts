// A fitted linear model (ridge, logistic, multinomial): scores = intercept + X·coef, then identity, sigmoid or softmax.
//
// Batch and single-row predictions sum the terms in the same order (intercept, then feature 0, 1, …), so they agree bit for bit.
import { LearnerError } from '../../util/errors.ts';
import type { Matrix, Model, ModelJSON, Params, Task } from '../types.ts';
import { checkFinite, checkMatrix } from './validate.ts';
import { sigmoid } from './logloss.ts';

export type Link = 'identity' | 'sigmoid' | 'softmax';

export const MODEL_FORMAT = 'gauntlet-model';
export const MODEL_VERSION = 1;

export interface LinearFit {
  readonly learner: string;
  readonly task: Task;
  readonly nClasses: number;
  readonly params: Params;
  readonly featureNames: readonly string[];
  /** row-major (outputs × features) */
  readonly coef: Float64Array;
  /** one per output */
  readonly intercept: Float64Array;
  /** solver iterations, when the fit is iterative */
  readonly iterations?: number;
  /** learner-specific facts about the fit (convergence, …), serialized into `state` */
  readonly info: Readonly<Record<string, number | string | boolean>>;
}

export function linkFor(task: Task): Link {
  return task === 'regression' ? 'identity' : task === 'binary' ? 'sigmoid' : 'softmax';
}

export class LinearModel implements Model {
  readonly learner: string;
  readonly task: Task;
  readonly nClasses: number;
  readonly params: Params;
  readonly iterations?: number;
  private readonly link: Link;
  private readonly nOut: number;
  private readonly nFeatures: number;

  constructor(private readonly fitted: LinearFit) {
    this.learner = fitted.learner;
    this.task = fitted.task;
    this.nClasses = fitted.nClasses;
    this.params = fitted.params;
    if (fitted.iterations !== undefined) this.iterations = fitted.iterations;
    this.link = linkFor(fitted.task);
    this.nOut = fitted.intercept.length;
    this.nFeatures = fitted.featureNames.length;
  }

  predict(X: Matrix): Float64Array {
    this.checkInput(X);
    return this.link === 'softmax' ? this.predictMulti(X) : this.predictSingle(X);
  }

  predictRow(row: Float64Array, out: Float64Array): void {
    const { coef, intercept } = this.fitted;
    const p = this.nFeatures;
    for (let k = 0; k < this.nOut; k++) {
      let s = intercept[k];
      for (let j = 0; j < p; j++) s += row[j] * coef[k * p + j];
      out[k] = s;
    }
    if (this.link === 'sigmoid') out[0] = sigmoid(out[0]);
    else if (this.link === 'softmax') softmaxInPlace(out, 0, this.nOut);
  }

  toJSON(): ModelJSON {
    const fit = this.fitted;
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      learner: fit.learner,
      task: fit.task,
      nClasses: fit.nClasses,
      featureNames: [...fit.featureNames],
      params: fit.params,
      state: { ...encodeCoefficients(fit, this.link), ...(fit.iterations === undefined ? {} : { iterations: fit.iterations }), ...fit.info },
    };
  }

  /** `coef`: signed coefficient per feature; multiclass: the L2 norm over classes, plus `coef[class k]` signed. */
  importance(): Record<string, Record<string, number>> {
    const { coef, featureNames } = this.fitted;
    const p = this.nFeatures;
    const byClass = (k: number): Record<string, number> => Object.fromEntries(featureNames.map((f, j) => [f, coef[k * p + j]]));
    if (this.link !== 'softmax') return { coef: byClass(0) };
    const out: Record<string, Record<string, number>> = { coef: Object.fromEntries(featureNames.map((f, j) => [f, classNorm(coef, j, p, this.nOut)])) };
    for (let k = 0; k < this.nOut; k++) out[`coef[class ${k}]`] = byClass(k);
    return out;
  }

  private checkInput(X: Matrix): void {
    checkMatrix(X, 'prediction');
    const names = this.fitted.featureNames;
    if (X.features.length !== names.length) {
      throw new LearnerError(`${this.learner} model expects ${names.length} features; got ${X.features.length} (apply the same fitted preprocessing as in training)`);
    }
    X.features.forEach((f, j) => {
      if (f.name !== names[j]) throw new LearnerError(`${this.learner} model expects feature ${j} to be '${names[j]}'; got '${f.name}'`);
    });
    checkFinite(this.learner, X, 'prediction');
  }

  private predictSingle(X: Matrix): Float64Array {
    const { coef, intercept } = this.fitted;
    const out = new Float64Array(X.nRows).fill(intercept[0]);
    X.columns.forEach((col, j) => {
      const w = coef[j];
      for (let i = 0; i < out.length; i++) out[i] += col[i] * w;
    });
    if (this.link === 'sigmoid') for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]);
    return out;
  }

  private predictMulti(X: Matrix): Float64Array {
    const { coef, intercept } = this.fitted;
    const k = this.nOut;
    const p = this.nFeatures;
    const out = new Float64Array(X.nRows * k);
    for (let i = 0; i < X.nRows; i++) out.set(intercept, i * k);
    X.columns.forEach((col, j) => {
      for (let i = 0; i < X.nRows; i++) {
        for (let c = 0; c < k; c++) out[i * k + c] += col[i] * coef[c * p + j];
      }
    });
    for (let i = 0; i < X.nRows; i++) softmaxInPlace(out, i * k, k);
    return out;
  }
}

/** out[offset..offset+k) ← softmax of itself (max-shifted, no allocation) */
function softmaxInPlace(out: Float64Array, offset: number, k: number): void {
  let max = -Infinity;
  for (let c = offset; c < offset + k; c++) max = Math.max(max, out[c]);
  let sum = 0;
  for (let c = offset; c < offset + k; c++) { out[c] = Math.exp(out[c] - max); sum += out[c]; }
  for (let c = offset; c < offset + k; c++) out[c] /= sum;
}

function classNorm(coef: Float64Array, j: number, p: number, k: number): number {
  let s = 0;
  for (let c = 0; c < k; c++) s += coef[c * p + j] ** 2;
  return Math.sqrt(s);
}

/** sklearn's shapes: regression coef (p) + scalar intercept; classifiers coef (outputs × p) + intercept (outputs). */
function encodeCoefficients(fit: LinearFit, link: Link): { coef: number[] | number[][]; intercept: number | number[] } {
  const p = fit.featureNames.length;
  if (link === 'identity') return { coef: Array.from(fit.coef), intercept: fit.intercept[0] };
  const rows = Array.from({ length: fit.intercept.length }, (_, k) => Array.from(fit.coef.subarray(k * p, (k + 1) * p)));
  return { coef: rows, intercept: Array.from(fit.intercept) };
}

/** Rebuild a LinearModel from its JSON, checking the header and shapes. */
export function loadLinearModel(json: ModelJSON, learner: string): LinearModel {
  checkHeader(json, learner);
  const state = asRecord(json.state, 'state');
  const p = json.featureNames.length;
  const nOut = json.task === 'multiclass' ? json.nClasses : 1;
  const coef = json.task === 'regression' ? numbers(state.coef, p, 'state.coef') : matrix(state.coef, nOut, p);
  const intercept = json.task === 'regression' ? numbers([state.intercept], 1, 'state.intercept') : numbers(state.intercept, nOut, 'state.intercept');
  const { coef: _c, intercept: _i, iterations, ...rest } = state;
  const info = Object.fromEntries(Object.entries(rest).filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v))) as Record<string, number | string | boolean>;
  return new LinearModel({
    learner, task: json.task, nClasses: json.nClasses, params: json.params, featureNames: [...json.featureNames],
    coef, intercept, info, ...(typeof iterations === 'number' ? { iterations } : {}),
  });
}

function checkHeader(json: ModelJSON, learner: string): void {
  if (json.format !== MODEL_FORMAT) throw new LearnerError(`model JSON must have format '${MODEL_FORMAT}'; got ${JSON.stringify(json.format)}`);
  if (json.version !== MODEL_VERSION) throw new LearnerError(`${learner} model JSON must have version ${MODEL_VERSION}; got ${JSON.stringify(json.version)}`);
  if (json.learner !== learner) throw new LearnerError(`this JSON holds a '${json.learner}' model; load it with that learner, not ${learner}`);
  if (!['binary', 'multiclass', 'regression'].includes(json.task)) throw new LearnerError(`model JSON has an unknown task ${JSON.stringify(json.task)}`);
  if (!Array.isArray(json.featureNames)) throw new LearnerError('model JSON must have a featureNames array');
}

function asRecord(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new LearnerError(`model JSON ${what} must be an object`);
  return v as Record<string, unknown>;
}

function numbers(v: unknown, length: number, what: string): Float64Array {
  if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new LearnerError(`model JSON ${what} must be ${length} finite numbers`);
  }
  return Float64Array.from(v as number[]);
}

function matrix(v: unknown, rows: number, cols: number): Float64Array {
  if (!Array.isArray(v) || v.length !== rows) throw new LearnerError(`model JSON state.coef must have ${rows} rows`);
  const out = new Float64Array(rows * cols);
  v.forEach((row, k) => out.set(numbers(row, cols, `state.coef[${k}]`), k * cols));
  return out;
}
