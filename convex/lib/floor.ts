/**
 * Floor logic, pure: bin ordering for the pick walk, zones, and the de-duplication of repeated
 * camera decodes (a camera reads one barcode many times a second; those count once).
 */

/** Zone of a bin code: the part before the first dash ("A-03-2" → "A"); unbinned → "?". */
export function zoneOf(bin: string | undefined): string {
  if (!bin) return "?";
  const i = bin.indexOf("-");
  return (i > 0 ? bin.slice(0, i) : bin).toUpperCase();
}

/** Natural compare of bin codes so "A-2-1" walks before "A-10-1". Unbinned walk last. */
export function compareBins(a: string | undefined, b: string | undefined): number {
  if (!a && !b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
}

/**
 * Remembers the last accepted code and when; a decode of the same code within `windowMs` is a
 * repeat. Different codes always pass. Pure state machine: returns the next state.
 */
export type DedupeState = { code: string; at: number } | null;
export function acceptDecode(
  state: DedupeState,
  code: string,
  at: number,
  windowMs = 1500,
): { accept: boolean; state: DedupeState } {
  if (state && state.code === code && at - state.at < windowMs) return { accept: false, state: { code, at } };
  return { accept: true, state: { code, at } };
}
