// Which store a command uses: --store, else GAUNTLET_STORE, else the nearest .gauntlet/gauntlet.db up from a folder.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openStore, defaultStoreUri } from '../track/open.ts';
import type { Store } from '../track/types.ts';
import { BadInputError } from '../util/errors.ts';

/** Store for a run of a spec in `specDir`. */
export function storeForSpec(flag: string | undefined): (specDir: string) => Promise<Store> {
  return (specDir) => openStore(flag ?? defaultStoreUri(specDir));
}

/** Store for commands that read runs (runs, show): explicit, env, or found by walking up from the working folder. */
export async function storeForReading(flag: string | undefined, from = process.cwd()): Promise<Store> {
  const explicit = flag ?? process.env.GAUNTLET_STORE?.trim();
  if (explicit) return openStore(explicit);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = join(dir, '.gauntlet', 'gauntlet.db');
    if (existsSync(file)) return openStore(`sqlite:${file}`);
    if (dirname(dir) === dir) break;
  }
  const demo = join(resolve(from), 'gauntlet-demo', '.gauntlet', 'gauntlet.db');
  if (existsSync(demo)) return openStore(`sqlite:${demo}`);
  throw new BadInputError(`no store found: no .gauntlet/gauntlet.db in ${resolve(from)} or its parents; run from the spec's folder or pass --store sqlite:PATH/.gauntlet/gauntlet.db`);
}
