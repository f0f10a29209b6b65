/** The client-side exclude regex of a tail: lines it matches are left out of the channel (and counted). */
import type { LogEvent } from '../../shared/logs/source';

export type ParsedExclude = { readonly ok: true; readonly regex?: RegExp } | { readonly ok: false; readonly error: string };

/**
 * An exclude pattern as the user typed it: a JavaScript regular expression, either bare (`healthcheck|GET /ping`)
 * or in slashes with flags (`/debug/i`). Empty means exclude nothing.
 */
export function parseExcludePattern(text: string | undefined): ParsedExclude {
  const t = (text ?? '').trim();
  if (t === '') {
    return { ok: true };
  }
  const slashed = /^\/(.+)\/([a-z]*)$/s.exec(t);
  const source = slashed ? slashed[1] : t;
  // `g` and `y` make `test` stateful; they mean nothing for a yes/no match.
  const flags = slashed ? slashed[2].replace(/[gy]/g, '') : '';
  try {
    return { ok: true, regex: new RegExp(source, flags) };
  } catch (e) {
    return { ok: false, error: `"${t}" is not a valid regular expression: ${e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e)}` };
  }
}

/** The events the regex does not match (tested against the whole message), and how many it left out. */
export function excludeEvents(events: readonly LogEvent[], regex: RegExp | undefined): { kept: readonly LogEvent[]; excluded: number } {
  if (!regex) {
    return { kept: events, excluded: 0 };
  }
  const kept = events.filter((e) => !regex.test(e.message));
  return { kept, excluded: events.length - kept.length };
}
