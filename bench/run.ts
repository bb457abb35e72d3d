// Benchmark entry point: `npm run bench -- <name> [flags]` dispatches to bench/<name>/bench.ts.
const BENCHES: Record<string, () => Promise<{ main(args: string[]): Promise<void> }>> = {
  gbdt: () => import('./gbdt/bench.ts'),
  evaluate: () => import('./evaluate/bench.ts'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? BENCHES[name] : undefined;
if (!load) {
  const usage = `usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [flags]   (npm run bench -- <name> --help for the flags)`;
  if (name === '--help' || name === '-h') { console.log(usage); process.exit(0); }
  console.error(name ? `unknown benchmark '${name}'; ${usage}` : usage);
  process.exit(2);
}
await (await load()).main(args);
