/** CloudWatch input checks shared by the data and alarm handlers: AWS's error shapes, dimensions, periods. */
import { cwError } from '../errors';
import { type Dim } from '../model/metrics';
import { type Input, optStr, optStructList } from './input';

export const bad = (m: string) => cwError('InvalidParameterValue', m, 400, 'InvalidParameterValueException');
export const missing = (m: string) => cwError('MissingParameter', m, 400, 'MissingRequiredParameterException');
export const combo = (m: string) => cwError('InvalidParameterCombination', m, 400, 'InvalidParameterCombinationException');
export const badToken = () => cwError('InvalidNextToken', 'The service couldn\'t process your request because the NextToken is invalid.', 400, 'InvalidNextToken');

export function dimsOf(v: unknown, requireValue: boolean): Dim[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw bad('Dimensions must be a list');
  if (v.length > 30) throw bad('The collection Dimensions must not have a size greater than 30.');
  return (optStructList({ Dimensions: v }, 'Dimensions', bad) as Input[]).map((d: Input) => {
    const Name = optStr(d, 'Name', bad);
    const Value = optStr(d, 'Value', bad);
    if (!Name) throw missing('The parameter Dimensions.member.N.Name is required.');
    if (requireValue && Value === undefined) throw missing('The parameter Dimensions.member.N.Value is required.');
    return { Name, Value: Value as string };
  });
}

/** Period validity; the retention-tier rules (60 s beyond 3 h, 300 s beyond 15 days, 3600 s beyond 63 days) are applied per bucket. */
export function checkPeriod(period: number) {
  if (!Number.isInteger(period) || period < 1) throw bad('The parameter Period must be greater than 0.');
  if (![1, 5, 10, 30].includes(period) && period % 60 !== 0) throw bad('The parameter Period must be 1, 5, 10, 30, or a multiple of 60.');
}
