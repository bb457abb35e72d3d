// Perturbation tests: the optimizing metric on the metric table, clean vs corrupted (noise, missing, unseen levels).
import { isHigherBetter, metricFn, pairedBootstrap } from '../metrics/index.ts';
import type { PerturbTest } from '../spec/types.ts';
import { addNoise, replaceWithLevel, setMissing, unseenLevel, categoricalColumn } from './columns.ts';
import { applyTo, examplesOf, largestMoves, notApplicable, streamOf, type Prepared, type TableChange } from './engine.ts';
import { fmt, pct } from './format.ts';
import type { BehavioralResult } from './types.ts';

interface Corruption {
  readonly features: readonly string[];
  readonly change: string;
  readonly apply: TableChange;
}

function corruptionOf(p: Prepared, t: PerturbTest): Corruption {
  if (t.kind === 'missing') {
    return { features: t.features, change: `${pct(t.rate)} of ${t.features.join(', ')} set missing`, apply: (tb, rng) => setMissing(tb, t.features, t.rate, rng) };
  }
  const f = p.ctx.pipeline.json.inputs.find((x) => x.name === t.feature);
  if (t.kind === 'noise') {
    const sd = t.noise * (f?.type === 'numeric' ? f.std : NaN);
    return { features: [t.feature], change: `${t.feature} + Normal(0, ${fmt(sd)}) (${t.noise} × train std)`, apply: (tb, rng) => addNoise(tb, t.feature, sd, rng) };
  }
  const trainLevels = f?.type === 'categorical' ? f.levels : [];
  const apply: TableChange = (tb, rng) => replaceWithLevel(tb, t.feature, unseenLevel(trainLevels, categoricalColumn(tb, t.feature).levels), t.rate, rng);
  return { features: [t.feature], change: `${pct(t.rate)} of ${t.feature} values replaced by a level unseen in train`, apply };
}

/**
 * Degradation is the fraction of the clean metric lost, direction-aware (positive = worse):
 * (clean − perturbed) / |clean| for a score, (perturbed − clean) / |clean| for a loss; when the
 * clean metric is 0 the absolute loss is reported instead. The interval is a paired bootstrap
 * (clean and perturbed scored on the same resampled rows), seeded per test. Pass/fail compares
 * the point estimate with maxDegradation.
 */
export function perturbTest(p: Prepared, t: PerturbTest, threshold: number, label: number): BehavioralResult {
  const { ctx } = p;
  const c = corruptionOf(p, t);
  const m = applyTo(p, ctx.metricTable, c.apply, c.features, streamOf(ctx.seed, label, 0));
  const metric = metricFn(ctx.optimize, ctx.task);
  const higher = isHigherBetter(ctx.optimize);
  const k = ctx.nClasses;
  const clean = metric(ctx.metricY, p.cleanMetric, undefined, k);
  const perturbed = metric(ctx.metricY, m.pred, undefined, k);
  const changedRows = countRows(m.changed);
  const base = { name: t.name, kind: t.kind, features: c.features, change: c.change, threshold, rows: ctx.metricTable.nRows, skipped: 0, metric: ctx.optimize, metricClean: clean, metricPerturbed: perturbed, changedRows };
  if (!Number.isFinite(clean) || !Number.isFinite(perturbed)) return { ...base, ...notApplicable(`${ctx.optimize} is undefined on the blackbox rows`) };
  const pb = pairedBootstrap(metric, ctx.metricY, p.cleanMetric, m.pred, { seed: bootstrapSeed(ctx.seed, label), resamples: ctx.resamples ?? 1000, nClasses: k, higherIsBetter: higher });
  const scale = clean === 0 ? 1 : Math.abs(clean);
  const sign = higher ? 1 : -1;
  const degradation = (sign * pb.delta) / scale;
  const bounds = [(sign * pb.low) / scale, (sign * pb.high) / scale].sort((a, b) => a - b) as [number, number];
  const e = applyTo(p, ctx.eyeball, c.apply, c.features, streamOf(ctx.seed, label, 1));
  return {
    ...base, failures: null, failureRate: null, degradation, ci: bounds, passed: degradation <= threshold,
    examples: examplesOf(p, e, c.features, largestMoves(p, e)),
  };
}

function countRows(changed: Uint8Array): number {
  let rows = 0;
  for (const c of changed) rows += c;
  return rows;
}

function bootstrapSeed(seed: number, label: number): number {
  return (seed ^ Math.imul(label + 1, 0x9e3779b1)) >>> 0;
}
