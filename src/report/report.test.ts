// Report unit tests: escaping of hostile strings everywhere, every section on every task, no external references, curve points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport, REPORT_SECTIONS, esc, rocPoints, prPoints, trapezoidArea, averagePrecision, confusionMatrix, classStats, residualPoints, type ReportInput } from './index.ts';
import { html, Html } from './html.ts';
import { ticks, tickLabels, thin } from './charts.ts';
import { reportFixture, HOSTILE } from './testing/fixture.ts';
import type { Task } from '../learners/types.ts';

const TASKS: readonly Task[] = ['binary', 'regression', 'multiclass'];

/** Tags the report may contain; anything else means a string got into the markup unescaped. */
const ALLOWED_TAGS = new Set([
  '!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'nav', 'main', 'section', 'h1', 'h2', 'h3', 'div', 'p', 'span', 'strong',
  'a', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'dl', 'dt', 'dd', 'ul', 'li', 'pre', 'details', 'summary', 'figure', 'figcaption',
  'svg', 'g', 'text', 'line', 'rect', 'path', 'circle',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'lang', 'charset', 'http-equiv', 'content', 'name', 'id', 'class', 'href', 'style', 'colspan', 'viewbox', 'width', 'height', 'role', 'aria-label',
  'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'd', 'stroke', 'fill', 'text-anchor', 'transform',
]);

function tags(page: string): { name: string; attrs: string[] }[] {
  const out: { name: string; attrs: string[] }[] = [];
  for (const m of page.matchAll(/<\/?([!a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>"']+(?:="[^"]*")?)*)\s*\/?>/g)) {
    out.push({ name: m[1].toLowerCase(), attrs: [...m[2].matchAll(/\s+([^\s=>"']+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase()) });
  }
  return out;
}

function assertOnlyKnownMarkup(page: string): void {
  const all = tags(page);
  const ltCount = page.split('<').length - 1;
  assert.equal(all.length, ltCount, 'every "<" in the page starts a well-formed tag (data never adds one)');
  for (const t of all) {
    assert.ok(ALLOWED_TAGS.has(t.name), `unexpected tag <${t.name}>`);
    for (const a of t.attrs) if (t.name !== '!doctype') assert.ok(ALLOWED_ATTRIBUTES.has(a), `unexpected attribute ${a} on <${t.name}>`);
  }
}

test('esc escapes the five HTML-special characters, and html`` escapes every interpolation but Html', () => {
  assert.equal(esc(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  const hostile = '<script>alert(1)</script>';
  assert.equal(html`<p title="${hostile}">${hostile}${new Html('<b>ok</b>')}${[1, '<', null, false]}</p>`.value,
    '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;<b>ok</b>1&lt;</p>');
});

test('hostile slice, model, class, spec, lineage and gate strings render only as escaped text', () => {
  for (const task of TASKS) {
    const page = renderReport(reportFixture({ task, hostile: true }));
    assertOnlyKnownMarkup(page);
    assert.ok(!/<script|<img|<iframe|<svg onload|<b>co/i.test(page), `${task}: no hostile tag survives`);
    assert.ok(page.includes(`region=${esc(HOSTILE.slice)}`), `${task}: the hostile slice name is in the slice table as text`);
    assert.ok(page.includes(`>${esc(HOSTILE.model)}</text>`), `${task}: the hostile model name is escaped in SVG text`);
    assert.ok(page.includes(`aria-label="${esc(HOSTILE.model)}"`), `${task}: and in an SVG attribute`);
    assert.ok(page.includes(esc(HOSTILE.dataFile)) && page.includes(esc(HOSTILE.lineageNote)), `${task}: lineage strings escaped`);
    assert.ok(page.includes(esc(HOSTILE.reason)) && page.includes(`<title>Gauntlet report — ${esc(HOSTILE.specName)}</title>`));
  }
});

test('every section is present, once, on every task, with the task-specific plots', () => {
  for (const task of TASKS) {
    const page = renderReport(reportFixture({ task }));
    for (const [id] of REPORT_SECTIONS) {
      assert.equal(page.split(`<section id="${id}">`).length - 1, 1, `${task}: section ${id}`);
      assert.ok(page.includes(`href="#${id}"`), `${task}: index links to ${id}`);
    }
    for (const words of ['Success definition', 'success hash', 'Split sizes', 'Baselines vs learners', 'blackbox 95% CI', 'Selected model on test',
      'Comparison with the best baseline', 'p-value', 'small: noisy', 'Latency, throughput and size', 'latency p99', 'throughput', 'Lineage',
      'git commit', 'data snapshot', 'feature-set version', 'Seeds', 'Environment', 'System metrics', 'Readiness gate', 'Reproducible from lineage']) {
      assert.ok(page.includes(words), `${task}: ${words}`);
    }
    assert.equal(page.includes('human level'), task === 'binary', `${task}: human-level row where the spec gives one`);
    const charts = { binary: 5, regression: 3, multiclass: 2 }[task]; // + reliability, ROC, PR / residuals; 2 training-curve charts each
    assert.equal((page.match(/<svg /g) ?? []).length, charts, `${task}: charts`);
  }
  const binary = renderReport(reportFixture({ task: 'binary' }));
  assert.ok(binary.includes('ROC — AUC') && binary.includes('Precision–recall — AP') && binary.includes('Reliability — logistic'));
  assert.ok(renderReport(reportFixture({ task: 'regression' })).includes('Residuals on test'));
  assert.ok(renderReport(reportFixture({ task: 'multiclass' })).includes('Confusion matrix'));
});

test('the page references nothing outside itself and runs no script', () => {
  for (const task of TASKS) {
    const page = renderReport(reportFixture({ task, hostile: true }));
    assert.ok(!/https?:\/\//i.test(page), 'no http:// or https://');
    assert.ok(!tags(page).some((t) => t.attrs.includes('src')), 'no src= attribute');
    assert.ok(!/url\(|@import|<link|<script/i.test(page), 'no CSS url(), @import, <link> or <script>');
    for (const m of page.matchAll(/href="([^"]*)"/g)) assert.ok(m[1].startsWith('#'), `in-page links only: ${m[1]}`);
    assert.ok(page.includes(`content="${esc("default-src 'none'; style-src 'unsafe-inline'")}`), 'a CSP forbids scripts and network');
  }
});

test('missing pieces say so: gate not evaluated, no test predictions, no curves, no selection', () => {
  const base = reportFixture();
  const bare: ReportInput = {
    ...base, verdict: null, testPredictions: null, curves: [], lineage: null,
    evaluation: { ...base.evaluation, selected: null, comparison: null, human: undefined },
  };
  const page = renderReport(bare);
  for (const words of ['Gate not evaluated', 'gate not evaluated', 'No test predictions were recorded', 'No training curves were recorded',
    'No model was scored on test', 'No comparison was made', 'No lineage was recorded', 'No model was selected', '(no model was selected)']) {
    assert.ok(page.includes(words), words);
  }
});

test('figures that went through JSON (NaN → null) show as a dash instead of failing', () => {
  const input = reportFixture();
  const ev = input.evaluation;
  const withNaN: ReportInput = { ...input, evaluation: { ...ev, models: ev.models.map((m) => ({ ...m, fitSeconds: NaN })) } };
  const roundTripped = JSON.parse(JSON.stringify(withNaN)) as ReportInput;
  const page = renderReport(roundTripped);
  assert.ok(page.includes('Reliability — logistic'), 'empty reliability bins (null means) are skipped, the chart still renders');
  assert.ok(!/NaN|null|undefined/.test(page.replace(/<pre class="json">[^<]*<\/pre>/g, '')), 'no NaN/null/undefined leaks into the text');
});

test('ROC points on a tiny hand case (sklearn roc_curve), with ties grouped and AUC by trapezoid', () => {
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];
  assert.deepEqual(rocPoints(y, s), [[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 1], [1, 1]]);
  assert.equal(trapezoidArea(rocPoints(y, s)), 0.75);
  assert.deepEqual(rocPoints([1, 0, 1], [0.5, 0.5, 0.2]), [[0, 0], [1, 0.5], [1, 1]]);
  assert.equal(trapezoidArea(rocPoints([1, 0, 1], [0.5, 0.5, 0.2])), 0.25, 'a tie between a positive and a negative counts half');
  assert.deepEqual(rocPoints([1, 1], [0.2, 0.9]), [], 'undefined with one class');
});

test('PR points and average precision match sklearn on the hand case', () => {
  const pr = prPoints([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
  assert.deepEqual(pr, [[0, 1], [0.5, 1], [0.5, 0.5], [1, 2 / 3], [1, 0.5]]);
  assert.ok(Math.abs(averagePrecision(pr) - 0.8333333333) < 1e-9, 'sklearn average_precision_score = 0.8333');
});

test('residuals, confusion matrix and per-class stats on small hand cases', () => {
  assert.deepEqual(residualPoints([3, 1], [2.5, 2]), [[2.5, 0.5], [2, -1]]);
  const m = confusionMatrix([0, 1, 2, 2], [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.5, 0.2, 0.3, 0.1, 0.1, 0.8], 3);
  assert.deepEqual(m, [[1, 0, 0], [0, 1, 0], [1, 0, 1]]);
  const stats = classStats(m);
  assert.equal(stats[0].precision, 0.5);
  assert.equal(stats[2].recall, 0.5);
  assert.equal(stats[2].support, 2);
});

test('chart helpers: round ticks with just enough decimals, thinning keeps both ends', () => {
  assert.deepEqual(ticks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(tickLabels(ticks(0, 1)), ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
  assert.deepEqual(tickLabels(ticks(0, 120)), ['0', '20', '40', '60', '80', '100', '120']);
  const thinned = thin(Array.from({ length: 1000 }, (_, i) => i), 10);
  assert.equal(thinned.length, 10);
  assert.equal(thinned[0], 0);
  assert.equal(thinned[9], 999);
});
