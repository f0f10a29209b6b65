// P8 (10,000 Logs Insights result rows to a scrollable grid in Chromium). Prints one line `SMM_BENCH_INSIGHTS {json}`.
//   node out/bench/insights/main.js [--quick]
import { p8 } from './p8';

async function main(): Promise<void> {
  const quick = process.argv.slice(2).includes('--quick');
  console.log(`SMM_BENCH_INSIGHTS ${JSON.stringify({ p8: await p8(quick) })}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
