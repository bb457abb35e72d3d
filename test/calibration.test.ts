// Issue 5 end to end on Adult: a deliberately mis-calibrated model (class-weighted logistic) gets MISCALIBRATED
// without calibration, and 'auto' (fit on trainDev, chosen on blackbox) brings its test ECE down; a calibrated model stays put.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED, hasShared, cli, tempDir } from './helpers.ts';

const skip = !hasShared('adult.csv') && 'needs ../shared/datasets/adult.csv (absent on a fresh clone)';

async function runWith(learner: string, calibration: string): Promise<Record<string, any>> {
  const dir = tempDir();
  writeFileSync(join(dir, 'g.yaml'), `name: cal
data: { source: ${join(SHARED, 'adult.csv')}, target: income_gt_50k }
objective: { optimize: auc, constraints: [{ metric: ece, max: 0.05 }] }
splits: { strategy: stratified, seed: 7, dedupe: true, train: 0.6, trainDev: 0.1, eyeball: 0.05, blackbox: 0.1, test: 0.15 }
learners: [${learner}]
calibration: ${calibration}
`);
  const r = await cli(['run', join(dir, 'g.yaml'), '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('class-weighted logistic: ECE ≈ 0.13 uncalibrated (MISCALIBRATED), < 0.03 with auto calibration, AUC unchanged', { skip }, async () => {
  const raw = await runWith('{ logistic: { classWeight: balanced } }', 'none');
  const cal = await runWith('{ logistic: { classWeight: balanced } }', 'auto');
  const before = raw.metrics.logistic.test;
  const after = cal.metrics.logistic.test;
  assert.ok(before.ece > 0.1, `uncalibrated ECE ${before.ece}`);
  assert.ok(after.ece < 0.03, `calibrated ECE ${after.ece}`);
  assert.ok(Math.abs(after.auc - before.auc) < 1e-3, 'Platt on log-odds is monotone: AUC kept');
  assert.ok(raw.evaluation.findings.some((f: { code: string }) => f.code === 'MISCALIBRATED'));
  assert.ok(!cal.evaluation.findings.some((f: { code: string }) => f.code === 'MISCALIBRATED'));
  assert.equal(raw.gate.items.find((i: { key: string }) => i.key === 'calibration').status, 'fail');
  const chosen = cal.evaluation.models.find((m: { name: string }) => m.name === 'logistic').calibration.chosen;
  assert.ok(['platt', 'isotonic'].includes(chosen), chosen);
  assert.equal(cal.gate.items.find((i: { key: string }) => i.key === 'skew').status, 'pass', 'the calibrated bundle still reproduces its test predictions bit for bit');
});

test('a well-calibrated model is not made worse by auto', { skip }, async () => {
  const out = await runWith('logistic', 'auto');
  const m = out.evaluation.models.find((x: { name: string }) => x.name === 'logistic');
  const none = m.calibration.candidates.find((c: { method: string }) => c.method === 'none');
  const chosen = m.calibration.candidates.find((c: { method: string }) => c.method === m.calibration.chosen);
  assert.ok(chosen.logloss <= none.logloss, 'auto keeps none unless a method lowers blackbox log loss');
  assert.ok(out.metrics.logistic.test.ece < 0.03);
});
