// Sections on trust beyond headline metrics: findings, calibration method and per-slice reliability, fairness, behavioral tests, diagnosis.
import type { Evaluation } from '../evaluate/document.ts';
import type { Json } from '../track/types.ts';
import { html, badge, num, note, section, table, jsonBlock, type Html, type Row } from './html.ts';
import { fmt, percent, interval } from './format.ts';
import { chart, type Point, type Series } from './charts.ts';
import { focusModel } from './focus.ts';

type Obj = Record<string, unknown>;

export function findingsSection(ev: Evaluation): Html {
  const findings = ev.findings ?? [];
  if (!findings.length) return section('findings', 'Findings', note('No findings: calibration, fairness, robustness and Simpson checks raised nothing.'));
  const tone = (s: string) => (s === 'error' ? 'bad' : s === 'warning' ? 'warn' : 'info');
  const rows: Row[] = findings.map((f) => [badge(f.severity, tone(f.severity)), html`<code>${f.code}</code>`, f.message, html`<details><summary>evidence</summary>${jsonBlock(f.evidence)}</details>`]);
  return section('findings', 'Findings', html`<div class="scroll">${table(['severity', 'code', 'message', ''], rows)}</div>`);
}

export function calibrationMethodSection(ev: Evaluation): Html {
  const m = focusModel(ev);
  const cal = m?.calibration;
  const parts: Html[] = [];
  if (cal) {
    const rows: Row[] = cal.candidates.map((c) => [c.method === cal.chosen ? html`<strong>${c.method}</strong>` : c.method, num(fmt(c.logloss)), num(fmt(c.ece)), c.method === cal.chosen ? badge('chosen', 'good') : '']);
    parts.push(html`<p>Setting <code>${cal.setting}</code>; calibrators are fit on <strong>trainDev</strong> only and compared on <strong>blackbox</strong> by log loss (uncalibrated is kept unless one strictly improves it).</p>`);
    if (rows.length) parts.push(html`<div class="scroll">${table(['method', 'blackbox log loss', 'blackbox ECE', ''], rows)}</div>`);
  } else parts.push(note(ev.task === 'regression' ? 'Regression outputs values: no calibration.' : 'No calibration was recorded.'));
  const slices = m?.splits.test?.slices.filter((s) => s.reliability && s.n >= 30).slice(0, 6) ?? [];
  if (slices.length) {
    const figs = slices.map((s) => chart({
      title: `${s.name} (n=${s.n})`, xLabel: 'mean predicted', yLabel: 'observed rate', xDomain: [0, 1], yDomain: [0, 1], guides: [{ kind: 'diagonal' }],
      series: [{ name: `ECE ${fmt(s.metrics.ece)}`, points: (s.reliability ?? []).filter((b) => b.n > 0).map((b): Point => [b.meanPredicted, b.fractionPositive]) } as Series],
    }));
    parts.push(html`<h3>Reliability per slice (test)</h3><div class="charts">${figs}</div>`);
  }
  return section('calibration-method', 'Calibration method and per-slice reliability', ...parts);
}

export function fairnessSection(ev: Evaluation): Html {
  const m = focusModel(ev);
  const results = (m?.fairness ?? []) as unknown as Obj[];
  if (!results.length) return section('fairness', 'Fairness', note('No fairness_gap constraint was declared.'));
  const blocks = results.map((r) => {
    const groups = (r.groups ?? []) as Obj[];
    const rows: Row[] = groups.map((g) => [String(g.name), num(String(g.n)), num(fmt(g.value)), g.small ? badge('small: excluded', 'muted') : '']);
    const ci = (r.ci ?? []) as unknown[];
    return html`<h3>${String(r.measure)} by ${String(r.attribute)} on ${String(r.split)}: gap ${fmt(r.gap)} ${interval(ci[0], ci[1])} vs max ${fmt(r.max)} ${r.passed ? badge('pass', 'good') : badge('fail', 'bad')}</h3><div class="scroll">${table(['group', 'n', String(r.measure), ''], rows)}</div>`;
  });
  return section('fairness', 'Fairness', ...blocks);
}

export function robustnessSection(ev: Evaluation): Html {
  const results = (ev.robustness ?? []) as unknown as Obj[];
  if (!results.length) return section('robustness', 'Behavioral tests', note('No robustness tests were declared (spec key robustness: perturb / invariance / directional).'));
  const rows: Row[] = results.map((r) => {
    const ci = (r.ci ?? []) as unknown[];
    const rate = r.failureRate === null || r.failureRate === undefined ? '—' : `${percent(r.failureRate)} ${interval(ci[0], ci[1])}`;
    const metric = r.metricClean === undefined || r.metricClean === null ? '—' : `${fmt(r.metricClean)} → ${fmt(r.metricPerturbed)} (${percent(r.degradation)} worse)`;
    const verdict = r.notApplicable ? badge('n/a', 'muted') : r.passed ? badge('pass', 'good') : badge('fail', 'bad');
    const ex = (r.examples ?? []) as Json[];
    return [String(r.name), String(r.kind), String(r.change ?? ''), num(String(r.rows ?? '')), num(rate), metric, verdict, ex.length ? html`<details><summary>${ex.length} eyeball examples</summary>${jsonBlock(ex)}</details>` : ''];
  });
  return section('robustness', 'Behavioral tests',
    html`<p>Failure rates and metric changes are measured on blackbox; failing examples come from the eyeball split only.</p>`,
    html`<div class="scroll">${table(['test', 'kind', 'change', 'rows', 'failure rate (95% CI)', 'metric clean → perturbed', '', 'examples'], rows)}</div>`);
}


/** The diagnosis recorded at the end of the run: decision table, learning curves, sanity checks and weak slices. */
export function diagnosisSection(d: Json | null): Html {
  const title = 'Diagnosis: bias, variance, mismatch';
  if (!d || typeof d !== 'object') return section('diagnosis', title, note('No diagnosis was recorded for this run (run gauntlet diagnose RUN).'));
  const o = d as unknown as Obj;
  const dec = (o.decision ?? {}) as Obj;
  const rows: Row[] = ((dec.rows ?? []) as Obj[]).map((r) => [String(r.level), num(fmt(r.error))]);
  const gaps: Row[] = Object.entries((dec.gaps ?? {}) as Obj).map(([k, v]) => [k + (k === dec.largest ? ' ←' : ''), num(fmt(v))]);
  const curves = ((o.learningCurves ?? []) as Obj[]).map((c) => {
    const pts = (c.points ?? []) as Obj[];
    const series: Series[] = [
      { name: 'train error', points: pts.map((p): Point => [Number(p.rows), Number(p.trainError)]) },
      { name: 'trainDev error', points: pts.map((p): Point => [Number(p.rows), Number(p.devError)]) },
    ];
    return html`<div>${chart({ title: `${String(c.learner)}: ${String(c.verdict)}`, xLabel: 'training rows', yLabel: `${String(c.metric)} error`, series })}<p class="note">${String(c.reason)}</p></div>`;
  });
  const sanity: Row[] = ((o.sanity ?? []) as Obj[]).flatMap((s) => ((s.checks ?? []) as Obj[]).map((c) => [String(s.model), String(c.name), c.pass === true ? badge('pass', 'good') : c.pass === false ? badge('fail', 'bad') : badge('n/a', 'muted'), String(c.detail)]));
  const weak = ((((o.weakSlices ?? {}) as Obj).slices ?? []) as Obj[]).map((w): Row => [String(w.description), num(String(w.n)), num(percent(w.errorRate)), num(percent(w.restErrorRate)), num(fmt(w.adjustedP))]);
  return section('diagnosis', title,
    html`<div class="cols"><div><h3>Decision table (${String(dec.model ?? '')}, ${String(dec.metric ?? '')} error)</h3>${table(['level', 'error'], rows)}</div><div><h3>Gaps</h3>${table(['gap', 'value'], gaps)}<p><strong>Next:</strong> ${String(dec.action ?? '')}</p>${dec.humanNote ? note(String(dec.humanNote)) : ''}</div></div>`,
    curves.length ? html`<h3>Learning curves</h3><div class="charts">${curves}</div>` : note('Learning curves were not computed (diagnose.learningCurves: false).'),
    sanity.length ? html`<h3>Sanity checks</h3><div class="scroll">${table(['model', 'check', '', 'detail'], sanity)}</div>` : '',
    html`<h3>Weak slices (blackbox errors, statistics only)</h3>`,
    weak.length ? html`<div class="scroll">${table(['slice', 'n', 'error rate', 'rest', 'adjusted p'], weak)}</div>` : note('No slice has a significantly higher error rate.'));
}
