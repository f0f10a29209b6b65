/** The tree ./pythonRegexParse.ts reads a Python regex into, and the refusal it throws. */

export type GroupKind = 'capture' | 'noncap' | 'ahead' | 'nahead' | 'behind' | 'nbehind' | 'atomic';

export type ClassItem = { readonly t: 'char'; readonly cp: number } | { readonly t: 'range'; readonly lo: number; readonly hi: number } | { readonly t: 'esc'; readonly js: string };

export type Node =
  | { readonly t: 'seq'; readonly items: Node[] }
  | { readonly t: 'alt'; readonly branches: Node[] }
  | GroupNode
  | { readonly t: 'quant'; readonly body: Node; readonly min: number; readonly max: number; readonly lazy: boolean; readonly possessive: boolean }
  | { readonly t: 'char'; readonly cp: number }
  | { readonly t: 'class'; readonly negate: boolean; readonly items: ClassItem[] }
  /** `\d`, `\w`, `\b`…: the same in both. */
  | { readonly t: 'esc'; readonly js: string }
  | { readonly t: 'dot'; readonly dotAll: boolean }
  | { readonly t: 'bol' | 'eol'; readonly multiline: boolean }
  | { readonly t: 'startOfInput' | 'endOfInput' }
  | { readonly t: 'backref'; readonly group: GroupNode };

export interface GroupNode {
  readonly t: 'group';
  readonly kind: GroupKind;
  body: Node;
  /** Python's number of a capturing group. */
  readonly py?: number;
  /** Where it opens and ends in the Python pattern. */
  readonly start: number;
  end: number;
  readonly parent: GroupNode | undefined;
  /** Which alternative of its parent it opened in. */
  readonly branchInParent: number;
  branch: number;
  open: boolean;
  minZero: boolean;
  repeated: boolean;
  readonly inLookbehind: boolean;
}

export interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
}

/** A refusal: `message` says what and why; `pos` is 0-based in the Python pattern. */
export class RegexRefusal extends Error {
  constructor(
    message: string,
    readonly pos: number,
    /** True when Python itself refuses the pattern. */
    readonly python: boolean,
  ) {
    super(message);
  }
}

export interface Parsed {
  readonly root: Node;
  readonly flags: Flags;
  readonly groups: GroupNode[];
  readonly warnings: string[];
}
