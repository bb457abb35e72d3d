// The bundle directory: written atomically (temp dir + rename), every file hashed in manifest.json, verified on load.
import { mkdirSync, writeFileSync, readFileSync, renameSync, existsSync, rmSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { sha256 } from '../util/hash.ts';
import { BadInputError } from '../util/errors.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Manifest } from './types.ts';

export const MANIFEST = 'manifest.json';

export class BundleError extends BadInputError {
  constructor(message: string) {
    super(message, 'BAD_BUNDLE');
  }
}

export type BundleFiles = Readonly<Record<string, string>>;

/** Write a new bundle at `dir` (which must not exist yet) with `files` (name → text). */
export function writeBundle(dir: string, meta: Omit<Manifest, 'format' | 'version' | 'files' | 'createdAt'>, files: BundleFiles): Manifest {
  if (existsSync(dir)) throw new BundleError(`${dir}: a bundle already exists there; bundles are immutable`);
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
  const manifest: Manifest = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, createdAt: new Date().toISOString(), ...meta, files: hashes(files) };
  writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, dir);
  return manifest;
}

/** Add files to a finished bundle (the gate verdict and report come after the fresh-process check) and re-hash. */
export function addToBundle(dir: string, files: BundleFiles): Manifest {
  const manifest = readManifest(dir);
  for (const [name, text] of Object.entries(files)) {
    if (manifest.files[name]) throw new BundleError(`${dir}: ${name} is already in the bundle; bundle files are immutable`);
    writeFileSync(join(dir, `${name}.tmp-${process.pid}`), text);
    renameSync(join(dir, `${name}.tmp-${process.pid}`), join(dir, name));
  }
  const next: Manifest = { ...manifest, files: { ...manifest.files, ...hashes(files) } };
  writeFileSync(join(dir, `${MANIFEST}.tmp-${process.pid}`), `${JSON.stringify(next, null, 2)}\n`);
  renameSync(join(dir, `${MANIFEST}.tmp-${process.pid}`), join(dir, MANIFEST));
  return next;
}

/** Read and check the manifest's format and version. */
export function readManifest(dir: string): Manifest {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BundleError(`${dir}: not a candidate bundle directory (it does not exist)`);
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) throw new BundleError(`${dir}: not a candidate bundle (no ${MANIFEST})`);
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (e) {
    throw new BundleError(`${file}: unreadable manifest (${(e as Error).message})`);
  }
  if (m.format !== BUNDLE_FORMAT) throw new BundleError(`${file}: format '${m.format}' is not '${BUNDLE_FORMAT}'`);
  if (m.version !== BUNDLE_VERSION) throw new BundleError(`${file}: bundle format version ${m.version} is not supported (this Gauntlet reads version ${BUNDLE_VERSION})`);
  return m;
}

/** Verify every file against its recorded hash; refuse modified, missing or extra files. Returns the files' texts. */
export function readVerified(dir: string): { manifest: Manifest; files: Record<string, string> } {
  const manifest = readManifest(dir);
  const files: Record<string, string> = {};
  for (const [name, expected] of Object.entries(manifest.files)) {
    const path = join(dir, name);
    if (!existsSync(path)) throw new BundleError(`${dir}: ${name} is missing; the bundle is incomplete — re-run to produce a new candidate`);
    const text = readFileSync(path, 'utf8');
    if (sha256(text) !== expected) {
      throw new BundleError(`${dir}: ${name} was modified after packaging (SHA-256 ${sha256(text).slice(0, 12)}… ≠ recorded ${expected.slice(0, 12)}…); refusing to load — restore it or re-run`);
    }
    files[name] = text;
  }
  const extra = readdirSync(dir).filter((f) => f !== MANIFEST && !manifest.files[f] && !f.includes('.tmp-'));
  if (extra.length) throw new BundleError(`${dir}: unexpected file ${extra[0]} not in the manifest; remove it (bundles are immutable)`);
  return { manifest, files };
}

/** A content hash of the whole bundle: the hash of its manifest's file hashes. */
export function bundleHash(m: Manifest): string {
  return sha256(Object.entries(m.files).sort(([a], [b]) => a.localeCompare(b)).map(([n, h]) => `${n}:${h}`).join('\n'));
}

function hashes(files: BundleFiles): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([n, t]) => [n, sha256(t)]));
}
