// Lineage: where the code and data came from (git commit + dirty files), the environment, and system metrics.
import { execFileSync } from 'node:child_process';
import { cpus, platform, release, arch, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

export interface GitInfo {
  readonly commit: string;
  readonly dirty: boolean;
  /** modified or untracked files (first 50), relative to the repo root */
  readonly dirtyFiles: readonly string[];
  readonly root: string;
}

/** Git state of the repository containing `dir`; null when it is not in a git work tree. */
export function gitInfo(dir: string): GitInfo | null {
  try {
    const git = (...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const root = git('rev-parse', '--show-toplevel');
    let commit = '';
    try { commit = git('rev-parse', 'HEAD'); } catch { commit = '(no commits)'; }
    const status = git('status', '--porcelain', '--untracked-files=normal');
    const dirtyFiles = status.split('\n').filter(Boolean).map((l) => l.slice(3)).filter((f) => !/(^|\/)\.gauntlet\//.test(f));
    return { commit, dirty: dirtyFiles.length > 0, dirtyFiles: dirtyFiles.slice(0, 50), root };
  } catch {
    return null;
  }
}

export function gauntletVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function environment(): Record<string, string | number> {
  const cpu = cpus();
  return {
    node: process.version,
    gauntlet: gauntletVersion(),
    os: `${platform()} ${release()}`,
    arch: arch(),
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Wall time, CPU time and peak RSS since `start`. */
export function systemMetrics(startWallMs: number, startCpu: NodeJS.CpuUsage): Record<string, number> {
  const cpu = process.cpuUsage(startCpu);
  return {
    wall_s: (Date.now() - startWallMs) / 1000,
    cpu_user_s: cpu.user / 1e6,
    cpu_system_s: cpu.system / 1e6,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  };
}
