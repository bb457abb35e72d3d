// The candidate's contracts: the bundle's files, the input schema and signature, and the readiness-gate verdict.
import type { Json } from '../track/types.ts';
import type { Evaluation, Comparison } from '../evaluate/document.ts';
import type { Task } from '../learners/types.ts';

export const BUNDLE_FORMAT = 'gauntlet-candidate';
export const BUNDLE_VERSION = 1;

/** Files of a bundle directory, by role. Every file is listed with its SHA-256 in manifest.json. */
export const BUNDLE_FILES = {
  model: 'model.json',
  pipeline: 'pipeline.json',
  schema: 'schema.json',
  signature: 'signature.json',
  lineage: 'lineage.json',
  evaluation: 'evaluation.json',
  testPredictions: 'test-predictions.json',
  gate: 'gate.json',
  report: 'report.html',
} as const;

export interface Manifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly createdAt: string;
  readonly runId: string;
  readonly specName: string;
  readonly model: string;
  /** the store the run was recorded in */
  readonly storeUri: string;
  /** file name → SHA-256 hex of its bytes */
  readonly files: Readonly<Record<string, string>>;
}

/** One input column as serving must send it. */
export interface SchemaInput {
  readonly name: string;
  readonly type: 'numeric' | 'categorical';
  /** missing values seen in train (or the model handles them): null is accepted */
  readonly nullable: boolean;
  /** numeric: range seen in train (values outside are accepted; the report flags drift later) */
  readonly min?: number;
  readonly max?: number;
  /** categorical: the levels seen in train */
  readonly categories?: readonly string[];
  /** categorical: whether a level unseen in train is accepted (encoded as "no level") */
  readonly allowUnseen?: boolean;
}

export interface InputSchema {
  readonly inputs: readonly SchemaInput[];
  /** the id column, passed through to predictions when present */
  readonly id?: string;
}

export interface SignatureOutput {
  readonly name: string;
  readonly type: 'probability' | 'value' | 'label';
  readonly meaning: string;
}

export interface Signature {
  readonly task: Task;
  readonly inputs: readonly string[];
  readonly outputs: readonly SignatureOutput[];
  readonly classes: readonly string[];
}

/** Test-set predictions recorded at run time: the parity reference for the bundle. */
export interface TestPredictions {
  /** data rows (0-based) of the test split, in order */
  readonly rows: readonly number[];
  /** labels as encoded for the task */
  readonly y: readonly number[];
  /** k values per row for multiclass */
  readonly predictions: readonly number[];
}

export type GateStatus = 'pass' | 'fail' | 'not-applicable';

export interface GateItem {
  /** 1..9, in checklist order */
  readonly id: number;
  /** stable key, e.g. 'beats-baseline' */
  readonly key: string;
  readonly title: string;
  readonly status: GateStatus;
  /** one sentence: why this status */
  readonly reason: string;
  readonly evidence: Json;
}

export interface Verdict {
  readonly format: 'gauntlet-gate';
  readonly version: 1;
  /** true only when every item passes (or is not applicable) */
  readonly ready: boolean;
  readonly items: readonly GateItem[];
}

/** Everything the gate looks at. Missing evidence must make an item fail ("not evaluated: why"), never pass. */
export interface GateInput {
  readonly evaluation: Evaluation;
  readonly gate: { readonly alpha: number; readonly sliceFloor?: number; readonly maxSliceDrop: number };
  readonly minSliceRows: number;
  /** success-definition history of this spec name in the store */
  readonly success: { readonly current: string; readonly first: string | null; readonly runsWithOtherHash: number };
  readonly lineage: {
    readonly git: { readonly commit: string; readonly dirty: boolean; readonly dirtyFiles: readonly string[] } | null;
    readonly seeds: Json | null;
    readonly dataSnapshot: string | null;
    readonly environment: Json | null;
  };
  readonly schema: InputSchema | null;
  /** spec serving.trainingOnly */
  readonly trainingOnly: readonly string[];
  /** spec serving.sample, read: its columns and their types, or why it couldn't be read */
  readonly servingSample: { readonly file: string; readonly columns: readonly { name: string; type: 'numeric' | 'categorical' }[] } | { readonly file: string; readonly error: string } | null;
  /** pipeline shared by training and serving (same fitted object serialized into the bundle) */
  readonly sharedTransforms: boolean;
  /** measured: bundle (serving path) vs recorded offline test predictions */
  readonly parity: { readonly rows: number; readonly maxAbsDiff: number; readonly identical: boolean } | null;
  /** measured: bundle loaded from disk in a fresh process and predicted */
  readonly freshLoad: { readonly ok: boolean; readonly rows: number; readonly seconds: number; readonly error?: string } | null;
  /** calibration method applied to the probabilities ('none' until calibration lands) */
  readonly calibration: { readonly method: string } | null;
  /** registry: the champion this candidate would replace (rollback target), and the spec's first-release fallback */
  readonly rollback: { readonly previousChampion: { readonly id: number; readonly runId: string } | null; readonly fallback?: string };
  /** selected model vs the current champion on blackbox, when a champion exists */
  readonly championComparison: Comparison | null;
}
