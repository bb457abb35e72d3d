// Lineage and gate verdict of the report fixture, shaped like what `gauntlet run` records (optionally with hostile strings).
import type { Verdict, GateItem } from '../../candidate/types.ts';
import type { Json } from '../../track/types.ts';

/** Strings that would run script or break markup if any were inserted unescaped. */
export const HOSTILE = {
  slice: '<script>alert(1)</script>',
  model: 'gbdt"><svg onload=alert(2)>',
  specName: 'loans & <b>co</b>',
  dataFile: '/data/</pre><script>alert(3)</script>.csv',
  lineageNote: '<img src=x onerror=alert(4)>',
  reason: 'reason with <iframe> & "quotes"',
} as const;

export function fixtureLineage(hostile: boolean): Json {
  const lineage: { [k: string]: Json } = {
    git: { commit: 'dbf5ada3c0ffee1234567890abcdef1234567890', dirty: true, dirtyFiles: ['src/learners/logistic.ts', 'gauntlet.yaml'], root: '/home/analyst/loans' },
    dataSnapshot: '3aaabbf422e52427d609cce50bd31f7247196362dd983ff43ec3b53c8267f2df',
    dataFile: hostile ? HOSTILE.dataFile : '/home/analyst/loans/loans.csv',
    specHash: '73f11031dd84dfd4',
    successHash: 'a408ca9ae3af04aa',
    featureSetVersion: '3d9135c569ef5834',
    seeds: { splits: 7, learners: 0, bootstrap: 0 },
    environment: { node: 'v20.20.2', gauntlet: '0.1.0', os: 'linux 6.18.44', arch: 'x64', cpu: 'AMD EPYC', cores: 2, memoryGB: 24 },
    system: { wall_s: 3.325, cpu_user_s: 1.7747, cpu_system_s: 0.0755, peak_rss_mb: 220.37 },
  };
  if (hostile) lineage.note = HOSTILE.lineageNote;
  return lineage;
}

function item(id: number, key: string, title: string, status: GateItem['status'], reason: string, evidence: Json): GateItem {
  return { id, key, title, status, reason, evidence };
}

export function fixtureVerdict(hostile: boolean, optimize: string): Verdict {
  const items: GateItem[] = [
    item(1, 'beats-baseline', 'Beats the best baseline on blackbox', 'pass', `The selected model beats heuristic on blackbox ${optimize} (p = 0.001 < 0.05).`, { delta: 0.1008, pValue: 0.000999 }),
    item(2, 'constraints', 'Meets every constraint, success definition unchanged', 'pass', 'All 3 constraints met; success hash unchanged since the first run.', { runsWithOtherHash: 0 }),
    item(3, 'slices', 'No slice falls behind', 'pass', `No non-small slice is more than 10% worse than overall ${optimize}.`, { worst: 'young', drop: 0.07 }),
    item(4, 'calibration', 'Probabilities are calibrated', 'pass', 'ECE 0.0166 ≤ 0.05 on blackbox.', { ece: 0.0166 }),
    item(5, 'serving-features', 'Every input is available at serving', 'not-applicable', 'No serving sample declared; no training-only columns.', null),
    item(6, 'skew', 'No training/serving skew', 'pass', 'Serving and training share the same fitted pipeline object.', { sharedTransforms: true }),
    item(7, 'reproducibility', 'Reproducible from lineage', 'fail', hostile ? HOSTILE.reason : 'The git work tree was dirty (2 files): the code cannot be checked out again.', { dirtyFiles: ['src/learners/logistic.ts', hostile ? HOSTILE.lineageNote : 'gauntlet.yaml'] }),
    item(8, 'packaged', 'Packaged and loadable in a fresh process', 'pass', 'Loaded in a fresh process; 3000 test predictions identical.', { rows: 3000, maxAbsDiff: 0 }),
    item(9, 'rollback', 'Rollback path exists', 'pass', 'First release: falls back to the heuristic baseline.', { fallback: 'heuristic' }),
  ];
  return { format: 'gauntlet-gate', version: 1, ready: false, items };
}
