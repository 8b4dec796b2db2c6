/**
 * Floor logic, pure: bin ordering for the pick walk, zones, pick-list work in groups of whole
 * shipments (at most MAX_PICK_TASKS stops, lib/bounds.ts), the de-duplication of repeated
 * camera decodes (a camera reads one barcode many times a second; those count once), and what a
 * package's measures may be (the server's check and the floor's forms use the same functions).
 */
import { MAX_PACKAGE_GRAMS, MAX_PACKAGE_MM, MAX_PICK_TASKS } from "./bounds";

/**
 * Tasks in groups of whole shipments, each group at most `max` tasks, shipments in the order of
 * their `shipmentIndex` (a shipment's tasks are never split: it is packed from one tote). A
 * shipment with more than `max` tasks on its own makes a group of its own.
 */
export function groupWholeShipments<T extends { shipmentIndex: number }>(tasks: T[], max = MAX_PICK_TASKS): T[][] {
  const byShipment = new Map<number, T[]>();
  for (const t of tasks) {
    const own = byShipment.get(t.shipmentIndex);
    if (own) own.push(t);
    else byShipment.set(t.shipmentIndex, [t]);
  }
  const groups: T[][] = [];
  let current: T[] = [];
  for (const index of [...byShipment.keys()].sort((a, b) => a - b)) {
    const own = byShipment.get(index)!;
    if (current.length > 0 && current.length + own.length > max) {
      groups.push(current);
      current = [];
    }
    current.push(...own);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

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

/**
 * Why a supervisor accepts a declared weight below the contents' (model/floor/weight.ts): at least
 * five characters, a sentence when it is too short — the pack station's form asks the same.
 */
export function overrideReasonProblem(reason: string): string | undefined {
  return reason.trim().length < 5 ? "Say why the lower weight is right (at least 5 characters)." : undefined;
}

/** A wave's name ("UPS 16:00 pickup"): at least two characters. */
export const waveLabelProblem = (label: string) => (label.trim().length < 2 ? "At least 2 characters." : undefined);

const wholeWithin = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** A package's weight in grams, or a box's tare (`min` 0): whole, up to MAX_PACKAGE_GRAMS. */
export function gramsProblem(grams: number, min = 1): string | undefined {
  return wholeWithin(grams, min, MAX_PACKAGE_GRAMS)
    ? undefined
    : `Whole grams from ${min} to ${MAX_PACKAGE_GRAMS.toLocaleString("en-US")}.`;
}

/** One side of a package or a box in millimetres: whole, 1 to MAX_PACKAGE_MM. */
export function mmProblem(mm: number): string | undefined {
  return wholeWithin(mm, 1, MAX_PACKAGE_MM)
    ? undefined
    : `Whole mm from 1 to ${MAX_PACKAGE_MM.toLocaleString("en-US")}.`;
}

export const PACKAGE_SIDES = ["lengthMm", "widthMm", "heightMm"] as const;

/** Field → sentence for a package's (or a box type's) sides and weight; empty when they may be used. */
export function packageMeasureErrors(m: {
  sides: Record<(typeof PACKAGE_SIDES)[number], number>;
  weightGrams?: number;
  tareGrams?: number;
}): Record<string, string> {
  const e: Record<string, string> = {};
  for (const k of PACKAGE_SIDES) {
    const problem = mmProblem(m.sides[k]);
    if (problem) e[k] = problem;
  }
  const weight = m.weightGrams === undefined ? undefined : gramsProblem(m.weightGrams);
  if (weight) e.weightGrams = weight;
  const tare = m.tareGrams === undefined ? undefined : gramsProblem(m.tareGrams, 0);
  if (tare) e.tareGrams = tare;
  return e;
}
