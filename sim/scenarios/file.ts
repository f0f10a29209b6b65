/**
 * Scenario files: `--scenario path/to/account.json` (or `startSimulator({ scenario: '/abs/path.json' })`).
 * Times are relative to the simulator's start, in minutes (negative = in the past). Example: example.json.
 *
 * {
 *   "endpoints": [{ "name": "ep", "createdDaysAgo": 30, "hostDims": "Host" | "EndpointVariant" | "EndpointVariantInstance",
 *                   "logStyle": "xgboost" | "torchserve", "status": [{ "status": "Creating", "atMinutes": -10 }, …],
 *                   "variants": [{ "name": "AllTraffic", "instanceType": "ml.m5.xlarge", "instances": 2, "weight": 1,
 *                                  "cores": 4, "gpus": 0, "rpm": 600, "latencyUs": 20000, "burstRate": 0.1 }] }],
 *   "trainingJobs": [{ "name": "job", "instanceType": "ml.g5.xlarge", "hosts": 2, "cores": 4, "gpus": 1, "epochs": 5,
 *                      "stepsPerEpoch": 400, "lineIntervalSeconds": 5,
 *                      "status": [{ "status": "Starting", "atMinutes": -30 }, { "status": "Training", "atMinutes": -25 }, …],
 *                      "failureReason": "…", "failureLines": ["Traceback …"], "hyperParameters": { … } }],
 *   "logs": [{ "group": "/my/group", "stream": "s", "events": [{ "atMinutes": -5, "message": "hello" }] }]
 * }
 */
import { readFileSync } from 'node:fs';
import type { Account } from '../src/model/state';
import { addEndpoint } from './builders';
import { addTrainingJob } from './trainingBuilder';
import type { HostDimensionForm } from './builders';

interface StatusAt {
  status: string;
  atMinutes: number;
}

interface FileVariant {
  name: string;
  instanceType?: string;
  instances?: number;
  weight?: number;
  cores?: number;
  gpus?: number;
  rpm?: number;
  latencyUs?: number;
  burstRate?: number;
  err4xx?: number;
  err5xx?: number;
}

interface FileEndpoint {
  name: string;
  createdDaysAgo?: number;
  hostDims?: HostDimensionForm;
  logStyle?: 'xgboost' | 'torchserve';
  status?: StatusAt[];
  variants?: FileVariant[];
}

interface FileJob {
  name: string;
  instanceType?: string;
  hosts?: number;
  cores?: number;
  gpus?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  lineIntervalSeconds?: number;
  status: StatusAt[];
  failureReason?: string;
  failureLines?: string[];
  hyperParameters?: Record<string, string>;
  spot?: boolean;
}

export interface ScenarioFile {
  endpoints?: FileEndpoint[];
  trainingJobs?: FileJob[];
  logs?: { group: string; stream: string; events: { atMinutes: number; message: string }[] }[];
}

export function loadScenarioFile(path: string): ScenarioFile {
  const v = JSON.parse(readFileSync(path, 'utf8')) as ScenarioFile;
  if (v === null || typeof v !== 'object') throw new Error(`${path}: a scenario file is a JSON object`);
  return v;
}

export function buildFromFile(acc: Account, now: number, file: ScenarioFile): void {
  const T = Math.floor(now / 1000) * 1000;
  const at = (m: number) => T + Math.round(m * 60_000);
  for (const ep of file.endpoints ?? []) {
    if (!ep.name) throw new Error('every endpoint needs a name');
    const status = ep.status;
    addEndpoint(acc, T, {
      name: ep.name,
      createdDaysAgo: ep.createdDaysAgo ?? 30,
      hostDims: ep.hostDims ?? 'EndpointVariant',
      logStyle: ep.logStyle ?? 'torchserve',
      live: status ? status.some((s) => s.status === 'InService' && at(s.atMinutes) <= T) : true,
      steps: status?.map((s) => ({ status: s.status, offsetMs: at(s.atMinutes) - T })),
      variants: (ep.variants ?? [{ name: 'AllTraffic' }]).map((v) => ({
        name: v.name,
        instanceType: v.instanceType ?? 'ml.m5.xlarge',
        instances: v.instances ?? 1,
        weight: v.weight ?? 1,
        cores: v.cores ?? 4,
        gpus: v.gpus ?? 0,
        traffic: { rpm: v.rpm ?? 300, latencyUs: v.latencyUs ?? 20_000, burstRate: v.burstRate, err4xx: v.err4xx, err5xx: v.err5xx },
      })),
    });
  }
  for (const j of file.trainingJobs ?? []) {
    if (!j.name || !Array.isArray(j.status) || j.status.length === 0) throw new Error('every training job needs a name and a status list');
    addTrainingJob(acc, {
      name: j.name,
      instanceType: j.instanceType ?? 'ml.g5.xlarge',
      hosts: j.hosts ?? 1,
      cores: j.cores ?? 4,
      gpus: j.gpus ?? 1,
      epochs: j.epochs ?? 5,
      stepsPerEpoch: j.stepsPerEpoch ?? 400,
      lineIntervalMs: (j.lineIntervalSeconds ?? 5) * 1000,
      steps: j.status.map((s) => ({ status: s.status, at: at(s.atMinutes) })),
      failureReason: j.failureReason,
      failureLines: j.failureLines,
      hyperParameters: j.hyperParameters,
      spot: j.spot,
    });
  }
  for (const l of file.logs ?? []) {
    const s = acc.logs.createStream(l.group, l.stream, T);
    for (const e of l.events ?? []) s.append(at(e.atMinutes), e.message, at(e.atMinutes));
  }
}
