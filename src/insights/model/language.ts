/** What completions offer in a `.cwlq` editor: the commands, functions and system fields of the language. */

export interface LanguageItem {
  readonly name: string;
  readonly detail: string;
  /** Inserted text when it differs from the name (a snippet for functions). */
  readonly snippet?: string;
}

export const COMMANDS: readonly LanguageItem[] = [
  { name: 'fields', detail: 'fields a, b, expr as name — the fields each row shows' },
  { name: 'filter', detail: 'filter condition — keeps the events that match (like /regex/, in [..], and/or/not)' },
  { name: 'stats', detail: 'stats agg(x) [as name], … [by field, bin(5m)] — aggregates' },
  { name: 'sort', detail: 'sort field [asc|desc], …' },
  { name: 'limit', detail: 'limit n — at most n rows (10,000 at most)' },
  { name: 'parse', detail: 'parse field "glob * pattern" as a, b  |  parse field /(?<name>regex)/' },
  { name: 'dedup', detail: 'dedup field, … — the first row of each combination' },
  { name: 'display', detail: 'display a, b — the fields shown, after the rest of the query' },
  { name: 'unmask', detail: 'unmask(@message) — data protection: shows masked values (needs logs:Unmask)' },
  { name: 'pattern', detail: 'pattern @message — groups messages into patterns' },
  { name: 'diff', detail: 'diff — compares with the previous period' },
  { name: 'unnest', detail: 'unnest field into name — one row per list element' },
];

export const FUNCTIONS: readonly LanguageItem[] = [
  ...['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'stddev', 'earliest', 'latest', 'sortsFirst', 'sortsLast'].map((name) => ({ name, detail: `aggregate: ${name}(field)`, snippet: `${name}(\${1})` })),
  { name: 'pct', detail: 'aggregate: pct(field, percentile)', snippet: 'pct(${1:field}, ${2:99})' },
  { name: 'bin', detail: 'bin(period): the time bucket of @timestamp (5m, 1h)', snippet: 'bin(${1:5m})' },
  ...['ispresent', 'isempty', 'isblank', 'strlen', 'tolower', 'toupper', 'trim', 'ltrim', 'rtrim', 'abs', 'ceil', 'floor', 'sqrt', 'log', 'fromMillis', 'toMillis', 'jsonParse'].map((name) => ({
    name,
    detail: `function: ${name}(value)`,
    snippet: `${name}(\${1})`,
  })),
  { name: 'concat', detail: 'function: concat(a, b, …)', snippet: 'concat(${1})' },
  { name: 'substr', detail: 'function: substr(text, start[, length])', snippet: 'substr(${1:text}, ${2:0})' },
  { name: 'replace', detail: 'function: replace(text, find, replacement)', snippet: 'replace(${1:text}, ${2:"find"}, ${3:"with"})' },
  { name: 'strcontains', detail: 'function: strcontains(text, part) → 1 or 0', snippet: 'strcontains(${1:text}, ${2:"part"})' },
  { name: 'coalesce', detail: 'function: the first present value', snippet: 'coalesce(${1})' },
  { name: 'datefloor', detail: 'function: datefloor(@timestamp, 1h)', snippet: 'datefloor(${1:@timestamp}, ${2:1h})' },
  { name: 'isIpInSubnet', detail: 'function: isIpInSubnet(ip, "10.0.0.0/8")', snippet: 'isIpInSubnet(${1:ip}, ${2:"10.0.0.0/8"})' },
];

export const KEYWORDS: readonly string[] = ['as', 'by', 'and', 'or', 'not', 'like', 'in', 'asc', 'desc'];

export const SYSTEM_FIELDS: readonly LanguageItem[] = [
  { name: '@timestamp', detail: 'the event time' },
  { name: '@message', detail: 'the raw log line' },
  { name: '@logStream', detail: 'the stream: [job]/algo-[n]-[epoch], [variant]/[instance-id]' },
  { name: '@log', detail: 'account-id:log-group-name' },
  { name: '@ingestionTime', detail: 'when CloudWatch received the event' },
  { name: '@ptr', detail: 'a pointer to the event (GetLogRecord)' },
];
