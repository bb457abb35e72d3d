// Line search for quasi-Newton methods: strong Wolfe conditions, plus Hager-Zhang's approximate Wolfe conditions near the optimum.
//
// Far from the optimum this is the classic strong-Wolfe search (Armijo c1 = 1e-4, curvature c2 = 0.9). Near the optimum a
// sum over tens of thousands of rows can no longer resolve decreases of f, so Armijo fails on rounding noise; there the
// search accepts a step on the (still accurate) directional derivative alone, as Hager & Zhang (2005) do. The bracket is
// refined with the derivative first (secant on φ'), which is also robust in that regime.

/** φ(α) = f(x + α·d) and φ'(α); the implementation keeps the point and gradient of its latest evaluation. */
export type LineFunction = (step: number) => { readonly value: number; readonly slope: number };

export interface LineSearchResult {
  /** accepted step; 0 if no acceptable step was found */
  readonly step: number;
  /** φ(step) */
  readonly value: number;
  readonly evaluations: number;
  /** true when the latest evaluation of `phi` is at `step` (otherwise the caller must evaluate there again) */
  readonly lastIsAccepted: boolean;
}

const C1 = 1e-4;
const C2 = 0.9;
const DELTA = 0.1;
/** relative size of f's rounding noise below which decreases are not meaningful */
const NOISE = 1e-12;
const MAX_STEP = 1e10;

interface Point { step: number; value: number; slope: number }

/** Find a step along a descent direction (`slope0` < 0) satisfying the Wolfe or approximate Wolfe conditions. */
export function wolfeLineSearch(phi: LineFunction, value0: number, slope0: number, firstStep: number, maxEvaluations: number): LineSearchResult {
  const noise = NOISE * Math.max(Math.abs(value0), 1);
  let lo: Point = { step: 0, value: value0, slope: slope0 };
  let hi: Point | null = null;
  let step = firstStep;
  let evals = 0;
  while (evals < maxEvaluations) {
    const { value, slope } = phi(step);
    evals++;
    const p: Point = { step, value, slope };
    if (acceptable(p, value0, slope0, noise)) return { step, value, evaluations: evals, lastIsAccepted: true };
    if (Number.isFinite(value) && Number.isFinite(slope) && slope < 0 && decreases(p, value0, slope0, noise)) lo = p;
    else hi = p;
    step = hi === null ? Math.min(step * 4, MAX_STEP) : nextTrial(lo, hi);
    if (hi !== null && !(hi.step - lo.step > 1e-16 * Math.max(hi.step, 1))) break;
  }
  return { step: lo.step, value: lo.value, evaluations: evals, lastIsAccepted: false };
}

function acceptable(p: Point, value0: number, slope0: number, noise: number): boolean {
  if (!Number.isFinite(p.value) || !Number.isFinite(p.slope)) return false;
  const strongWolfe = p.value <= value0 + C1 * p.step * slope0 && Math.abs(p.slope) <= -C2 * slope0;
  const approxWolfe = p.value <= value0 + noise && C2 * slope0 <= p.slope && p.slope <= (2 * DELTA - 1) * slope0;
  return strongWolfe || approxWolfe;
}

/** The step made enough progress to become the new lower end of the bracket. */
function decreases(p: Point, value0: number, slope0: number, noise: number): boolean {
  return p.value <= value0 + C1 * p.step * slope0 || p.value <= value0 + noise;
}

/** Next trial inside (lo, hi): secant on the slope when it changes sign, else quadratic on values; safeguarded. */
function nextTrial(lo: Point, hi: Point): number {
  const width = hi.step - lo.step;
  let t = NaN;
  if (Number.isFinite(hi.slope) && hi.slope >= 0 && lo.slope < 0) {
    t = lo.step - lo.slope * width / (hi.slope - lo.slope);
  } else if (Number.isFinite(hi.value)) {
    const curvature = hi.value - lo.value - lo.slope * width;
    if (curvature > 0) t = lo.step - (lo.slope * width * width) / (2 * curvature);
  }
  if (!Number.isFinite(hi.value)) return lo.step + 0.1 * width; // overflow: back off hard
  if (Number.isNaN(t)) return lo.step + 0.5 * width;
  return Math.min(Math.max(t, lo.step + 0.1 * width), hi.step - 0.1 * width);
}
