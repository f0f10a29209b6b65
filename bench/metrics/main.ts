// P4 (GetMetricData calls and wall time per panel refresh, by panel kind) and P6 (chart render time of
// 20 series × 1,440 points in Chromium). Prints one line `SMM_BENCH_METRICS {json}`.
//   node out/bench/metrics/main.js [--quick] [--only p4|p6]
import { p4 } from './p4';
import { p6 } from './p6';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const result: Record<string, unknown> = {};
  if (!only || only === 'p4') {
    result.p4 = await p4(quick);
  }
  if (!only || only === 'p6') {
    result.p6 = await p6(quick);
  }
  console.log(`SMM_BENCH_METRICS ${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
