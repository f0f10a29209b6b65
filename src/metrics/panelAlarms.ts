/**
 * A panel's alarms: the target's existing alarms (one DescribeAlarms listing, filtered to the panel's series)
 * and "Create alarm…" (checked with the form's rules, then PutMetricAlarm).
 */
import type { AwsClients } from '../aws/clients';
import { loadBackend } from '../aws/loadBackend';
import { errorMessage } from '../platform/errors';
import { putMetricAlarmInput, seriesForAlarm, validateAlarmForm, type AlarmInfo } from '../shared/metrics/alarms';
import { algorithmMetricInfo, metricInfo } from '../shared/metrics/catalogue';
import { panelSeries, type PanelSpec } from '../shared/metrics/panels';
import type { AlarmResultMessage, CreateAlarmMessage } from '../shared/metricsProtocol';

export interface AlarmLog {
  warn(message: string): void;
  error(message: string, error: Error | string): void;
}

/** The alarms on a panel's series. */
export async function loadPanelAlarms(spec: PanelSpec, clients: () => Promise<AwsClients>): Promise<AlarmInfo[]> {
  const [backend, aws] = await Promise.all([loadBackend(), clients()]);
  const series = panelSeries(spec);
  return backend.describeAlarmsFor(aws.cloudwatch, (a) => seriesForAlarm(a, series, false) !== undefined);
}

/** Creates the alarm of a "Create alarm…" form; the answer the form shows. */
export async function createPanelAlarm(spec: PanelSpec | undefined, form: CreateAlarmMessage, clients: () => Promise<AwsClients>, log: AlarmLog): Promise<AlarmResultMessage> {
  const series = spec ? panelSeries(spec).find((s) => s.id === form.seriesId) : undefined;
  if (!series) {
    return { type: 'alarmResult', ok: false, message: 'That series is no longer in the panel.' };
  }
  const info = metricInfo(series.namespace, series.metricName) ?? algorithmMetricInfo(series.metricName);
  const problems = validateAlarmForm(form, info.statistics);
  if (Object.keys(problems).length > 0) {
    return { type: 'alarmResult', ok: false, message: 'Check the highlighted fields.', problems };
  }
  try {
    const [backend, aws] = await Promise.all([loadBackend(), clients()]);
    await backend.putMetricAlarm(aws.cloudwatch, putMetricAlarmInput(form, series));
    return { type: 'alarmResult', ok: true, message: `Alarm "${form.alarmName.trim()}" created.` };
  } catch (error) {
    log.error('PutMetricAlarm failed:', error instanceof Error ? error : errorMessage(error));
    return { type: 'alarmResult', ok: false, message: errorMessage(error) };
  }
}
