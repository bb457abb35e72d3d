// A second process for the cross-process write test: opens a store by URI, says 'ready', then logs batches to a run.
// Usage: node --import tsx concurrent-writer.ts <store-uri> <run-id> <tag> <batches> <rows-per-batch>
import { openStore } from '../open.ts';

async function main(argv: readonly string[]): Promise<void> {
  const [uri, runId, tag, batches, rows] = argv;
  const store = await openStore(uri);
  process.stdout.write('ready\n');
  for (let k = 0; k < Number(batches); k++) {
    await store.logMetrics(runId, Array.from({ length: Number(rows) }, (_, i) => ({ model: tag, split: `b${k}`, metric: `m${i}`, value: i })));
    await store.logStep(runId, { step: `${tag}-${k}`, status: 'ok', detail: null, seconds: 0 });
  }
  await store.close();
}

await main(process.argv.slice(2));
