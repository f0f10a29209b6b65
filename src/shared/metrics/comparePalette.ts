/**
 * The compare panel's job colours: fixed, the same in every theme. VS Code's chart colours differ by theme and in
 * the light theme its orange (#d18616) and yellow (#bf8803) are nearly the same; these eight each keep a contrast
 * of 3:1 or more against both a light (#ffffff) and a dark (#1e1e1e) editor and are far apart from one another
 * (CIELAB ΔE ≥ 30; a unit test checks both). No yellow: it vanishes on white.
 */
export const COMPARE_PALETTE: readonly string[] = ['#2f7ed8', '#e8710a', '#2e9d4a', '#9b59d0', '#d62f6f', '#0f9a9a', '#8f7a1e', '#808080'];

/** The colour of job number `i`; jobs past the palette take its colours again (dashed: `dashedJob`). */
export function compareJobColour(i: number): string {
  return COMPARE_PALETTE[i % COMPARE_PALETTE.length];
}

/** Whether job `i`'s lines are dashed (it shares a colour with an earlier job). */
export function dashedJob(i: number): boolean {
  return i >= COMPARE_PALETTE.length;
}
