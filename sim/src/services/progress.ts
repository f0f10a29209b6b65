/**
 * Every operation first creates the jobs whose time has come (later pipeline steps, later tuning children:
 * workflows.ts) and publishes the pipeline metrics of what happened since (pipelineBuilder.ts).
 */
import { launchPending } from '../model/workflows';
import { publishPipelineMetrics } from '../../scenarios/pipelineBuilder';
import type { Ctx } from './context';
import type { Input } from './input';

export function withProgress<R>(ops: Record<string, (ctx: Ctx, input: Input) => R>): Record<string, (ctx: Ctx, input: Input) => R> {
  const wrap =
    (op: (ctx: Ctx, input: Input) => R) =>
    (ctx: Ctx, input: Input): R => {
      // new jobs bring log streams whose past lines this request must see
      if (launchPending(ctx.account, ctx.now)) ctx.account.logs.materialize(ctx.now);
      publishPipelineMetrics(ctx.account, ctx.now);
      return op(ctx, input);
    };
  return Object.fromEntries(Object.entries(ops).map(([name, op]) => [name, wrap(op)]));
}
