// SIMPSONS_PARADOX: within a slice group, the comparison of two models on most of the rows points the other way than the overall comparison.
import { slicePositions, type SliceMask } from '../data/slices.ts';
import type { Task } from '../learners/types.ts';
import { metricFn } from '../metrics/index.ts';
import type { Json } from '../track/types.ts';
import type { Finding } from './findings.ts';

export interface SimpsonInput {
  /** metric name from the registry, e.g. the optimizing metric */
  readonly metric: string;
  readonly task: Task;
  readonly nClasses: number;
  readonly higherIsBetter: boolean;
  /** labels and predictions of the split's rows, aligned to `rows` */
  readonly y: Float64Array;
  readonly predCandidate: Float64Array;
  readonly predReference: Float64Array;
  readonly candidateName: string;
  readonly referenceName: string;
  /** slice masks over the whole data */
  readonly slices: readonly SliceMask[];
  /** the split's data rows: position i of y/preds is data row rows[i] */
  readonly rows: Int32Array;
  /** slices with fewer rows are too noisy to count for or against */
  readonly minSliceRows: number;
}

/** One model-vs-model comparison: values and delta = candidate − reference. */
interface Compared {
  readonly candidate: number;
  readonly reference: number;
  readonly delta: number;
}

interface SliceCompared extends Compared {
  readonly name: string;
  readonly n: number;
}

/** +1 when the candidate is better, −1 when worse, 0 on a tie or an undefined value. */
function verdict(c: Compared, higherIsBetter: boolean): number {
  if (!Number.isFinite(c.delta) || c.delta === 0) return 0;
  return (c.delta > 0) === higherIsBetter ? 1 : -1;
}

function compare(input: SimpsonInput, idx: Int32Array | undefined): Compared {
  const fn = metricFn(input.metric, input.task);
  const candidate = fn(input.y, input.predCandidate, idx, input.nClasses);
  const reference = fn(input.y, input.predReference, idx, input.nClasses);
  return { candidate, reference, delta: candidate - reference };
}

/**
 * Slices by group, in first-seen order. A group of one mask (a `where` slice) is paired with its
 * complement, so that it too splits the rows in two.
 */
export function sliceGroups(slices: readonly SliceMask[]): Map<string, SliceMask[]> {
  const groups = new Map<string, SliceMask[]>();
  for (const s of slices) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  for (const [group, masks] of groups) {
    if (masks.length !== 1) continue;
    const only = masks[0];
    groups.set(group, [only, { name: `not ${only.name}`, group, mask: only.mask.map((v) => (v ? 0 : 1)) }]);
  }
  return groups;
}


function compareSlices(input: SimpsonInput, masks: readonly SliceMask[]): SliceCompared[] {
  return masks.map((s) => {
    const idx = slicePositions(s.mask, input.rows);
    const c = idx.length >= input.minSliceRows && idx.length > 0 ? compare(input, idx) : { candidate: NaN, reference: NaN, delta: NaN };
    return { name: s.name, n: idx.length, ...c };
  });
}

const fmt = (x: number): string => (x >= 0 ? '+' : '') + x.toPrecision(3);

function message(input: SimpsonInput, group: string, overall: Compared, opposing: readonly SliceCompared[], share: number, wins: boolean): string {
  const listed = opposing.map((s) => `${s.name} (n=${s.n}, Δ ${fmt(s.delta)})`).join(', ');
  const [overallWord, sliceWord] = wins ? ['beats', 'loses'] : ['loses to', 'wins'];
  return `'${input.candidateName}' ${overallWord} '${input.referenceName}' on ${input.metric} overall (Δ ${fmt(overall.delta)}) ` +
    `but ${sliceWord} within ${listed}, ${(100 * share).toFixed(0)}% of the rows of slice group '${group}': ` +
    `the overall comparison comes from how rows mix across '${group}'; compare the models within its slices before choosing`;
}

/** JSON has no NaN: undefined values (a slice under minSliceRows) become null. */
const jsonNumber = (x: number): number | null => (Number.isFinite(x) ? x : null);

function evidence(input: SimpsonInput, group: string, overall: Compared, slices: readonly SliceCompared[], share: number): Json {
  return {
    metric: input.metric, group, candidate: input.candidateName, reference: input.referenceName,
    higherIsBetter: input.higherIsBetter, share,
    overall: { candidate: jsonNumber(overall.candidate), reference: jsonNumber(overall.reference), delta: jsonNumber(overall.delta) },
    slices: slices.map((s) => ({ name: s.name, n: s.n, candidate: jsonNumber(s.candidate), reference: jsonNumber(s.reference), delta: jsonNumber(s.delta) })),
  };
}

function checkGroup(input: SimpsonInput, group: string, masks: readonly SliceMask[], overall: Compared): Finding | undefined {
  const sign = verdict(overall, input.higherIsBetter);
  if (sign === 0) return undefined;
  const slices = compareSlices(input, masks);
  const opposing = slices.filter((s) => verdict(s, input.higherIsBetter) === -sign);
  const share = opposing.reduce((sum, s) => sum + s.n, 0) / input.rows.length;
  if (!(share > 0.5)) return undefined;
  return {
    code: 'SIMPSONS_PARADOX',
    severity: 'warning',
    message: message(input, group, overall, opposing, share, sign > 0),
    evidence: evidence(input, group, overall, slices, share),
  };
}

/**
 * For each slice group: when the candidate beats the reference overall but loses within slices
 * that together hold more than half of the split's rows (or loses overall and wins within such a
 * majority), one SIMPSONS_PARADOX warning naming those slices, their n and deltas, and the
 * overall delta. Slices under minSliceRows rows count for neither side.
 */
export function detectSimpsons(input: SimpsonInput): Finding[] {
  const overall = compare(input, undefined);
  const findings: Finding[] = [];
  for (const [group, masks] of sliceGroups(input.slices)) {
    const f = checkGroup(input, group, masks, overall);
    if (f !== undefined) findings.push(f);
  }
  return findings;
}
