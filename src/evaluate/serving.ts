// Serving figures measured on the real predict path: single-row latency (pipeline.applyRow + model.predictRow),
// batch throughput (pipeline.apply + model.predict) and the size of what would ship.
import type { Model } from '../learners/types.ts';
import type { FittedPipeline, RowValue } from '../features/pipeline.ts';
import type { Table } from '../data/table.ts';

export interface ServingEval {
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly throughputRowsPerS: number;
  readonly modelSizeBytes: number;
  readonly latencyRows: number;
}

/** Measure `model` behind `pipeline` on raw rows (objects as a client would send) and on a batch table. */
export function measureServing(model: Model, pipeline: FittedPipeline, rows: readonly Record<string, RowValue>[], batch: Table): ServingEval {
  const x = new Float64Array(pipeline.features.length);
  const out = new Float64Array(Math.max(1, model.task === 'multiclass' ? model.nClasses : 1));
  const warm = Math.min(rows.length, 200);
  for (let i = 0; i < warm; i++) {
    pipeline.applyRow(rows[i], x);
    model.predictRow(x, out);
  }
  const times = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const t0 = process.hrtime.bigint();
    pipeline.applyRow(rows[i], x);
    model.predictRow(x, out);
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  times.sort();
  const t0 = process.hrtime.bigint();
  model.predict(pipeline.apply(batch));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    latencyP50Ms: quantile(times, 0.5),
    latencyP99Ms: quantile(times, 0.99),
    throughputRowsPerS: batch.nRows / Math.max(seconds, 1e-9),
    modelSizeBytes: Buffer.byteLength(JSON.stringify(model.toJSON())) + Buffer.byteLength(JSON.stringify(pipeline.toJSON())),
    latencyRows: rows.length,
  };
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Serving metric values by the names constraints use. */
export function servingMetrics(s: ServingEval): Record<string, number> {
  return {
    latency_p50_ms: s.latencyP50Ms,
    latency_p99_ms: s.latencyP99Ms,
    throughput_rows_per_s: s.throughputRowsPerS,
    model_size_mb: s.modelSizeBytes / 1e6,
  };
}

export const SERVING_METRICS = ['latency_p50_ms', 'latency_p99_ms', 'throughput_rows_per_s', 'model_size_mb'] as const;
