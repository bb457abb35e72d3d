// The packaging check: load the bundle in a fresh Node process and measure train/serve parity there.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface FreshCheck {
  readonly freshLoad: { readonly ok: boolean; readonly rows: number; readonly seconds: number; readonly error?: string };
  readonly parity: { readonly rows: number; readonly maxAbsDiff: number; readonly identical: boolean } | null;
}

export function verifyInFreshProcess(dir: string): Promise<FreshCheck> {
  const child = fileURLToPath(new URL('./verify-child.ts', import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', import.meta.resolve('tsx'), child, dir], { maxBuffer: 1 << 24, timeout: 300_000 }, (err, stdout, stderr) => {
      try {
        const r = JSON.parse(stdout) as { ok: boolean; rows?: number; seconds?: number; maxAbsDiff?: number; identical?: boolean; error?: string };
        if (!r.ok) return resolve({ freshLoad: { ok: false, rows: 0, seconds: 0, error: r.error }, parity: null });
        resolve({ freshLoad: { ok: true, rows: r.rows!, seconds: r.seconds! }, parity: { rows: r.rows!, maxAbsDiff: r.maxAbsDiff!, identical: r.identical! } });
      } catch {
        resolve({ freshLoad: { ok: false, rows: 0, seconds: 0, error: (err?.message ?? stderr).split('\n')[0] || 'no output' }, parity: null });
      }
    });
  });
}
