// The test-set plots from the recorded test predictions: ROC and PR (binary), residuals (regression), confusion matrix (multiclass).
import type { Evaluation } from '../evaluate/document.ts';
import type { TestPredictions } from '../candidate/types.ts';
import { html, mono, num, note, section, table, type Html, type Row } from './html.ts';
import { count, fmt, percent } from './format.ts';
import { chart } from './charts.ts';
import { averagePrecision, classStats, confusionMatrix, prPoints, residualPoints, rocPoints, trapezoidArea } from './curves.ts';

const ID = 'test-plots';
const TITLE = 'Test-set diagnostics';

export function testPlotsSection(ev: Evaluation, tp: TestPredictions | null): Html {
  if (!tp || tp.y.length === 0) return section(ID, TITLE, note('No test predictions were recorded.'));
  if (ev.task === 'binary') return binaryPlots(tp);
  if (ev.task === 'regression') return residualPlot(tp);
  return multiclassTables(ev, tp);
}

function prevalence(y: readonly number[]): number {
  return y.filter((v) => v > 0.5).length / Math.max(1, y.length);
}

function binaryPlots(tp: TestPredictions): Html {
  const roc = rocPoints(tp.y, tp.predictions);
  const pr = prPoints(tp.y, tp.predictions);
  if (roc.length === 0) return section(ID, TITLE, note('ROC and PR curves need both classes in the test labels.'));
  const base = prevalence(tp.y);
  const figs = [
    chart({ title: `ROC — AUC ${fmt(trapezoidArea(roc))}`, xLabel: 'false-positive rate', yLabel: 'true-positive rate', series: [{ name: 'ROC', points: roc }], xDomain: [0, 1], yDomain: [0, 1], guides: [{ kind: 'diagonal' }] }),
    chart({ title: `Precision–recall — AP ${fmt(averagePrecision(pr))}`, xLabel: 'recall', yLabel: 'precision', series: [{ name: 'PR', points: pr }], xDomain: [0, 1], yDomain: [0, 1], guides: [{ kind: 'horizontal', y: base, label: `prevalence ${percent(base)}` }] }),
  ];
  return section(ID, TITLE, html`<p>${count(tp.y.length)} test rows of the selected model, one point per distinct score.</p>`, html`<div class="charts">${figs}</div>`);
}

function residualPlot(tp: TestPredictions): Html {
  const points = residualPoints(tp.y, tp.predictions);
  const mean = points.reduce((a, p) => a + p[1], 0) / points.length;
  const fig = chart({
    title: 'Residuals on test', xLabel: 'predicted', yLabel: 'actual − predicted',
    series: [{ name: 'residual', points, mark: 'dots' }], guides: [{ kind: 'horizontal', y: 0, label: 'zero' }],
  });
  return section(ID, TITLE,
    html`<p>${count(tp.y.length)} test rows of the selected model; mean residual ${fmt(mean)}. A pattern (funnel, curve) means the error depends on the prediction.</p>`,
    html`<div class="charts">${fig}</div>`);
}

function heat(n: number, rowTotal: number, diagonal: boolean): Html {
  const share = rowTotal > 0 ? n / rowTotal : 0;
  const hue = diagonal ? '22,163,74' : '220,38,38';
  return html`<td class="heat" style="background:rgba(${hue},${(share * 0.6).toFixed(3)})">${count(n)}</td>`;
}

function multiclassTables(ev: Evaluation, tp: TestPredictions): Html {
  const k = Math.max(ev.classes.length, Math.round(tp.predictions.length / tp.y.length));
  const labels = Array.from({ length: k }, (_, c) => ev.classes[c] ?? `class ${c}`);
  const m = confusionMatrix(tp.y, tp.predictions, k);
  const matrixRows = m.map((row, a) => {
    const total = row.reduce((x, y) => x + y, 0);
    return html`<tr><th>${labels[a]}</th>${row.map((n, p) => heat(n, total, a === p))}<td class="num">${count(total)}</td></tr>`;
  });
  const matrix = html`<div class="scroll"><table><thead><tr><th>actual ↓ / predicted →</th>${labels.map((l) => html`<th>${l}</th>`)}<th>total</th></tr></thead><tbody>${matrixRows}</tbody></table></div>`;
  const stats: Row[] = classStats(m).map((s, c) => [mono(labels[c]), num(count(s.support)), num(count(s.predicted)), num(fmt(s.precision)), num(fmt(s.recall)), num(fmt(s.f1))]);
  return section(ID, TITLE,
    html`<p>${count(tp.y.length)} test rows of the selected model; predicted class = highest probability.</p>`,
    html`<h3>Confusion matrix</h3>`, matrix,
    html`<h3>Per class</h3>`, table(['class', 'support', 'predicted', 'precision', 'recall', 'f1'], stats));
}
