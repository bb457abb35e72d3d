// Agreement with scikit-learn 1.2.1 on real data: logistic (binary, multinomial) and ridge coefficients and predictions.
//
// Reference numbers were computed once with /usr/bin/python3 (scikit-learn 1.2.1) on the same CSVs, standardized with
// StandardScaler (population mean/std, as here), and are hardcoded; the tests never call Python.
//
// Two references per classifier:
// - `exact`: the optimum of sklearn's objective, from its Newton solvers (binary: solver='newton-cholesky', tol=1e-14,
//   max |gradient| 4e-15; wine: solver='newton-cg', multinomial, tol=1e-12, max |gradient| 2e-8). Our L-BFGS must match
//   these tightly.
// - `lbfgs`: LogisticRegression(C=1, max_iter=10000, tol=1e-10) itself. scipy's L-BFGS-B stops on its default
//   ftol=2.2e-9 (relative decrease of f) after 34 (breast cancer) / 27 (wine) iterations, before reaching tol: its
//   max |gradient| is 3.3e-4 / 2.8e-4 and its coefficients are ~2e-3 relative from the optimum. We agree with it only
//   as closely as it agrees with the optimum.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test, type TestContext } from 'node:test';
import { logistic } from './logistic.ts';
import { ridge } from './ridge.ts';
import type { Matrix, Model, Task } from './types.ts';

const ROWS = [0, 1, 50, 100, 150, 177];

const BREAST_CANCER = {
  exact: {
    coef: [
      -0.3630925319179318, -0.38767544241875757, -0.351062118679674, -0.4356098032859759, -0.1618311028152455,
      0.5626540336981027, -0.8599171195924011, -0.9622802234881761, 0.07620903147902892, 0.32222623694861147,
      -1.29094228967442, 0.2689219013878878, -0.6599745965624585, -1.0125577321802832, -0.2772129589040151,
      0.7363240127967536, 0.11053932078141075, -0.333407618883165, 0.2957930259031846, 0.6809196730583745,
      -1.0292622616479525, -1.3146076344464532, -0.8233473825766975, -1.0107068321134167, -0.670681962776585,
      0.04456425178742094, -0.8733339165222502, -0.9120031219319642, -0.8878373243070147, -0.47981890804316,
    ],
    intercept: [0.2145027174017489],
    proba: [
      1.2077509568189484e-09, 3.200439338186e-05, 0.9991372533458791, 0.03760470137395579, 0.9785788748655027,
      0.00423512424913922,
    ],
  },
  lbfgs: {
    coef: [
      -0.36317071884095314, -0.38770299104054523, -0.35111443761001804, -0.43555896063886573, -0.16176493207758014,
      0.5625954840414786, -0.859897586721816, -0.9622217513117595, 0.07616774713570613, 0.3221858530362298,
      -1.2910347918788763, 0.2689252641805707, -0.6598868525569133, -1.0125008744744661, -0.27717046138327184,
      0.7362824023081549, 0.11052646668591742, -0.3335098977038844, 0.2959022504275028, 0.6809152776928897,
      -1.02936114077441, -1.3145931189362223, -0.8233170629440396, -1.0105935570535356, -0.6707313505247239,
      0.044658876800196826, -0.8733006390307522, -0.9119581542295906, -0.8878969365933743, -0.47983137114315544,
    ],
    intercept: [0.2145657309430091],
    proba: [
      1.2081663389252072e-09, 3.2004372866628267e-05, 0.9991373680047797, 0.037607662463860034, 0.9785790130588045,
      0.004235274202474243,
    ],
  },
};

const WINE = {
  exact: {
    coef: [
      0.8101361973530568, 0.2038042803494197, 0.472202894305659, -0.8447923676392223, 0.04951330422972075,
      0.2136997148959157, 0.6478847967071661, -0.19984834572973767, 0.1383486477106325, 0.1716080196097186,
      0.13090920527092284, 0.7259638299320937, 1.078952615400443, -1.0103312405246794, -0.44045085742375517,
      -0.8480602029330107, 0.5835966695001359, -0.0977073504280569, 0.02754343173973017, 0.3539867243505117,
      0.21278955829390553, 0.26335501463952193, -1.0412514988471901, 0.6825131384196713, 0.05288588427868119,
      -1.140782234965992, 0.20019504317162334, 0.23664657707433664, 0.3758573086273523, 0.26119569813908783,
      0.0481940461983377, -0.24124314663564547, -1.0018715210576792, -0.01294121256416823, -0.4017036623501541,
      0.8696434792374728, -0.8134223436905947, -0.7788497142107745, 0.06182961956555003,
    ],
    intercept: [0.4123433286292348, 0.7048385565460575, -1.1171818851752924],
    proba: [
      0.9997804457243108, 0.0001953837183915186, 2.417055729761967e-05, 0.9951074668371301, 0.0047627805477751094,
      0.0001297526150947922, 0.9961067732350138, 0.003831784278361421, 6.144248662468135e-05, 0.002224113721331939,
      0.9977297733294976, 4.611294917030808e-05, 0.0007283152888265578, 0.0003565708256498433, 0.9989151138855235,
      0.0005777472000293792, 4.459774654269163e-05, 0.999377655053428,
    ],
  },
  lbfgs: {
    coef: [
      0.8101347947338144, 0.20382073148760163, 0.4722124167891217, -0.8447843882542052, 0.0495290462367442,
      0.21372479616641668, 0.6478750705319869, -0.19982499112990385, 0.13833867563545496, 0.1716096615145187,
      0.13090887117218658, 0.7259506896985354, 1.0789594870704693, -1.010323375362916, -0.44045952703035995,
      -0.848073996771886, 0.5835732316278736, -0.09770602368275304, 0.0275279822206061, 0.35399157401383524,
      0.2127827938639654, 0.26336104957374956, -1.0412707677956505, 0.6825215991118354, 0.052876349406484224,
      -1.1407929345327164, 0.20018858062910252, 0.23663879554275866, 0.3758615799827647, 0.2612111566263315,
      0.04817697744600935, -0.24125277838702353, -1.0018666445458224, -0.012957802734061654, -0.4016997252092051,
      0.8696611062811327, -0.8134304702840223, -0.7788270391050193, 0.061833447462247206,
    ],
    intercept: [0.41229358315867276, 0.7048164121833866, -1.1171099953420587],
    proba: [
      0.9997804288084591, 0.0001953970202322661, 2.4174171308618857e-05, 0.9951067815999867, 0.004763444738141367,
      0.00012977366187193122, 0.9961060538702565, 0.0038324882280950765, 6.145790164848521e-05, 0.002223761568583687,
      0.9977301246429805, 4.61137884360601e-05, 0.0007282377221336519, 0.00035652044213878135, 0.9989152418357276,
      0.0005777440675018366, 4.458958629264336e-05, 0.9993776663462055,
    ],
  },
};

// Ridge(alpha=1) on diabetes; pred = predict() at rows 0, 1, 100, 441
const DIABETES = {
  coef: [
    -0.4311726582249159, -11.333654931877579, 24.77124180947336, 15.373472852971995, -30.08840059259457,
    16.653152303353394, 1.462107011104925, 7.521110929123216, 32.84375085651538, 3.266384869371547,
  ],
  intercept: 152.133484162896,
  pred: [205.48601048405715, 68.634247578458, 167.87225174671062, 51.9943651756887],
};

interface Dataset { readonly X: Matrix; readonly y: Float64Array }

/** Numeric CSV (header row, target last), standardized like StandardScaler; undefined when the file is absent. */
function loadStandardized(file: string): Dataset | undefined {
  const url = new URL(`../../../shared/datasets/${file}`, import.meta.url);
  if (!existsSync(url)) return undefined;
  const [header, ...lines] = readFileSync(url, 'utf8').trim().split('\n');
  const names = header.split(',');
  const rows = lines.map((l) => l.split(',').map(Number));
  const p = names.length - 1;
  const columns = Array.from({ length: p }, (_, j) => standardize(Float64Array.from(rows, (r) => r[j])));
  const features = names.slice(0, p).map((name) => ({ name, kind: 'numeric' as const }));
  return { X: { nRows: rows.length, features, columns }, y: Float64Array.from(rows, (r) => r[p]) };
}

function standardize(c: Float64Array): Float64Array {
  const mean = c.reduce((a, b) => a + b, 0) / c.length;
  const std = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / c.length);
  return c.map((v) => (v - mean) / std);
}

function dataOrSkip(t: TestContext, file: string): Dataset | undefined {
  const d = loadStandardized(file);
  if (!d) t.skip(`../shared/datasets/${file} is not present`);
  return d;
}

/** max over i of |a_i - b_i| / max(|b_i|, floor) */
function maxRelativeError(actual: ArrayLike<number>, expected: readonly number[], floor: number): number {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor));
  return worst;
}

function maxAbsoluteError(actual: ArrayLike<number>, expected: readonly number[]): number {
  return maxRelativeError(actual, expected, 1);
}

interface Fitted { readonly coef: number[]; readonly intercept: number[]; readonly proba: number[] }

async function fitLogistic(d: Dataset, task: Task, nClasses: number): Promise<{ model: Model; fitted: Fitted }> {
  const model = await logistic.fit(d.X, d.y, { task, nClasses, seed: 0 }, { C: 1, maxIter: 10000, tol: 1e-10 });
  const state = model.toJSON().state as { coef: number[][]; intercept: number[]; converged: boolean };
  assert.equal(state.converged, true);
  const pred = model.predict(d.X);
  const width = task === 'multiclass' ? nClasses : 1;
  const proba = ROWS.flatMap((i) => Array.from(pred.subarray(i * width, (i + 1) * width)));
  return { model, fitted: { coef: state.coef.flat(), intercept: state.intercept, proba } };
}

/** Tight agreement with the exact optimum, loose agreement with sklearn's early-stopped lbfgs; figures go to the test log. */
function compare(t: TestContext, fitted: Fitted, ref: { exact: Fitted; lbfgs: Fitted }): void {
  const exact = {
    coef: maxRelativeError(fitted.coef, ref.exact.coef, 1e-2),
    intercept: maxRelativeError(fitted.intercept, ref.exact.intercept, 1e-2),
    proba: maxAbsoluteError(fitted.proba, ref.exact.proba),
  };
  const lbfgs = {
    coef: maxRelativeError(fitted.coef, ref.lbfgs.coef, 1e-2),
    intercept: maxRelativeError(fitted.intercept, ref.lbfgs.intercept, 1e-2),
    proba: maxAbsoluteError(fitted.proba, ref.lbfgs.proba),
  };
  t.diagnostic(`vs sklearn optimum: coef rel ${exact.coef.toExponential(2)}, intercept rel ${exact.intercept.toExponential(2)}, proba abs ${exact.proba.toExponential(2)}`);
  t.diagnostic(`vs sklearn lbfgs (tol=1e-10): coef rel ${lbfgs.coef.toExponential(2)}, intercept rel ${lbfgs.intercept.toExponential(2)}, proba abs ${lbfgs.proba.toExponential(2)}`);
  assert.ok(exact.coef < 1e-6 && exact.intercept < 1e-6, `coefficients must match the optimum to 1e-6 relative; got ${exact.coef}, ${exact.intercept}`);
  assert.ok(exact.proba < 1e-8, `probabilities must match the optimum's to 1e-8; got ${exact.proba}`);
  assert.ok(lbfgs.coef < 5e-3 && lbfgs.intercept < 5e-3, `coefficients must match sklearn lbfgs to 5e-3 relative; got ${lbfgs.coef}, ${lbfgs.intercept}`);
  assert.ok(lbfgs.proba < 5e-5, `probabilities must match sklearn lbfgs's to 5e-5; got ${lbfgs.proba}`);
}

test('logistic matches sklearn LogisticRegression(C=1) on breast_cancer (binary)', async (t) => {
  const d = dataOrSkip(t, 'breast_cancer.csv');
  if (!d) return;
  const { fitted } = await fitLogistic(d, 'binary', 2);
  compare(t, fitted, BREAST_CANCER);
});

test('logistic matches sklearn multinomial LogisticRegression(C=1) on wine (3 classes)', async (t) => {
  const d = dataOrSkip(t, 'wine.csv');
  if (!d) return;
  const { fitted } = await fitLogistic(d, 'multiclass', 3);
  compare(t, fitted, WINE);
});

test('ridge matches sklearn Ridge(alpha=1) on diabetes', async (t) => {
  const d = dataOrSkip(t, 'diabetes.csv');
  if (!d) return;
  const model = await ridge.fit(d.X, d.y, { task: 'regression', nClasses: 1, seed: 0 }, { alpha: 1 });
  const state = model.toJSON().state as { coef: number[]; intercept: number };
  const pred = model.predict(d.X);
  const coef = maxRelativeError(state.coef, DIABETES.coef, 1e-2);
  const intercept = Math.abs(state.intercept - DIABETES.intercept) / DIABETES.intercept;
  const predErr = maxRelativeError([0, 1, 100, 441].map((i) => pred[i]), DIABETES.pred, 1);
  t.diagnostic(`vs sklearn Ridge: coef rel ${coef.toExponential(2)}, intercept rel ${intercept.toExponential(2)}, prediction rel ${predErr.toExponential(2)}`);
  assert.ok(coef < 1e-10 && intercept < 1e-12 && predErr < 1e-12, `ridge must match sklearn to rounding; got ${coef}, ${intercept}, ${predErr}`);
});
