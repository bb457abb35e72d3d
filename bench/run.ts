// Benchmark entry point: `npm run bench -- <name> [flags]` dispatches to bench/<name>/bench.ts.
const BENCHES: Record<string, () => Promise<{ main(args: string[]): Promise<void> }>> = {
  gbdt: () => import('./gbdt/bench.ts'),
  evaluate: () => import('./evaluate/bench.ts'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? BENCHES[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [flags]`);
  process.exit(2);
}
await (await load()).main(args);
