#!/usr/bin/env node
/** `node out/sim/src/cli.js --scenario demo --port 4566 [--speed 60] [--now <epoch ms|ISO>] [--region us-east-1] [--quirks ...] [--verbose]` */
import { parseQuirksFlag, QUIRK_NAMES } from './quirks';
import { startSimulator } from './server';

function parseArgs(argv: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

const USAGE = `Usage: sim [--scenario demo|empty|large] [--port 4566] [--speed 1] [--now <epoch-ms|ISO>] [--region us-east-1]
           [--jobs 5000 --endpoints 500 --log-hosts 4 --log-lines 50000 --processing-jobs 5000 --transform-jobs 5000
            --tuning-jobs 500 --pipelines 200 --endpoint-kinds 1]   (large scenario)
           [--max-live-tail 15] [--rate-limits] [--verbose]
           [--quirks name[=value][,name[=value]...] | all]
  --quirks   misbehaviours of real CloudWatch Logs / emulators, all off by default: booleans by name,
             numbers by value, e.g. --quirks liveTailEnd=firstFrame,ingestionDelayMs=15000,seed=7
             (liveTailEnd=firstFrame|afterUpdates|streamingException). \`all\` = every quirk on with its
             default (liveTailEnd=afterUpdates, liveTailEndAfterUpdates=3, ingestionDelayMs=15000, the rest true).
             Names: ${QUIRK_NAMES.join(', ')}`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || args.h) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const num = (k: string) => (typeof args[k] === 'string' ? Number(args[k]) : undefined);
  const nowArg = args.now;
  const now = typeof nowArg === 'string' ? (/^\d+$/.test(nowArg) ? Number(nowArg) : Date.parse(nowArg)) : undefined;
  const region = typeof args.region === 'string' ? args.region : 'us-east-1';
  const quirks = typeof args.quirks === 'string' ? parseQuirksFlag(args.quirks) : undefined;
  if (args.quirks === true) throw new Error('--quirks needs a list: name[=value][,...] or all');
  const sim = await startSimulator({
    port: num('port') ?? 4566,
    scenario: typeof args.scenario === 'string' ? args.scenario : 'demo',
    speed: num('speed') ?? 1,
    now,
    region,
    scenarioOptions: { trainingJobs: num('jobs'), endpoints: num('endpoints'), logHosts: num('log-hosts'), logLinesPerHost: num('log-lines'), processingJobs: num('processing-jobs'), transformJobs: num('transform-jobs'), tuningJobs: num('tuning-jobs'), pipelines: num('pipelines'), endpointKinds: num('endpoint-kinds') },
    rateLimits: args['rate-limits'] === true ? true : undefined,
    liveTail: num('max-live-tail') !== undefined ? { maxSessions: num('max-live-tail') } : undefined,
    quirks,
    log: args.verbose ? (l) => process.stdout.write(l + '\n') : undefined,
  });
  const h = await sim.control.health();
  process.stdout.write(
    [
      `SageMaker/CloudWatch/Logs simulator listening on ${sim.url} (scenario ${h.scenario}, speed ${h.speed}x, sim time ${h.nowIso})`,
      `Control API: ${sim.url}/_sim/health`,
      ...(quirks ? [`Quirks: ${JSON.stringify(await sim.control.quirks())}`] : []),
      '',
      'Point an AWS client at it:',
      `export AWS_ENDPOINT_URL=${sim.url}`,
      `export AWS_REGION=${region}`,
      `export AWS_DEFAULT_REGION=${region}`,
      'export AWS_ACCESS_KEY_ID=AKIDSIMULATOR',
      'export AWS_SECRET_ACCESS_KEY=simulator-secret',
      '',
    ].join('\n') + '\n',
  );
  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${sig}: stopping simulator\n`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(`simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
