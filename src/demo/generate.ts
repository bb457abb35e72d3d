// The demo's data, generated here (nothing shipped or downloaded): a seeded loan-default table
// with numeric and categorical columns, missing values, free text, and a known signal.
import { Rng } from '../util/rng.ts';

export const DEMO_SPEC = `name: loans
data:
  source: loans.csv            # CSV, Parquet or JSONL (by extension), path relative to this file; loaded with DuckDB
  target: defaulted
  id: loan_id                  # optional; never used as a feature
  exclude: [notes]             # optional
  categorical: [region]        # optional; otherwise inferred (strings are categorical)
task: binary                   # binary | multiclass | regression; inferred when absent
objective:
  optimize: auc                # the one optimizing metric
  constraints:                 # satisficing: must hold, fixed before experiments
    - { metric: latency_p99_ms, max: 5 }
    - { metric: model_size_mb, max: 50 }
    - { metric: ece, max: 0.05 }
splits: { strategy: stratified, seed: 7, train: 0.6, trainDev: 0.05, eyeball: 0.05, blackbox: 0.15, test: 0.15 }
slices:
  - { name: young, where: "age < 25" }     # SQL boolean expression over the raw columns
  - { by: region }                         # one slice per value
baselines:
  heuristic: "late_payments * 0.2 + debt / income"   # SQL expression, higher = more likely positive (or the value, for regression)
  human: { auc: 0.85 }                     # optional human-level reference
learners: [logistic]           # default: every built-in learner suited to the task
rollback: { fallback: heuristic }          # first release: what serving falls back to (later: the previous champion)
`;

const REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;
const REGION_RISK: Record<string, number> = { north: -0.2, south: 0.35, east: 0, west: -0.1, central: 0.15 };
const EMPLOYMENT = ['salaried', 'self-employed', 'contract', 'unemployed'] as const;
const EMPLOYMENT_RISK: Record<string, number> = { salaried: -0.3, 'self-employed': 0.1, contract: 0.25, unemployed: 0.9 };
const PURPOSES = ['car', 'home', 'education', 'debt consolidation', 'medical', 'other'] as const;
const NOTE_WORDS = ['called', 'late', 'ok', 'reviewed', 'pending docs', 'verified income', 'relocated', 'n/a'];

/** CSV text of `rows` loans, seeded. Default rate around 15–20%. */
export function generateLoansCsv(rows: number, seed: number): string {
  const rng = new Rng(seed);
  const lines = ['loan_id,age,income,debt,late_payments,tenure_years,credit_lines,region,employment,purpose,notes,defaulted'];
  for (let i = 0; i < rows; i++) lines.push(loanRow(rng, i));
  return lines.join('\n') + '\n';
}

function loanRow(rng: Rng, i: number): string {
  const age = Math.max(18, Math.min(80, Math.round(40 + 12 * rng.normal())));
  const region = REGIONS[rng.int(REGIONS.length)];
  const employment = EMPLOYMENT[pick(rng, [0.6, 0.2, 0.14, 0.06])];
  const purpose = PURPOSES[rng.int(PURPOSES.length)];
  const income = Math.round(Math.exp(10.6 + 0.45 * rng.normal() + (age - 40) * 0.006) / 10) * 10;
  const debt = Math.round(income * Math.max(0, 0.35 + 0.25 * rng.normal()));
  const late = poisson(rng, employment === 'unemployed' ? 1.6 : 0.6);
  const tenure = Math.max(0, Math.round((age - 18) * rng.float() * 10) / 10);
  const lines = 1 + poisson(rng, 3);
  const z = -2.3 + 0.55 * late + 1.8 * (debt / income - 0.35) - 0.025 * (age - 40) + (age < 25 ? 0.4 : 0)
    - 0.04 * tenure + REGION_RISK[region] + EMPLOYMENT_RISK[employment] - 0.35 * (Math.log(income) - 10.6) + 0.05 * lines;
  const defaulted = rng.float() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  const incomeCell = rng.float() < 0.03 ? '' : String(income);
  const tenureCell = rng.float() < 0.05 ? '' : String(tenure);
  const regionCell = rng.float() < 0.01 ? '' : region;
  const note = rng.float() < 0.7 ? '' : `"${NOTE_WORDS[rng.int(NOTE_WORDS.length)]}"`;
  return [`L${String(100000 + i)}`, age, incomeCell, debt, late, tenureCell, lines, regionCell, employment, purpose, note, defaulted].join(',');
}

function pick(rng: Rng, weights: readonly number[]): number {
  let u = rng.float();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

function poisson(rng: Rng, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.float();
  } while (p > l);
  return k - 1;
}
