// Plain-text rendering of a diagnosis and of a review summary for the CLI: layout only.
import type { Diagnosis } from './diagnose.ts';
import type { DecisionTable } from './decision-table.ts';
import type { LearningCurve } from './learning-curves.ts';
import type { SanityReport } from './sanity.ts';
import type { WeakSliceResult } from './weak-slices.ts';
import type { ReviewSummary } from './review-summary.ts';

export function renderDiagnosis(d: Diagnosis): string {
  const out = [renderDecision(d.decision)];
  for (const c of d.learningCurves) out.push('', renderCurve(c));
  for (const s of d.sanity) out.push('', renderSanity(s));
  if (d.weakSlices) out.push('', `weak slices of ${d.weakSlices.model} on blackbox (statistics only; no row shown):`, renderWeakSlices(d.weakSlices));
  const errors = d.findings.filter((f) => f.severity === 'error').length;
  out.push('', `findings: ${d.findings.length ? d.findings.map((f) => f.code).join(', ') : 'none'}${errors ? ` (${errors} at error level)` : ''}`);
  return out.join('\n');
}

export function renderDecision(t: DecisionTable): string {
  const levelRows = t.rows.map((r) => [r.level, num(r.error), r.level === 'human' && t.humanNote ? t.humanNote : '']);
  const gapRows = Object.entries(t.gaps).map(([k, v]) => [k, num(v), k === t.largest ? '← largest' : '']);
  return [
    `decision table of ${t.model} (${t.metric} error: ${errorScale(t.metric)}):`,
    grid(['level', 'error', ''], levelRows),
    grid(['gap', 'value', ''], gapRows),
    `recommendation: ${t.action}`,
  ].join('\n');
}

function errorScale(metric: string): string {
  return ['logloss', 'rmse', 'mae', 'brier', 'ece'].includes(metric) ? 'the loss itself' : `1 − ${metric}`;
}

export function renderCurve(c: LearningCurve): string {
  const rows = c.points.map((p) => [`${Math.round(p.fraction * 100)}%`, String(p.rows), num(p.trainError), num(p.devError), p.note ?? '']);
  return [`learning curve of ${c.learner} (${c.metric} error on the subsample and on trainDev):`, grid(['train', 'rows', 'train err', 'dev err', ''], rows), `verdict: ${c.verdict} — ${c.reason}`].join('\n');
}

export function renderSanity(s: SanityReport): string {
  const mark = (p: boolean | null): string => (p === null ? '[n/a]' : p ? '[pass]' : '[FAIL]');
  return [`sanity checks of ${s.model}:`, ...s.checks.map((c) => `${mark(c.pass)} ${c.name.padEnd(22)} ${c.detail}`)].join('\n');
}

export function renderWeakSlices(w: WeakSliceResult): string {
  const head = `${w.rows} rows, base error rate ${pct(w.baseErrorRate)}; ${w.evaluated} slices evaluated, Bonferroni over ${w.hypotheses}`;
  if (w.slices.length === 0) return `${head}\nno slice is significantly weaker than the rest`;
  const rows = w.slices.map((s) => [s.description, String(s.n), pct(s.errorRate), pct(s.restErrorRate), `+${pct(s.effect)} [${pct(s.ci[0])}, ${pct(s.ci[1])}]`, s.adjustedP.toExponential(1)]);
  return `${head}\n${grid(['slice', 'n', 'error', 'rest', 'effect [95% CI]', 'adj. p'], rows)}`;
}

export function renderReviewSummary(s: ReviewSummary): string {
  const rows = s.categories.map((c) => [c.category, String(c.count), pct(c.share), c.fixCost === null ? 'n/a' : num(c.fixCost, 2), c.priority === null ? 'n/a' : num(c.priority)]);
  return [
    `error analysis of ${s.model} (run ${s.runId}): ${s.tagged} of ${s.reviewed} reviewed errors tagged`,
    rows.length ? grid(['category', 'count', 'share', 'fix cost', 'priority'], rows) : 'no categories tagged yet',
    `top: ${s.top.join(', ') || 'none'} (priority = share × 1/fix_cost; share = the most fixing the category can remove)`,
  ].join('\n');
}

function grid(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function num(v: number, digits = 4): string {
  return Number.isFinite(v) ? v.toFixed(digits) : 'n/a';
}

function pct(v: number): string {
  return Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : 'n/a';
}
