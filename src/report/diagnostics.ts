// Sections on where the model is weak or unsure: slice table, reliability diagram, and training curves.
import type { Evaluation, ModelEval } from '../evaluate/document.ts';
import type { SliceEval } from '../evaluate/evaluate.ts';
import type { CurveRow } from '../track/types.ts';
import { html, badge, mono, num, note, section, table, type Html, type Row } from './html.ts';
import { count, fmt, signed } from './format.ts';
import { chart, type Point, type Series } from './charts.ts';
import { focusCaption, focusModel, metricOf, splitOf, type SplitName } from './focus.ts';
import { deltaClass } from './summary.ts';

const SLICE_SPLITS: readonly SplitName[] = ['blackbox', 'test'];

interface SliceKey {
  readonly group: string;
  readonly name: string;
}

/** Slices of the model across the splits that have them, in first-seen order. */
function sliceKeys(m: ModelEval, splits: readonly SplitName[]): SliceKey[] {
  const seen = new Map<string, SliceKey>();
  for (const s of splits) for (const sl of splitOf(m, s)?.slices ?? []) seen.set(JSON.stringify([sl.group, sl.name]), { group: sl.group, name: sl.name });
  return [...seen.values()];
}

function findSlice(m: ModelEval, split: SplitName, k: SliceKey): SliceEval | undefined {
  return splitOf(m, split)?.slices.find((s) => s.group === k.group && s.name === k.name);
}

function sliceCells(ev: Evaluation, m: ModelEval, split: SplitName, k: SliceKey): Row {
  const sl = findSlice(m, split, k);
  const overall = metricOf(m, split, ev.optimize);
  const v = sl?.metrics[ev.optimize];
  const delta = typeof v === 'number' && typeof overall === 'number' ? v - overall : undefined;
  return [num(count(sl?.n)), num(fmt(v)), num(html`<span class="${deltaClass(ev, delta)}">${signed(delta)}</span>`)];
}

export function slicesSection(ev: Evaluation): Html {
  const m = focusModel(ev);
  const splits = SLICE_SPLITS.filter((s) => (splitOf(m, s)?.slices.length ?? 0) > 0);
  if (!m || splits.length === 0) return section('slices', 'Slices', note('No slices were evaluated.'));
  const keys = sliceKeys(m, splits);
  const head = ['group', 'slice', ...splits.flatMap((s) => [`${s} n`, `${s} ${ev.optimize}`, 'Δ vs overall']), 'flag'];
  const rows: Row[] = keys.map((k) => {
    const small = splits.some((s) => findSlice(m, s, k)?.small === true);
    const flag = small ? badge('small: noisy', 'warn') : '';
    return [mono(k.group), k.name, ...splits.flatMap((s) => sliceCells(ev, m, s, k)), flag];
  });
  const overall: Row = [html`<strong>overall</strong>`, '', ...splits.flatMap((s) => [num(count(splitOf(m, s)?.n)), num(fmt(metricOf(m, s, ev.optimize))), ''] as Row), ''];
  return section('slices', 'Slices',
    html`<p>${focusCaption(ev, m)}; <span class="mono">${ev.optimize}</span> per slice. Slices flagged small have too few rows for a stable figure.</p>`,
    table(head, [overall, ...rows]));
}

/** Reliability points (mean predicted, observed positive rate) of the non-empty bins. */
function reliabilitySeries(m: ModelEval, split: SplitName): Series | undefined {
  const bins = splitOf(m, split)?.reliability ?? [];
  const points: Point[] = bins
    .filter((b) => b.n > 0 && Number.isFinite(b.meanPredicted) && Number.isFinite(b.fractionPositive))
    .map((b) => [b.meanPredicted, b.fractionPositive]);
  return points.length > 0 ? { name: `${split} (ece ${fmt(metricOf(m, split, 'ece'))})`, points, mark: 'both' } : undefined;
}

export function reliabilitySection(ev: Evaluation): Html {
  const title = 'Calibration: reliability diagram';
  if (ev.task !== 'binary') return section('calibration', title, note(`Reliability bins are recorded for binary tasks only (this task is ${ev.task}).`));
  const m = focusModel(ev);
  const series = m ? (['blackbox', 'test'] as const).map((s) => reliabilitySeries(m, s)).filter((s): s is Series => s !== undefined) : [];
  if (!m || series.length === 0) return section('calibration', title, note('No reliability bins were recorded.'));
  const fig = chart({
    title: `Reliability — ${m.name}`, xLabel: 'mean predicted probability', yLabel: 'observed positive rate',
    series, xDomain: [0, 1], yDomain: [0, 1], guides: [{ kind: 'diagonal' }],
  });
  return section('calibration', title,
    html`<p>${focusCaption(ev, m)}; 10 equal-width bins, empty bins omitted. Points on the dashed diagonal are perfectly calibrated.</p>`,
    html`<div class="charts">${fig}</div>`);
}

/** Curve rows grouped by model, in first-seen order. */
export function curvesByModel(curves: readonly CurveRow[]): Map<string, CurveRow[]> {
  const out = new Map<string, CurveRow[]>();
  for (const c of curves) out.set(c.model, [...(out.get(c.model) ?? []), c]);
  return out;
}

function curveSeries(c: CurveRow): Series {
  return { name: c.name, points: c.steps.map((s, i): Point => [s, c.values[i] ?? NaN]) };
}

export function trainingCurvesSection(curves: readonly CurveRow[]): Html {
  const title = 'Training curves';
  if (curves.length === 0) return section('training', title, note('No training curves were recorded.'));
  const figs = [...curvesByModel(curves)].map(([model, rows]) =>
    chart({ title: model, xLabel: 'iteration', yLabel: rows.length === 1 ? rows[0].name : 'value', series: rows.map(curveSeries) }));
  return section('training', title, html`<p>One chart per model; one line per recorded curve.</p>`, html`<div class="charts">${figs}</div>`);
}
