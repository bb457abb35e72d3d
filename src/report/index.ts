// The self-contained HTML report of a run: one page, inline CSS and SVG, no scripts, no network; every data string escaped.
import type { Evaluation } from '../evaluate/document.ts';
import type { TestPredictions, Verdict } from '../candidate/types.ts';
import type { CurveRow, Json } from '../track/types.ts';
import { html, type Html } from './html.ts';
import { fmt, signed } from './format.ts';
import { page, type HeaderCard } from './page.ts';
import { focusModel, metricOf } from './focus.ts';
import { comparisonSection, modelsSection, splitsSection, successSection, testMetricsSection } from './summary.ts';
import { reliabilitySection, slicesSection, trainingCurvesSection } from './diagnostics.ts';
import { testPlotsSection } from './test-plots.ts';
import { gateBadge, gateSection, lineageSection, servingSection } from './operations.ts';
import { calibrationMethodSection, fairnessSection, findingsSection, robustnessSection, diagnosisSection } from './assessments.ts';

export { esc } from './html.ts';
export { rocPoints, prPoints, trapezoidArea, averagePrecision, residualPoints, confusionMatrix, classStats } from './curves.ts';

export interface ReportInput {
  readonly specName: string;
  readonly runId: string;
  /** ISO 8601 */
  readonly createdAt: string;
  readonly evaluation: Evaluation;
  readonly lineage: Json;
  readonly verdict: Verdict | null;
  readonly curves: readonly CurveRow[];
  readonly testPredictions: TestPredictions | null;
  /** the run's diagnosis (decision table, learning curves, sanity checks, weak slices), when recorded */
  readonly diagnosis?: Json | null;
}

/** Section ids and titles, in page order (the index at the top links to them). */
export const REPORT_SECTIONS = [
  ['success', 'Success'], ['splits', 'Splits'], ['models', 'Models'], ['test-metrics', 'Test'], ['comparison', 'vs baseline'],
  ['slices', 'Slices'], ['calibration', 'Calibration'], ['calibration-method', 'Calibrators'], ['findings', 'Findings'], ['fairness', 'Fairness'],
  ['robustness', 'Robustness'], ['diagnosis', 'Diagnosis'], ['test-plots', 'Test plots'], ['training', 'Training'],
  ['serving', 'Serving'], ['lineage', 'Lineage'], ['gate', 'Gate'],
] as const;

/** Render the whole report as one HTML document. */
export function renderReport(input: ReportInput): string {
  const ev = input.evaluation;
  return page({
    title: `Gauntlet report — ${input.specName}`,
    subtitle: `run ${input.runId} · ${input.createdAt} · ${ev.task} · target ${ev.target}`,
    cards: headerCards(input),
    index: REPORT_SECTIONS,
    body: sections(input),
  });
}

function sections(input: ReportInput): Html[] {
  const ev = input.evaluation;
  return [
    successSection(ev), splitsSection(ev), modelsSection(ev), testMetricsSection(ev), comparisonSection(ev),
    slicesSection(ev), reliabilitySection(ev), calibrationMethodSection(ev), findingsSection(ev), fairnessSection(ev), robustnessSection(ev),
    diagnosisSection(input.diagnosis ?? null),
    testPlotsSection(ev, input.testPredictions), trainingCurvesSection(input.curves),
    servingSection(ev), lineageSection(input.lineage), gateSection(input.verdict),
  ];
}

function headerCards(input: ReportInput): HeaderCard[] {
  const ev = input.evaluation;
  const m = ev.selected ? focusModel(ev) : undefined;
  const c = ev.comparison;
  return [
    { label: 'selected model', value: ev.selected?.name ?? 'none' },
    { label: `${ev.optimize} on test`, value: fmt(metricOf(m, 'test', ev.optimize)) },
    { label: c ? `vs ${c.baseline} (${c.split})` : 'vs best baseline', value: c ? html`${signed(c.delta)}${c.significant ? ' (significant)' : ' (not significant)'}` : '—' },
    { label: 'readiness gate', value: gateBadge(input.verdict) },
  ];
}
