/**
 * Telling a keyboard-wedge scanner from a person, pure. A wedge scanner types a whole code as a
 * burst of keystrokes a few milliseconds apart and ends it with Enter; a person types tens to
 * hundreds of milliseconds apart. Inside a real form field (a count, a weight, a reason) only a
 * burst is taken as a scan, so a person's typing stays theirs; outside any field every keystroke
 * on a scanner page belongs to the scanner, however slow.
 */

export type WedgeOptions = {
  /** Longest single pause inside one burst (a busy device may stall a scanner's stream briefly). */
  maxGapMs: number;
  /** Longest average pause from the first keystroke to Enter: scanners type in a few ms, people in 100+. */
  maxMeanGapMs: number;
  /** Shortest code taken from a burst inside a real field. */
  minLength: number;
};

export const WEDGE_DEFAULTS: WedgeOptions = { maxGapMs: 100, maxMeanGapMs: 25, minLength: 3 };

export type Stroke = { char: string; at: number };

/**
 * Adds one keystroke to the running burst: a pause longer than `maxGapMs` since the previous
 * keystroke starts a new burst. Returns the new burst (the input is not changed).
 */
export function pushStroke(burst: readonly Stroke[], stroke: Stroke, opts: WedgeOptions = WEDGE_DEFAULTS): Stroke[] {
  const last = burst.at(-1);
  if (!last || stroke.at - last.at > opts.maxGapMs || stroke.at < last.at) return [stroke];
  return [...burst, stroke];
}

/** The code a burst ended by Enter at `enterAt` carries, or null when it looks like a person. */
export function burstCode(
  burst: readonly Stroke[],
  enterAt: number,
  opts: WedgeOptions = WEDGE_DEFAULTS,
): string | null {
  const last = burst.at(-1);
  if (!last || burst.length < opts.minLength || enterAt - last.at > opts.maxGapMs || enterAt < last.at) return null;
  if ((enterAt - burst[0].at) / burst.length > opts.maxMeanGapMs) return null;
  const code = burst
    .map((s) => s.char)
    .join("")
    .trim();
  return code.length >= opts.minLength ? code : null;
}

/** A field a person types into (not the scanner's own input, not buttons or checkboxes). */
export function isTypingField(
  el: Element | null,
): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLElement {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement)
    return !["button", "submit", "reset", "checkbox", "radio", "range", "color", "file", "image"].includes(el.type);
  return (el as HTMLElement).isContentEditable === true;
}

/** A keystroke that types one character (no Ctrl/Alt/Meta chords, no named keys). */
export function isCharacterKey(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "altKey" | "metaKey">): boolean {
  return e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey;
}
