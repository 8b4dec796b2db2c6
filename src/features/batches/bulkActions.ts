/**
 * Bulk actions on the orders and shipments lists (the list's action bar runs them page by page
 * with a progress bar): "Add to batch" — the first page creates the batch and keeps its id in
 * `state`, later pages add to it, and the result opens the batch — and "Print" — the labels (when
 * bought) and packing slips of the page, one PDF per page, opened for printing.
 * Page sizes are the server's own limits per call (batches: 100 ids; printing: 100 shipments).
 */
import type { ConvexReactClient } from "convex/react";
import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";

export type BulkResult = { done: number; refused: { id: string; reason: string }[]; open?: string };
export type BulkAction = {
  key: string;
  label: string;
  pageSize: number;
  run(ids: string[], client: ConvexReactClient, state: Record<string, unknown>): Promise<BulkResult>;
};

type Kind = "orders" | "shipments";
const BATCH_PAGE = 100;
const PRINT_PAGE = 100;

const selection = (kind: Kind, ids: string[]) =>
  kind === "orders" ? { orderIds: ids as Id<"orders">[] } : { shipmentIds: ids as Id<"shipments">[] };

/** Ids of the page not refused (an order stands for all its shipments: done once). */
const doneOf = (ids: string[], refused: { id: string }[]) => {
  const no = new Set(refused.map((r) => r.id));
  return new Set(ids.filter((id) => !no.has(id))).size;
};

export const batchRoute = (batchId: string) => `/batches/${batchId}`;

function addToBatch(kind: Kind): BulkAction {
  return {
    key: "add-to-batch",
    label: "Add to batch",
    pageSize: BATCH_PAGE,
    async run(ids, client, state) {
      const batchId = state.batchId as Id<"batches"> | undefined;
      const r = batchId
        ? await client.mutation(api.batches.add, { batchId, ...selection(kind, ids) })
        : await client.mutation(api.batches.create, selection(kind, ids));
      state.batchId = r.batchId;
      return { done: doneOf(ids, r.refused), refused: r.refused, open: batchRoute(r.batchId) };
    },
  };
}

function print(kind: Kind): BulkAction {
  return {
    key: "print",
    label: "Print",
    pageSize: PRINT_PAGE,
    async run(ids, client, state) {
      const r = await client.action(api.documents.printSelection, selection(kind, ids));
      if (r.document) state.documents = [...((state.documents as string[] | undefined) ?? []), r.document.url];
      return { done: doneOf(ids, r.refused), refused: r.refused, open: r.document?.url };
    },
  };
}

export const orderBulkActions: BulkAction[] = [addToBatch("orders"), print("orders")];
export const shipmentBulkActions: BulkAction[] = [addToBatch("shipments"), print("shipments")];
