// After selection: package the selected model as a candidate bundle, verify it in a fresh process,
// evaluate the readiness gate, write the report, and register the candidate in the store.
import { join } from 'node:path';
import { writeBundle, addToBundle, bundleHash } from '../candidate/bundle.ts';
import { schemaFromPipeline, signatureFor } from '../candidate/schema.ts';
import { verifyInFreshProcess } from '../candidate/verify.ts';
import { evaluateGate } from '../candidate/gate.ts';
import { renderReport } from '../report/index.ts';
import { BUNDLE_FILES, type GateInput, type InputSchema, type TestPredictions, type Verdict } from '../candidate/types.ts';
import type { Evaluation, Comparison } from '../evaluate/document.ts';
import type { Trained } from './train.ts';
import type { Prepared } from './prepare.ts';
import type { Store, Json } from '../track/types.ts';
import type { GitInfo } from './lineage.ts';
import { loadData } from '../data/load.ts';

export interface Packaged {
  readonly candidatePath: string;
  readonly candidateVersion: number;
  readonly verdict: Verdict;
  readonly reportPath: string;
}

export interface PackageInput {
  readonly p: Prepared;
  readonly store: Store;
  readonly runId: string;
  readonly trained: Trained;
  readonly evaluation: Evaluation;
  readonly lineage: Json;
  readonly git: GitInfo | null;
  readonly testPredictions: TestPredictions;
  readonly championComparison: Comparison | null;
  readonly previousChampion: { id: number; runId: string } | null;
  readonly diagnosis: Json | null;
}

export async function packageCandidate(x: PackageInput): Promise<Packaged> {
  const dir = join(x.p.spec.dir, '.gauntlet', 'candidates', x.runId);
  const schema = schemaFromPipeline(x.trained.pipeline.toJSON(), x.p.spec.data.id);
  const signature = signatureFor(x.evaluation.task, x.evaluation.classes, schema.inputs.map((i) => i.name));
  const text = (v: unknown): string => `${JSON.stringify(v, null, 1)}\n`;
  writeBundle(dir, { runId: x.runId, specName: x.p.spec.name, model: x.trained.id, storeUri: x.store.uri }, {
    [BUNDLE_FILES.model]: text(x.trained.model.toJSON()),
    [BUNDLE_FILES.pipeline]: text(x.trained.pipeline.toJSON()),
    [BUNDLE_FILES.schema]: text(schema),
    [BUNDLE_FILES.signature]: text(signature),
    [BUNDLE_FILES.lineage]: text(x.lineage),
    [BUNDLE_FILES.evaluation]: text(x.evaluation),
    [BUNDLE_FILES.testPredictions]: JSON.stringify(x.testPredictions),
  });
  const fresh = await verifyInFreshProcess(dir);
  const verdict = evaluateGate(await gateInput(x, schema, fresh));
  const run = await x.store.getRun(x.runId);
  const report = renderReport({
    specName: x.p.spec.name, runId: x.runId, createdAt: new Date().toISOString(), evaluation: x.evaluation, lineage: x.lineage,
    verdict, curves: run?.curves ?? [], testPredictions: x.testPredictions, diagnosis: x.diagnosis,
  });
  const manifest = addToBundle(dir, { [BUNDLE_FILES.gate]: text(verdict), [BUNDLE_FILES.report]: report });
  const version = await x.store.registerCandidate({ runId: x.runId, specName: x.p.spec.name, path: dir, contentHash: bundleHash(manifest) });
  await x.store.putArtifact(x.runId, 'gate', verdict as unknown as Json);
  await x.store.putArtifact(x.runId, 'candidate', { path: dir, version, contentHash: bundleHash(manifest), fresh: fresh as unknown as Json });
  return { candidatePath: dir, candidateVersion: version, verdict, reportPath: join(dir, BUNDLE_FILES.report) };
}

async function gateInput(x: PackageInput, schema: InputSchema, fresh: Awaited<ReturnType<typeof verifyInFreshProcess>>): Promise<GateInput> {
  const { spec } = x.p;
  const runs = await x.store.listRuns({ specName: spec.name, limit: 100000 });
  const oldest = runs[runs.length - 1];
  const lin = x.lineage as Record<string, Json>;
  return {
    evaluation: x.evaluation,
    gate: spec.gate,
    minSliceRows: spec.evaluation.minSliceRows,
    success: { current: x.p.successHash, first: oldest?.successHash ?? null, runsWithOtherHash: runs.filter((r) => r.successHash !== x.p.successHash).length },
    lineage: { git: x.git, seeds: lin.seeds ?? null, dataSnapshot: (lin.dataSnapshot as string) ?? null, environment: lin.environment ?? null },
    schema,
    trainingOnly: spec.serving.trainingOnly,
    servingSample: spec.serving.sample ? await readServingSample(spec.serving.sample) : null,
    sharedTransforms: true,
    parity: fresh.parity,
    freshLoad: fresh.freshLoad,
    calibration: x.evaluation.task === 'regression' ? null : { method: x.evaluation.models.find((m) => m.name === x.trained.id)?.calibration?.chosen ?? 'none' },
    rollback: { previousChampion: x.previousChampion, fallback: spec.rollback.fallback },
    championComparison: x.championComparison,
  };
}

async function readServingSample(file: string): Promise<GateInput['servingSample']> {
  try {
    const d = await loadData(file);
    d.sql.close();
    return { file, columns: d.table.columns.map((c) => ({ name: c.name, type: c.kind })) };
  } catch (e) {
    return { file, error: e instanceof Error ? e.message : String(e) };
  }
}
