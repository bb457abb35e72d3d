// `gauntlet report RUN`: render the self-contained HTML report of a recorded run (the same page the bundle holds).
import { writeFileSync, renameSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeForReading } from './store-arg.ts';
import { renderReport } from '../report/index.ts';
import { BUNDLE_FILES, type TestPredictions, type Verdict } from '../candidate/types.ts';
import type { Evaluation } from '../evaluate/document.ts';
import { BadInputError } from '../util/errors.ts';

export async function reportCommand(runArg: string, flags: { out?: string; store?: string }): Promise<void> {
  const store = await storeForReading(flags.store);
  try {
    const run = await store.getRun(runArg);
    if (!run) throw new BadInputError(`no run '${runArg}' in ${store.uri}; list runs with 'gauntlet runs'`);
    const evaluation = (await store.getArtifact(run.id, 'evaluation')) as unknown as Evaluation | null;
    if (!evaluation) throw new BadInputError(`run ${run.id} (${run.status}) recorded no evaluation to report${run.error ? `: ${run.error}` : ''}`);
    const candidate = (await store.getArtifact(run.id, 'candidate')) as { path?: string } | null;
    const preds = candidate?.path && existsSync(join(candidate.path, BUNDLE_FILES.testPredictions))
      ? (JSON.parse(readFileSync(join(candidate.path, BUNDLE_FILES.testPredictions), 'utf8')) as TestPredictions) : null;
    const html = renderReport({
      specName: run.specName, runId: run.id, createdAt: run.endedAt ?? run.startedAt, evaluation, lineage: run.lineage,
      verdict: (await store.getArtifact(run.id, 'gate')) as unknown as Verdict | null, curves: run.curves, testPredictions: preds,
      diagnosis: await store.getArtifact(run.id, 'diagnosis'),
    });
    const out = flags.out ?? `report-${run.id}.html`;
    writeFileSync(`${out}.tmp-${process.pid}`, html);
    renameSync(`${out}.tmp-${process.pid}`, out);
    process.stdout.write(`wrote ${out} (self-contained; opens offline)\n`);
  } finally {
    await store.close();
  }
}
