// Worker threads running a TypeScript module. Node 20 does not pass the parent's tsx loader to workers, and registering
// tsx inside each worker costs ~160 ms before the module even loads. So the module and everything it imports are
// bundled once per process with esbuild (the compiler tsx itself runs on) into one CommonJS script, which a worker
// starts in ~25 ms. Modules a worker loads must not need `import.meta` at load time (it is empty in the bundle).
// If bundling fails, the worker registers tsx itself, as before.
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const bundles = new Map<string, string | null>();

/** The module's bundle (built on first use, ~60 ms), or null when esbuild cannot build it. */
export function workerBundle(url: URL): string | null {
  let code = bundles.get(url.href);
  if (code === undefined) {
    try {
      const out = buildSync({
        entryPoints: [fileURLToPath(url)], bundle: true, format: 'cjs', platform: 'node', target: 'node20',
        write: false, logLevel: 'silent',
      });
      code = out.outputFiles[0].text;
    } catch {
      code = null;
    }
    bundles.set(url.href, code);
  }
  return code;
}

/** Start a worker on the .ts module at `url` (options as for `new Worker`, e.g. workerData). */
export function spawnTsWorker(url: URL, options: WorkerOptions = {}): Worker {
  const code = workerBundle(url);
  if (code !== null) return new Worker(code, { ...options, eval: true });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
