// Multiclass and regression runs end to end on generated data: inferred task, learners, baselines, slices, bundle parity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, project } from './helpers.ts';
import { Rng } from '../src/util/rng.ts';

function dataset(task: 'multiclass' | 'regression', n: number): string {
  const rng = new Rng(task === 'multiclass' ? 3 : 4);
  const lines = ['x1,x2,shop,y'];
  for (let i = 0; i < n; i++) {
    const x1 = rng.normal();
    const x2 = rng.float() < 0.05 ? NaN : rng.normal();
    const shop = ['a', 'b', 'c'][rng.int(3)];
    const signal = 1.5 * x1 - (Number.isNaN(x2) ? 0 : x2) + (shop === 'c' ? 1 : 0);
    const y = task === 'regression' ? (10 + 3 * signal + rng.normal()).toFixed(3) : String(signal + 0.5 * rng.normal() < -0.5 ? 0 : signal < 0.8 ? 1 : 2);
    lines.push(`${x1.toFixed(4)},${Number.isNaN(x2) ? '' : x2.toFixed(4)},${shop},${y}`);
  }
  return lines.join('\n');
}

for (const task of ['multiclass', 'regression'] as const) {
  test(`${task}: inferred task, every built-in learner, baselines, slices, a packaged candidate`, async () => {
    const optimize = task === 'multiclass' ? 'accuracy' : 'rmse';
    const heuristic = task === 'multiclass' ? 'CASE WHEN x1 > 0.3 THEN 2 WHEN x1 < -0.3 THEN 0 ELSE 1 END' : '10 + 4 * x1';
    const dir = project({
      'd.csv': dataset(task, 2500),
      'g.yaml': `name: ${task}\ndata: { source: d.csv, target: y }\nobjective: { optimize: ${optimize} }\nslices: [{ by: shop }]\nbaselines: { heuristic: "${heuristic}" }\nrollback: { fallback: zero_rule }\nlearners: [${task === 'multiclass' ? 'logistic' : 'ridge'}, { gbdt: { rounds: 60 } }]\n`,
    });
    const r = await cli(['run', join(dir, 'g.yaml'), '--json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.task, task);
    const m = out.metrics;
    const better = (a: number, b: number) => (task === 'regression' ? a < b : a > b);
    assert.ok(better(m[out.selected.name].blackbox[optimize], m.heuristic.blackbox[optimize]), JSON.stringify(m));
    assert.ok(better(m.heuristic.blackbox[optimize], m.zero_rule.blackbox[optimize]));
    if (task === 'multiclass') {
      assert.ok(m.zero_rule.blackbox.accuracy < 0.6 && m.logistic.blackbox.accuracy > 0.75, JSON.stringify(m.logistic.blackbox));
      assert.ok(Number.isFinite(m.logistic.blackbox.ece) && Number.isFinite(m.logistic.blackbox.macro_f1));
    } else {
      assert.ok(m.ridge.blackbox.r2 > 0.85, `ridge r2 ${m.ridge.blackbox.r2}`);
      assert.ok(Math.abs(m.zero_rule.blackbox.r2) < 0.05);
    }
    const sel = out.evaluation.models.find((x: { name: string }) => x.name === out.selected.name);
    assert.deepEqual(sel.splits.test.slices.map((s: { name: string }) => s.name), ['shop=a', 'shop=b', 'shop=c']);
    assert.equal(out.gate.items.find((i: { key: string }) => i.key === 'skew').status, 'pass');
    assert.equal(out.gate.items.find((i: { key: string }) => i.key === 'beats-baseline').status, 'pass');
  });
}
