// GBDT hyperparameters, declared once (ParamSpec), and their conversion into a typed training config.
import { availableParallelism } from 'node:os';
import { LearnerError, unknownNameHint } from '../../util/errors.ts';
import type { FitContext, Matrix, ParamSpec, Params } from '../types.ts';

/** Object-valued param default: params.ts passes objects through when the declared default is an object. */
const NO_CONSTRAINTS = {} as unknown as string;

export const GBDT_PARAMS: readonly ParamSpec[] = [
  { name: 'rounds', type: 'int', default: 100, min: 1, max: 100000, description: 'boosting rounds (trees per class)', search: { low: 50, high: 1000, log: true } },
  { name: 'learningRate', type: 'float', default: 0.1, min: 0, minExclusive: true, max: 1, description: 'shrinkage applied to every leaf value', search: { low: 0.01, high: 0.3, log: true } },
  { name: 'numLeaves', type: 'int', default: 31, min: 2, max: 131072, description: 'maximum leaves per tree (best-first growth)', search: { low: 8, high: 256, log: true } },
  { name: 'maxDepth', type: 'int', default: -1, min: -1, max: 64, description: 'maximum tree depth; -1 = unlimited (numLeaves bounds the tree)', search: { choices: [-1, 4, 6, 8, 12] } },
  { name: 'minDataInLeaf', type: 'int', default: 20, min: 0, description: 'minimum training rows in a leaf (estimated from hessians during split search, as in LightGBM; 0 = only minSumHessian applies)', search: { low: 1, high: 200, log: true } },
  { name: 'minSumHessian', type: 'float', default: 1e-3, min: 0, description: 'minimum sum of hessians in a leaf', search: { low: 1e-4, high: 10, log: true } },
  { name: 'minGain', type: 'float', default: 0, min: 0, description: 'minimum gain to split a leaf', search: { low: 1e-6, high: 1, log: true } },
  { name: 'lambdaL2', type: 'float', default: 0, min: 0, description: 'L2 regularization of leaf values', search: { low: 1e-6, high: 10, log: true } },
  { name: 'lambdaL1', type: 'float', default: 0, min: 0, description: 'L1 regularization of leaf values', search: { low: 1e-6, high: 10, log: true } },
  { name: 'maxBin', type: 'int', default: 255, min: 2, max: 255, description: 'maximum histogram bins per feature (plus one bin for missing values)', search: { choices: [63, 127, 255] } },
  { name: 'featureFraction', type: 'float', default: 1, min: 0, minExclusive: true, max: 1, description: 'fraction of features sampled per tree', search: { low: 0.5, high: 1 } },
  { name: 'baggingFraction', type: 'float', default: 1, min: 0, minExclusive: true, max: 1, description: 'fraction of rows sampled (when baggingFreq > 0)', search: { low: 0.5, high: 1 } },
  { name: 'baggingFreq', type: 'int', default: 0, min: 0, description: 'resample rows every k rounds; 0 = no bagging', search: { choices: [0, 1, 5] } },
  { name: 'earlyStoppingRounds', type: 'int', default: 20, min: 0, description: 'stop when the validation loss has not improved for k rounds; 0 = off' },
  { name: 'objective', type: 'enum', default: 'l2', values: ['l2', 'l1', 'huber'], description: 'regression loss (classification always uses log loss)', search: { choices: ['l2', 'l1', 'huber'] } },
  { name: 'huberDelta', type: 'float', default: 1, min: 0, minExclusive: true, description: 'Huber loss: residuals beyond this are penalized linearly' },
  { name: 'maxCatThreshold', type: 'int', default: 32, min: 1, max: 255, description: 'categorical splits: at most this many categories on the smaller side' },
  { name: 'catSmooth', type: 'float', default: 10, min: 0, description: 'categorical splits: smoothing added to the hessian when ordering categories' },
  { name: 'catL2', type: 'float', default: 10, min: 0, description: 'categorical splits: extra L2 regularization' },
  { name: 'monotone', type: 'float', default: NO_CONSTRAINTS, description: 'monotone constraints by feature name: { income: 1 } (increasing), -1 (decreasing)' },
  { name: 'quantizedGradients', type: 'bool', default: true, description: 'histograms over stochastically rounded gradients packed in one number (LightGBM use_quantized_grad): faster; leaf values stay exact', search: { choices: [true, false] } },
  { name: 'threads', type: 'int', default: 0, min: 0, max: 256, description: 'worker threads; 0 = cores available (the run context overrides)' },
];

export type RegressionLoss = 'l2' | 'l1' | 'huber';

/** Resolved, typed training configuration. */
export interface GbdtConfig {
  readonly rounds: number;
  readonly learningRate: number;
  readonly numLeaves: number;
  readonly maxDepth: number;
  readonly minDataInLeaf: number;
  readonly minSumHessian: number;
  readonly minGain: number;
  readonly lambdaL2: number;
  readonly lambdaL1: number;
  readonly maxBin: number;
  readonly featureFraction: number;
  readonly baggingFraction: number;
  readonly baggingFreq: number;
  readonly earlyStoppingRounds: number;
  readonly objective: RegressionLoss;
  readonly huberDelta: number;
  readonly maxCatThreshold: number;
  readonly catSmooth: number;
  readonly catL2: number;
  /** per feature: -1, 0 or 1 */
  readonly monotone: Int8Array;
  readonly quantizedGradients: boolean;
  readonly threads: number;
}

/** Build the config from resolved params; names in `monotone` are checked against the matrix's features. */
export function toConfig(p: Params, X: Matrix, ctx: FitContext): GbdtConfig {
  const num = (k: string): number => p[k] as number;
  const threads = ctx.threads ?? (num('threads') > 0 ? num('threads') : availableParallelism());
  return {
    rounds: num('rounds'), learningRate: num('learningRate'), numLeaves: num('numLeaves'), maxDepth: num('maxDepth'),
    minDataInLeaf: num('minDataInLeaf'), minSumHessian: num('minSumHessian'), minGain: num('minGain'),
    lambdaL2: num('lambdaL2'), lambdaL1: num('lambdaL1'), maxBin: num('maxBin'),
    featureFraction: num('featureFraction'), baggingFraction: num('baggingFraction'), baggingFreq: num('baggingFreq'),
    earlyStoppingRounds: num('earlyStoppingRounds'), objective: p.objective as RegressionLoss, huberDelta: num('huberDelta'),
    maxCatThreshold: num('maxCatThreshold'), catSmooth: num('catSmooth'), catL2: num('catL2'),
    monotone: monotoneVector(p.monotone, X), quantizedGradients: p.quantizedGradients === true, threads: Math.max(1, Math.floor(threads)),
  };
}

function monotoneVector(given: Params[string], X: Matrix): Int8Array {
  const out = new Int8Array(X.features.length);
  if (given === undefined || typeof given !== 'object') return out;
  const names = X.features.map((f) => f.name);
  for (const [name, dir] of Object.entries(given)) {
    const j = names.indexOf(name);
    if (j < 0) throw new LearnerError(`gbdt: monotone.${name}: must name a feature of the training data; ${unknownNameHint(name, names)}`);
    if (dir !== -1 && dir !== 0 && dir !== 1) throw new LearnerError(`gbdt: monotone.${name} must be -1, 0 or 1. Got ${JSON.stringify(dir)} instead.`);
    if (dir !== 0 && X.features[j].kind === 'categorical') {
      throw new LearnerError(`gbdt: monotone.${name}: a monotone constraint needs a numeric feature, but '${name}' is categorical; remove it from monotone.`);
    }
    out[j] = dir;
  }
  return out;
}
