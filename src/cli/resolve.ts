// Resolving CLI arguments: a candidate given as a bundle folder or a run id, and the store the registry lives in.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readManifest } from '../candidate/bundle.ts';
import { storeForReading } from './store-arg.ts';
import { openStore } from '../track/open.ts';
import type { Store, Json } from '../track/types.ts';
import { BadInputError } from '../util/errors.ts';

export interface ResolvedCandidate {
  readonly dir: string;
  readonly runId: string;
  readonly specName: string;
  readonly storeUri: string;
}

export function isBundleDir(arg: string): boolean {
  return existsSync(arg) && statSync(arg).isDirectory() && existsSync(resolve(arg, 'manifest.json'));
}

/** A bundle folder, or a run id (prefix) whose run packaged a candidate. */
export async function resolveCandidate(arg: string, storeFlag: string | undefined): Promise<ResolvedCandidate> {
  if (isBundleDir(arg)) {
    const m = readManifest(resolve(arg));
    return { dir: resolve(arg), runId: m.runId, specName: m.specName, storeUri: storeFlag ?? m.storeUri };
  }
  if (existsSync(arg)) throw new BadInputError(`${arg}: not a candidate bundle (no manifest.json); pass the folder 'gauntlet run' printed as candidate, or a run id`);
  const store = await storeForReading(storeFlag);
  try {
    const run = await store.getRun(arg);
    if (!run) throw new BadInputError(`'${arg}' is neither a bundle folder nor a run id in ${store.uri}; list runs with 'gauntlet runs'`);
    const c = (await store.getArtifact(run.id, 'candidate')) as { path?: string } | null;
    if (!c?.path) throw new BadInputError(`run ${run.id} packaged no candidate (status ${run.status}); run the spec again`);
    return { dir: c.path, runId: run.id, specName: run.specName, storeUri: store.uri };
  } finally {
    await store.close();
  }
}

/** Open the store for registry commands: --store, else the candidate's recorded store, else the nearest one. */
export async function registryStore(flag: string | undefined, candidate?: ResolvedCandidate): Promise<Store> {
  if (flag) return openStore(flag);
  if (candidate) return openStore(candidate.storeUri);
  return storeForReading(undefined);
}

/** The one spec name in the registry, or the one given; else an error listing them. */
export async function specNameFor(store: Store, given: string | undefined): Promise<string> {
  if (given) return given;
  const names = [...new Set((await store.listCandidates()).map((c) => c.specName))];
  if (names.length === 1) return names[0];
  if (names.length === 0) throw new BadInputError(`no candidates registered in ${store.uri}; run a spec first`);
  throw new BadInputError(`the registry in ${store.uri} holds several specs (${names.join(', ')}); pass --spec NAME`);
}

export type { Json };
