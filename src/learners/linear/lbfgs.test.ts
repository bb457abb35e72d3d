// Tests of the L-BFGS solver and its line search on functions with known minima.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minimizeLbfgs, type Objective } from './lbfgs.ts';
import { wolfeLineSearch } from './linesearch.ts';

/** f = ½ xᵀAx - bᵀx for a fixed SPD A (condition number 1e3): minimum at A⁻¹b. */
const A = [[1000, 1, 0], [1, 10, 2], [0, 2, 1]];
const B = [1, 2, 3];
const quadratic: Objective = (x, g) => {
  let f = 0;
  for (let i = 0; i < 3; i++) {
    g[i] = -B[i];
    for (let j = 0; j < 3; j++) g[i] += A[i][j] * x[j];
    f += 0.5 * x[i] * (g[i] - B[i]);
  }
  return f;
};
/** A⁻¹b, computed in closed form (inverse3 below) */
const SOLUTION = (): number[] => inverse3(A).map((row) => row[0] * B[0] + row[1] * B[1] + row[2] * B[2]);

const rosenbrock: Objective = (x, g) => {
  const [a, b] = [x[0], x[1]];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

test('converges to the minimum of an ill-conditioned quadratic', () => {
  const r = minimizeLbfgs(quadratic, new Float64Array(3), { maxIter: 100, gtol: 1e-12 });
  assert.equal(r.reason, 'gradient');
  assert.ok(r.converged && r.gradNorm <= 1e-12);
  const want = SOLUTION();
  r.x.forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-12, `x[${i}] = ${v}, want ${want[i]}`));
});

test('solves Rosenbrock from the classic start (-1.2, 1)', () => {
  const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 200, gtol: 1e-10 });
  assert.ok(r.converged, r.reason);
  assert.ok(Math.abs(r.x[0] - 1) < 1e-8 && Math.abs(r.x[1] - 1) < 1e-8, `${r.x}`);
  assert.ok(r.iterations < 60, `took ${r.iterations} iterations`);
});

test('with the exact inverse Hessian as preconditioner a quadratic takes one step', () => {
  const inv = inverse3(A);
  const pre = (v: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < 3; i++) out[i] = inv[i][0] * v[0] + inv[i][1] * v[1] + inv[i][2] * v[2];
  };
  const r = minimizeLbfgs(quadratic, new Float64Array(3), { maxIter: 100, gtol: 1e-12, preconditioner: pre });
  assert.equal(r.iterations, 1);
  assert.equal(r.evaluations, 2);
});

test('stops at maxIter, reports it, and is deterministic', () => {
  const opts = { maxIter: 5, gtol: 1e-14 };
  const a = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), opts);
  const b = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), opts);
  assert.deepEqual([a.iterations, a.converged, a.reason], [5, false, 'maxIter']);
  assert.deepEqual(Array.from(a.x), Array.from(b.x));
});

test('ftol stops when f no longer decreases enough', () => {
  const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 1000, gtol: 0, ftol: 1e-6 });
  assert.deepEqual([r.reason, r.converged], ['ftol', true]);
});

test('onIteration sees every accepted iterate with a falling objective', () => {
  const fs: number[] = [];
  const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 200, gtol: 1e-10, onIteration: (_i, _x, f) => fs.push(f) });
  assert.equal(fs.length, r.iterations);
  fs.slice(1).forEach((f, i) => assert.ok(f <= fs[i] + 1e-15, `iteration ${i + 2} increased f`));
});

test('the line search returns a strong-Wolfe step on a 1-D quartic', () => {
  // φ(α) = (α - 3)⁴ - 81: φ(0) = 0, φ'(0) = -108
  const phi = (a: number): { value: number; slope: number } => ({ value: (a - 3) ** 4 - 81, slope: 4 * (a - 3) ** 3 });
  const r = wolfeLineSearch(phi, 0, -108, 1, 20);
  const { value, slope } = phi(r.step);
  assert.ok(r.lastIsAccepted);
  assert.ok(value <= 1e-4 * r.step * -108, 'sufficient decrease');
  assert.ok(Math.abs(slope) <= 0.9 * 108, 'curvature');
});

test('a starting point where f is not finite is an error', () => {
  assert.throws(() => minimizeLbfgs(() => NaN, new Float64Array(1), { maxIter: 5, gtol: 1e-6 }), /not finite at the starting point/);
});

function inverse3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}
