// `gauntlet diagnose RUN`: decision table, learning curves, sanity checks and weak slices of a finished run, stored as artifact `diagnosis`.
import type { Command } from 'commander';
import { storeForReading } from './store-arg.ts';
import { reloadRun } from '../run/reload.ts';
import type { Json } from '../track/types.ts';
import { diagnose, type Diagnosis } from '../diagnose/diagnose.ts';
import { renderDiagnosis } from '../diagnose/render.ts';

export interface DiagnoseFlags {
  readonly json?: boolean;
  readonly store?: string;
  /** learning curves; default true (`--no-curves` skips the refits) */
  readonly curves?: boolean;
}

export const DIAGNOSIS_ARTIFACT = 'diagnosis';

/** The commander registration this command expects (the integrator may call it from main.ts). */
export function registerDiagnose(program: Command): void {
  program.command('diagnose')
    .description('bias/variance/mismatch decision table, learning curves, sanity checks and weak slices of a run; exit 1 on error-level findings')
    .argument('<run>', 'run id or unique prefix')
    .option('--no-curves', 'skip the learning curves (they refit every learner ten times)')
    .option('--json', 'print the diagnosis as JSON')
    .option('--store <uri>', 'store URI (default: nearest .gauntlet/gauntlet.db)')
    .action(diagnoseCommand);
}

export async function diagnoseCommand(run: string, flags: DiagnoseFlags): Promise<void> {
  const store = await storeForReading(flags.store);
  try {
    const reloaded = await reloadRun(store, run);
    let d: Diagnosis;
    try {
      const progress = flags.json ? undefined : (m: string) => process.stderr.write(`• ${m}\n`);
      d = await diagnose(reloaded, { curves: flags.curves !== false, onProgress: progress });
    } finally {
      reloaded.data.sql.close();
    }
    await store.putArtifact(reloaded.run.id, DIAGNOSIS_ARTIFACT, d as unknown as Json);
    process.stdout.write(flags.json ? `${JSON.stringify(d, null, 2)}\n` : `run ${reloaded.run.id}\n${renderDiagnosis(d)}\n`);
    process.exitCode = d.findings.some((f) => f.severity === 'error') ? 1 : 0;
  } finally {
    await store.close();
  }
}
