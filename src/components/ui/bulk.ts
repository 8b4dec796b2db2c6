/**
 * Bulk actions on a list's selection (issue 19): the action type every list accepts (its own and
 * those other features export, e.g. `orderBulkActions` from src/features/batches/bulkActions.ts),
 * and the runner that works through a selection in pages — one call per page, progress after
 * each, cancellable between pages — and sums the answers.
 */
import type { ConvexReactClient } from "convex/react";
import { errorMessage } from "../../lib/errors";
import { countOf } from "../../lib/format";

export type BulkRefusal = { id: string; reason: string };
export type BulkPageResult = { done: number; refused: BulkRefusal[]; open?: string };

export type BulkAction = {
  key: string;
  label: string;
  /** Ids per call (the server's bulk mutations take at most 100). */
  pageSize: number;
  run(ids: string[], client: ConvexReactClient, state: Record<string, unknown>): Promise<BulkPageResult>;
  /** Optional: text asked for before the run, put into `state[prompt.key]` (a hold's reason). */
  prompt?: { key: string; label: string; minLength: number };
  /** Optional: the past tense for the summary ("held"); defaults to "done". */
  doneLabel?: string;
};

export type BulkProgress = { processed: number; total: number; done: number; refused: number };

export type BulkSummary = {
  total: number;
  processed: number;
  done: number;
  refused: BulkRefusal[];
  /** Links the pages returned (e.g. a batch created by the action). */
  open: string[];
  cancelled: boolean;
  /** A page the server refused whole (network, permission): the run stopped there. */
  error?: string;
};

/**
 * Runs `action` over `ids` in pages of `action.pageSize`. `isCancelled` is asked before each page:
 * a page already sent finishes, nothing after it starts. A page that fails whole stops the run
 * with the error in words; what earlier pages did stays counted.
 */
export async function runBulk(d: {
  action: BulkAction;
  ids: readonly string[];
  client: ConvexReactClient;
  state?: Record<string, unknown>;
  onProgress?: (p: BulkProgress) => void;
  isCancelled?: () => boolean;
}): Promise<BulkSummary> {
  const ids = [...new Set(d.ids)];
  const size = Math.max(1, Math.floor(d.action.pageSize));
  const s: BulkSummary = { total: ids.length, processed: 0, done: 0, refused: [], open: [], cancelled: false };
  // One state for the whole run: a page may leave something for the next (the batch made by the first).
  const state = d.state ?? {};
  for (let i = 0; i < ids.length; i += size) {
    if (d.isCancelled?.()) {
      s.cancelled = true;
      break;
    }
    const page = ids.slice(i, i + size);
    try {
      const r = await d.action.run(page, d.client, state);
      s.done += r.done;
      s.refused.push(...r.refused);
      // Pages that add to the same batch name it once.
      if (r.open && !s.open.includes(r.open)) s.open.push(r.open);
    } catch (e) {
      s.error = errorMessage(e);
      break;
    }
    s.processed += page.length;
    d.onProgress?.({ processed: s.processed, total: s.total, done: s.done, refused: s.refused.length });
  }
  return s;
}

/** The summary in words: "3 orders held. 2 refused." plus what stopped the run, if anything. */
export function summaryText(s: BulkSummary, noun: string, doneLabel = "done"): string {
  const parts = [`${countOf(s.done, noun)} ${doneLabel}.`];
  if (s.refused.length) parts.push(`${s.refused.length.toLocaleString("en-US")} refused.`);
  if (s.cancelled) parts.push(`Cancelled: ${countOf(s.total - s.processed, noun)} not attempted.`);
  if (s.error) parts.push(`Stopped: ${s.error} ${countOf(s.total - s.processed, noun)} not attempted.`);
  return parts.join(" ");
}
