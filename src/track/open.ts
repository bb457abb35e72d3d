// Opening a store by URI (`sqlite:path/to/file.db`, `sqlite::memory:`), and the default URI for a project.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BadInputError } from '../util/errors.ts';
import { openSqliteKysely } from './sqlite-dialect.ts';
import { SqlStore } from './sql-store.ts';
import type { Store } from './types.ts';

const SUPPORTED = "'sqlite:<path>' (e.g. 'sqlite:.gauntlet/gauntlet.db') and 'sqlite::memory:'";

function badUri(uri: string, problem: string): BadInputError {
  return new BadInputError(`store URI ${JSON.stringify(uri)} ${problem}; supported: ${SUPPORTED}`, 'BAD_STORE_URI');
}

/**
 * The file a `sqlite:` URI names, or ':memory:'. Accepts SQLAlchemy/MLflow spellings too:
 * `sqlite:///rel.db` (relative) and `sqlite:////abs.db` (absolute).
 */
export function sqlitePath(uri: string): string {
  let rest = uri.slice('sqlite:'.length);
  if (rest.startsWith('//')) rest = rest.slice(3);
  if (rest === ':memory:') return rest;
  if (rest.trim() === '') throw badUri(uri, 'must name a database file after the scheme');
  return resolve(rest);
}

async function openSqlite(uri: string): Promise<Store> {
  const file = sqlitePath(uri);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return SqlStore.open(`sqlite:${file}`, openSqliteKysely(file), 'sqlite');
}

/** Open (creating and migrating as needed) the store a URI names. */
export async function openStore(uri: string): Promise<Store> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') return openSqlite(uri);
  if (scheme === 'postgres' || scheme === 'postgresql') {
    throw badUri(uri, 'names a Postgres store, which is not yet available (planned: same schema over kysely + pg)');
  }
  throw badUri(uri, scheme ? `has an unknown scheme '${scheme}'` : 'must start with a scheme');
}

/** `sqlite:<specDir>/.gauntlet/gauntlet.db`, unless the GAUNTLET_STORE environment variable names another store. */
export function defaultStoreUri(specDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.GAUNTLET_STORE?.trim();
  if (override) return override;
  return `sqlite:${join(resolve(specDir), '.gauntlet', 'gauntlet.db')}`;
}
