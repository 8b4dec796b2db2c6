/**
 * What a code scanned at the pack station means, pure. Box labels at the station carry the box
 * type's code (`M`, or `BOX-M`); `LABEL` buys the label once packed and `PRINT` prints it (the
 * station's command sheet); anything else is an item (or, once packed, the next tote/order).
 */
import type { Doc } from "../../../../convex/_generated/dataModel";

export type PackCommand =
  { kind: "box"; box: Doc<"boxTypes"> } | { kind: "label" } | { kind: "print" } | { kind: "item" };

export const LABEL_CODES = ["LABEL", "BUY-LABEL"];
export const PRINT_CODES = ["PRINT", "PRINT-LABEL"];

export function packCommand(code: string, boxTypes: readonly Doc<"boxTypes">[]): PackCommand {
  const c = code.trim().toUpperCase();
  if (LABEL_CODES.includes(c)) return { kind: "label" };
  if (PRINT_CODES.includes(c)) return { kind: "print" };
  const box = boxTypes.find((b) => b.code.toUpperCase() === c || `BOX-${b.code.toUpperCase()}` === c);
  return box ? { kind: "box", box } : { kind: "item" };
}

/** "1,520 g" */
export const grams = (n: number) => `${n.toLocaleString("en-US")} g`;
