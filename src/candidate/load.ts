// loadCandidate(dir): a verified bundle, predicting through exactly the pipeline + model path evaluation used.
import { readVerified } from './bundle.ts';
import { BUNDLE_FILES, type InputSchema, type Manifest, type Signature, type TestPredictions, type Verdict } from './types.ts';
import { validateRows, validateTable, type ValidateOptions } from './validate.ts';
import { FittedPipeline, type PipelineJSON, type RowValue } from '../features/pipeline.ts';
import { loadModel, type Model, type ModelJSON } from '../learners/index.ts';
import type { Table } from '../data/table.ts';
import type { Evaluation } from '../evaluate/document.ts';
import type { Json } from '../track/types.ts';

export type PredictionRow = Record<string, number | string>;

export interface Candidate {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly model: Model;
  readonly pipeline: FittedPipeline;
  readonly schema: InputSchema;
  readonly signature: Signature;
  readonly lineage: Json;
  readonly evaluation: Evaluation;
  readonly testPredictions: TestPredictions | null;
  readonly verdict: Verdict | null;
  /** JSON rows → one object per row keyed by the signature's output names. Validates first. */
  predict(rows: readonly Readonly<Record<string, RowValue>>[], opts?: ValidateOptions): PredictionRow[];
  /** JSON rows → raw outputs (P(1) per row; k per row for multiclass; values), via the single-row serving path. */
  predictRaw(rows: readonly Readonly<Record<string, RowValue>>[], opts?: ValidateOptions): Float64Array;
  /** Columnar path for files: the same pipeline.apply + model.predict that evaluation used. Validates first. */
  predictTable(table: Table, opts?: ValidateOptions): Float64Array;
  /** Raw outputs → named output objects. */
  toOutputs(raw: Float64Array): PredictionRow[];
}

export async function loadCandidate(dir: string): Promise<Candidate> {
  const { manifest, files } = readVerified(dir);
  const json = <T>(name: string): T => JSON.parse(files[name]) as T;
  const model = loadModel(json<ModelJSON>(BUNDLE_FILES.model));
  const pipeline = FittedPipeline.fromJSON(json<PipelineJSON>(BUNDLE_FILES.pipeline));
  const schema = json<InputSchema>(BUNDLE_FILES.schema);
  const signature = json<Signature>(BUNDLE_FILES.signature);
  const k = model.task === 'multiclass' ? model.nClasses : 1;
  const x = new Float64Array(pipeline.features.length);
  const toOutputs = (raw: Float64Array): PredictionRow[] => outputs(signature, raw, k);
  const predictRaw = (rows: readonly Readonly<Record<string, RowValue>>[], opts?: ValidateOptions): Float64Array => {
    validateRows(schema, rows, opts);
    const out = new Float64Array(rows.length * k);
    for (let i = 0; i < rows.length; i++) {
      pipeline.applyRow(rows[i], x);
      model.predictRow(x, out.subarray(i * k, (i + 1) * k));
    }
    return out;
  };
  return {
    dir, manifest, model, pipeline, schema, signature,
    lineage: json<Json>(BUNDLE_FILES.lineage),
    evaluation: json<Evaluation>(BUNDLE_FILES.evaluation),
    testPredictions: files[BUNDLE_FILES.testPredictions] ? json<TestPredictions>(BUNDLE_FILES.testPredictions) : null,
    verdict: files[BUNDLE_FILES.gate] ? json<Verdict>(BUNDLE_FILES.gate) : null,
    predictRaw,
    predict: (rows, opts) => toOutputs(predictRaw(rows, opts)),
    predictTable(table, opts) {
      validateTable(schema, table, opts);
      return model.predict(pipeline.apply(table));
    },
    toOutputs,
  };
}

function outputs(sig: Signature, raw: Float64Array, k: number): PredictionRow[] {
  const n = raw.length / k;
  const rows: PredictionRow[] = [];
  for (let i = 0; i < n; i++) {
    if (sig.task === 'regression') rows.push({ prediction: raw[i] });
    else if (sig.task === 'binary') rows.push({ [`p_${sig.classes[1]}`]: raw[i], label: raw[i] > 0.5 ? sig.classes[1] : sig.classes[0] });
    else {
      const row: PredictionRow = {};
      let best = 0;
      for (let c = 0; c < k; c++) {
        row[`p_${sig.classes[c]}`] = raw[i * k + c];
        if (raw[i * k + c] > raw[i * k + best]) best = c;
      }
      row.label = sig.classes[best];
      rows.push(row);
    }
  }
  return rows;
}
