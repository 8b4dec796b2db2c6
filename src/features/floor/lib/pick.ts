/** Pure helpers of the pick scanner: which task is next and what the banner asks for. */
import type { Doc } from "../../../../convex/_generated/dataModel";

type Task = Pick<Doc<"pickTasks">, "seq" | "quantity" | "picked" | "short">;

/** The first task in walk order with units still to pick (picked + short < quantity). */
export function currentTask<T extends Task>(tasks: readonly T[]): T | undefined {
  return [...tasks].sort((a, b) => a.seq - b.seq).find((t) => t.picked + t.short < t.quantity);
}

/** Units still to pick on a task. */
export function unitsLeft(t: Task): number {
  return Math.max(0, t.quantity - t.picked - t.short);
}

/** Whether the list wants this task's bin scanned before its items. */
export function needsBinScan(
  list: Pick<Doc<"pickLists">, "requireBinScan">,
  task: Pick<Doc<"pickTasks">, "bin" | "binConfirmed">,
): boolean {
  return list.requireBinScan && !task.binConfirmed && task.bin !== "";
}

/** A new id for one physical scan, so a retried mutation counts once on the server. */
export function newScanId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `scan-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export const SHORT_REASONS = ["Empty bin", "Not enough in the bin", "Damaged", "Wrong item in the bin"] as const;
