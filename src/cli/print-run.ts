// The readable summary of a finished run: baselines vs learners on blackbox with CIs, the test result, constraints.
import type { Evaluation } from '../evaluate/document.ts';
import { table, num, ci } from './format.ts';

export function renderRunSummary(runId: string, e: Evaluation, extra: { storeUri: string; specName?: string }): string {
  const out: string[] = [];
  out.push(`run ${runId}${extra.specName ? ` (${extra.specName})` : ''}: ${e.task}, optimize ${e.optimize} (${e.higherIsBetter ? 'higher' : 'lower'} is better), success definition ${e.successHash}`);
  out.push(`splits: ${Object.entries(e.splitSizes).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('');
  const rows = e.models.map((m) => {
    const b = m.splits.blackbox;
    const c = b?.ci[e.optimize];
    return [m.name + (m.name === e.selected?.name ? ' *' : ''), m.kind, num(m.splits.train?.metrics[e.optimize]), num(m.splits.trainDev?.metrics[e.optimize]), num(b?.metrics[e.optimize]), ci(c?.low, c?.high)];
  });
  for (const [k, v] of Object.entries(e.human ?? {})) if (k === e.optimize) rows.push(['human-level', 'reference', '', '', num(v), '']);
  out.push(`${e.optimize} by model (selection uses blackbox only; * = selected):`);
  out.push(table(['model', 'kind', 'train', 'trainDev', 'blackbox', '95% CI (blackbox)'], rows));
  const sel = e.models.find((m) => m.name === e.selected?.name);
  if (sel && e.selected) {
    out.push('');
    out.push(`selected: ${sel.name} — ${e.selected.reason}`);
    const t = sel.splits.test;
    if (t) out.push(`test (touched once): ${e.optimize} ${num(t.metrics[e.optimize])} ${ci(t.ci[e.optimize]?.low, t.ci[e.optimize]?.high)}; ${Object.entries(t.metrics).filter(([k]) => k !== e.optimize).map(([k, v]) => `${k} ${num(v)}`).join(', ')}`);
    if (e.comparison) {
      const c = e.comparison;
      out.push(`vs best baseline (${c.baseline}) on blackbox: Δ${c.metric} ${num(c.delta)} [${num(c.low)}, ${num(c.high)}], paired bootstrap p = ${num(c.pValue, 4)} → ${c.significant ? 'significantly better' : 'NOT significantly better'}`);
    }
    if (sel.serving) out.push(`serving: latency p50 ${num(sel.serving.latencyP50Ms, 3)} ms, p99 ${num(sel.serving.latencyP99Ms, 3)} ms, throughput ${Math.round(sel.serving.throughputRowsPerS)} rows/s, size ${num(sel.serving.modelSizeBytes / 1e6, 3)} MB`);
    if (sel.constraints.length) {
      out.push('constraints:');
      for (const c of sel.constraints) out.push(`  ${c.pass ? 'pass' : 'FAIL'}  ${c.metric} = ${num(c.value)} (${c.max !== undefined ? `max ${c.max}` : ''}${c.min !== undefined ? ` min ${c.min}` : ''}, on ${c.split})`);
    }
    const sl = t?.slices ?? [];
    if (sl.length) {
      out.push(`slices on test (${e.optimize}):`);
      out.push(table(['slice', 'n', e.optimize, '95% CI', 'note'], sl.map((s) => [s.name, String(s.n), num(s.metrics[e.optimize]), ci(s.ci?.[e.optimize]?.low, s.ci?.[e.optimize]?.high), s.small ? 'small: noisy' : ''])));
    }
  } else {
    out.push('no learner produced a usable model');
  }
  out.push('');
  out.push(`store: ${extra.storeUri}`);
  return out.join('\n');
}
