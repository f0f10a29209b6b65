/** Scenario registry: a scenario fills the home region's Account at a start time. */
import { type Account } from '../src/model/state';
import { buildDemo } from './demo';
import { buildLarge, type LargeOptions } from './large';
import { buildFromFile, loadScenarioFile } from './file';

export type ScenarioName = 'demo' | 'empty' | 'large' | 'bench';

export interface ScenarioOptions extends LargeOptions {
  [key: string]: unknown;
}

export const SCENARIOS: ScenarioName[] = ['demo', 'empty', 'large', 'bench'];

export function buildScenario(name: string, acc: Account, now: number, options: ScenarioOptions = {}): void {
  switch (name) {
    case 'demo':
      buildDemo(acc, now);
      return;
    case 'empty':
      return;
    case 'large':
    case 'bench':
      buildLarge(acc, now, options);
      return;
    default:
      if (name.endsWith('.json')) {
        buildFromFile(acc, now, loadScenarioFile(name));
        return;
      }
      throw new Error(`Unknown scenario "${name}" (known: ${SCENARIOS.join(', ')}, or a path to a .json scenario file)`);
  }
}
