import * as assert from 'node:assert/strict';
import { alarmStates, alarmTooltipHeading, alarmTooltipLine, describeWithAlarms, showsBadge } from '../../../src/explorer/model/alarmText';
import type { AlarmBadge } from '../../../src/shared/metrics/alarms';

const badge = (state: AlarmBadge['state'], ...names: string[]): AlarmBadge => ({ state, alarms: names.map((alarmName) => ({ alarmName, state })), total: names.length });

describe('explorer/model/alarmText: what the badges say', () => {
  it('alarmStates ignores order and changes only when some alarm changes state', () => {
    const a = alarmStates([
      { alarmName: 'b', state: 'OK' },
      { alarmName: 'a', state: 'ALARM' },
    ]);
    assert.equal(a, alarmStates([{ alarmName: 'a', state: 'ALARM' }, { alarmName: 'b', state: 'OK' }]));
    assert.notEqual(a, alarmStates([{ alarmName: 'a', state: 'OK' }, { alarmName: 'b', state: 'OK' }]));
    assert.notEqual(a, alarmStates([{ alarmName: 'a', state: 'ALARM' }]));
    assert.equal(alarmStates([]), '');
  });

  it('shows no badge for OK or no alarms', () => {
    assert.equal(showsBadge(undefined), false);
    assert.equal(showsBadge(badge('OK', 'quiet')), false);
    assert.equal(showsBadge(badge('ALARM', 'loud')), true);
    assert.equal(showsBadge(badge('INSUFFICIENT_DATA', 'new')), true);
  });

  it('puts ALARM first with at most two names, INSUFFICIENT_DATA last', () => {
    assert.equal(describeWithAlarms('InService', badge('ALARM', 'cpu')), 'ALARM: cpu · InService');
    assert.equal(describeWithAlarms('InService', badge('ALARM', 'cpu', 'mem')), 'ALARM: cpu, mem · InService');
    assert.equal(describeWithAlarms(undefined, badge('ALARM', 'cpu', 'mem', 'disk', 'net')), 'ALARM: cpu, mem +2');
    assert.equal(describeWithAlarms('Training · 3m', badge('INSUFFICIENT_DATA', 'cpu')), 'Training · 3m · alarm: insufficient data');
    assert.equal(describeWithAlarms('', badge('INSUFFICIENT_DATA', 'cpu')), 'alarm: insufficient data');
  });

  it('lists each alarm with its reason in the tooltip', () => {
    assert.equal(alarmTooltipHeading(badge('ALARM', 'cpu')), '\n\n**Alarms (ALARM):**');
    assert.equal(alarmTooltipLine({ alarmName: 'cpu', state: 'ALARM', stateReason: 'Threshold crossed' }), 'cpu — Threshold crossed');
    assert.equal(alarmTooltipLine({ alarmName: 'cpu', state: 'ALARM' }), 'cpu');
  });
});
