// The trust sections render what the evaluation recorded: findings, calibrators, fairness groups, behavioral tests — escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsSection, fairnessSection, robustnessSection, calibrationMethodSection } from './assessments.ts';
import type { Evaluation, ModelEval } from '../evaluate/document.ts';

const model = {
  name: 'logistic', kind: 'learner', learner: 'logistic', params: {}, constraints: [], splits: {},
  calibration: { chosen: 'platt', setting: 'auto', candidates: [{ method: 'none', logloss: 0.35, ece: 0.1 }, { method: 'platt', logloss: 0.3, ece: 0.02 }] },
  fairness: [{ attribute: 'sex', measure: 'tpr', split: 'blackbox', max: 0.05, gap: 0.12, ci: [0.08, 0.16], passed: false, groups: [{ name: '<b>F</b>', n: 400, value: 0.5 }, { name: 'M', n: 600, value: 0.62 }] }],
} as unknown as ModelEval;
const ev = {
  task: 'binary', optimize: 'auc', models: [model], selected: { name: 'logistic', reason: '', constraintsMet: true },
  findings: [{ code: 'FAIRNESS_GAP', severity: 'error', message: 'tpr gap 0.12 by sex > 0.05', evidence: { gap: 0.12 } }],
  robustness: [{ name: 'directional:income+10%', kind: 'directional', change: 'income × 1.1', rows: 750, failureRate: 0.1, ci: [0.08, 0.12], passed: false, examples: [{ row: 3 }] }],
} as unknown as Evaluation;

test('findings, calibrators, fairness and behavioral tests are shown with their figures', () => {
  const f = findingsSection(ev).toString();
  assert.match(f, /FAIRNESS_GAP/);
  assert.match(f, /tpr gap 0\.12 by sex &gt; 0\.05/);
  const c = calibrationMethodSection(ev).toString();
  assert.match(c, /<strong>platt<\/strong>/);
  assert.match(c, /0\.3000/);
  const fa = fairnessSection(ev).toString();
  assert.match(fa, /gap 0\.1200 \[0\.0800, 0\.1600\]/);
  assert.match(fa, /&lt;b&gt;F&lt;\/b&gt;/, 'group names are escaped');
  const r = robustnessSection(ev).toString();
  assert.match(r, /directional:income\+10%/);
  assert.match(r, /10\.0%/);
  assert.match(r, /1 eyeball examples/);
});

test('empty assessments say so', () => {
  const bare = { ...ev, findings: [], robustness: [], models: [{ ...model, fairness: [], calibration: undefined }] } as unknown as Evaluation;
  assert.match(findingsSection(bare).toString(), /No findings/);
  assert.match(robustnessSection(bare).toString(), /No robustness tests were declared/);
  assert.match(fairnessSection(bare).toString(), /No fairness_gap constraint/);
});
