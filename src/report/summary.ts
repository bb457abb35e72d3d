// Sections on what success means and how the models did: success definition, split sizes, models vs baselines,
// the selected model's test metrics, and the comparison with the best baseline.
import type { Evaluation, ModelEval } from '../evaluate/document.ts';
import { html, badge, mono, num, note, pairs, section, table, type Html, type Row } from './html.ts';
import { bound, count, fmt, interval, percent, pValue, signed, MISSING } from './format.ts';
import { direction, focusModel, isSelected, metricOf, SPLIT_NAMES, splitOf } from './focus.ts';

export function successSection(ev: Evaluation): Html {
  const classes = ev.classes.length > 0 ? ev.classes.join(', ') : MISSING;
  const constraints = ev.constraints.length === 0
    ? note('No satisficing constraints declared.')
    : table(['metric', 'split', 'must be'], ev.constraints.map((c) => [mono(c.metric), c.split, bound(c)]));
  return section('success', 'Success definition',
    pairs([
      ['task', ev.task],
      ['target', html`<span class="mono">${ev.target}</span>`],
      ['classes', classes],
      ['optimize', html`<span class="mono">${ev.optimize}</span> — ${direction(ev)}`],
      ['success hash', html`<span class="mono">${ev.successHash}</span>`],
    ]),
    html`<h3>Satisficing constraints</h3>`, constraints,
    note('Declared before the experiments; every run records the success hash, so a changed definition is visible.'));
}

export function splitsSection(ev: Evaluation): Html {
  const total = SPLIT_NAMES.reduce((a, s) => a + (ev.splitSizes[s] ?? 0), 0);
  const purpose: Record<string, string> = {
    train: 'fit models and preprocessing', trainDev: 'same distribution as train, held out (variance vs mismatch)',
    eyeball: 'manual error analysis', blackbox: 'model selection', test: 'final check, touched once per candidate',
  };
  const rows: Row[] = SPLIT_NAMES.map((s) => {
    const n = ev.splitSizes[s] ?? 0;
    const share = total > 0 ? n / total : 0;
    return [s, num(count(n)), num(percent(share)), html`<div class="bar" style="width:${Math.round(share * 240)}px"></div>`, purpose[s]];
  });
  rows.push([html`<strong>total</strong>`, num(count(total)), num(percent(1)), '', '']);
  return section('splits', 'Split sizes', table(['split', 'rows', 'share', '', 'used for'], rows));
}

function ciCell(m: ModelEval, ev: Evaluation): string {
  const ci = splitOf(m, 'blackbox')?.ci[ev.optimize];
  return ci ? interval(ci.low, ci.high) : MISSING;
}

/** "k/n met" over the constraints that have a measured value, plus how many could not be measured. */
function constraintCell(m: ModelEval): Html | string {
  const measured = m.constraints.filter((c) => typeof c.value === 'number' && Number.isFinite(c.value));
  const missing = m.constraints.length - measured.length;
  if (m.constraints.length === 0) return MISSING;
  const passed = measured.filter((c) => c.pass).length;
  const met = measured.length > 0 ? badge(`${passed}/${measured.length} met`, passed === measured.length ? 'good' : 'bad') : '';
  return html`${met}${missing > 0 ? html` <span class="note">${missing} not measured</span>` : ''}`;
}

function modelRow(ev: Evaluation, m: ModelEval): Row {
  const name = isSelected(ev, m) ? html`★ ${m.name}` : m.name;
  const splits = SPLIT_NAMES.map((s) => num(fmt(metricOf(m, s, ev.optimize))));
  return [name, badge(m.kind, m.kind === 'baseline' ? 'muted' : 'info'), mono(m.learner), ...splits, num(ciCell(m, ev)), constraintCell(m), num(fmt(m.fitSeconds, 3))];
}

function humanRows(ev: Evaluation): Row[] {
  const human = ev.human ?? {};
  return Object.entries(human).map(([metric, value]) => [
    'human level', badge('reference', 'warn'), mono(metric), { cell: `${fmt(value)} (${metric}, declared in the spec; not measured on a split)`, span: SPLIT_NAMES.length + 3 },
  ]);
}

export function modelsSection(ev: Evaluation): Html {
  const head = ['model', 'kind', 'learner', ...SPLIT_NAMES, 'blackbox 95% CI', 'constraints', 'fit s'];
  const rows = [...ev.models.map((m) => modelRow(ev, m)), ...humanRows(ev)];
  const cls = (i: number): string | undefined => {
    if (i >= ev.models.length) return 'reference';
    return isSelected(ev, ev.models[i]) ? 'selected' : undefined;
  };
  const why = ev.selected ? html`<p>Selected: <strong>${ev.selected.name}</strong> — ${ev.selected.reason}.</p>` : note('No model was selected.');
  return section('models', 'Baselines vs learners',
    html`<p>Optimizing metric <span class="mono">${ev.optimize}</span> on every split (${direction(ev)}); only the selected model touches test.</p>`,
    table(head, rows, cls), why);
}

export function testMetricsSection(ev: Evaluation): Html {
  const m = ev.selected ? focusModel(ev) : undefined;
  const test = splitOf(m, 'test');
  if (!m || !test) return section('test-metrics', 'Selected model on test', note('No model was scored on test (nothing was selected).'));
  const rows: Row[] = Object.entries(test.metrics).map(([name, v]) => {
    const ci = test.ci[name];
    const label = name === ev.optimize ? html`<strong class="mono">${name}</strong> (optimized)` : html`<span class="mono">${name}</span>`;
    return [label, num(fmt(v)), num(ci ? interval(ci.low, ci.high) : MISSING), num(fmt(metricOf(m, 'blackbox', name)))];
  });
  return section('test-metrics', `Selected model on test: ${m.name}`,
    html`<p>${count(test.n)} test rows.</p>`, table(['metric', 'test', 'test 95% CI', 'blackbox'], rows));
}

export function comparisonSection(ev: Evaluation): Html {
  const c = ev.comparison;
  if (!c) return section('comparison', 'Comparison with the best baseline', note('No comparison was made (no model was selected, or no baseline was scored).'));
  const verdict = c.significant ? badge('significantly better', 'good') : badge('not significantly better', 'bad');
  return section('comparison', 'Comparison with the best baseline',
    html`<p>${verdict} Paired bootstrap on <strong>${c.split}</strong>: <strong>${c.model}</strong> vs baseline <strong>${c.baseline}</strong>.</p>`,
    table(['metric', 'model', 'baseline', 'delta (model − baseline)', '95% CI of delta', 'p-value'], [[
      mono(c.metric),
      num(fmt(metricOf(ev.models.find((m) => m.name === c.model), c.split, c.metric))),
      num(fmt(metricOf(ev.models.find((m) => m.name === c.baseline), c.split, c.metric))),
      num(html`<span class="${deltaClass(ev, c.delta)}">${signed(c.delta)}</span>`),
      num(interval(c.low, c.high)),
      num(pValue(c.pValue)),
    ]]));
}

/** Colour of a difference: green when it goes the optimizing direction. */
export function deltaClass(ev: Evaluation, delta: number | undefined): string {
  if (typeof delta !== 'number' || !Number.isFinite(delta) || delta === 0) return '';
  return (delta > 0) === ev.higherIsBetter ? 'better' : 'worse';
}
