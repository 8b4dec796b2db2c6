/**
 * Bulk actions on the orders and shipments lists (the list's action bar runs them page by page
 * with a progress bar): "Add to batch" — the first page creates the batch and keeps its id in
 * `state`, later pages add to it, and the result opens the batch — and "Print" — the labels (when
 * bought) and packing slips of the page, one PDF per page, opened for printing.
 * Page sizes are the server's own limits per call (BATCH_PAGE_SIZE, PRINT_PAGE_SIZE in lib/bounds.ts).
 */
import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
import type { BulkAction, BulkPageResult } from "../../components/ui/bulk";
import { BATCH_PAGE_SIZE, PRINT_PAGE_SIZE } from "../../../convex/lib/bounds";

type BulkResult = BulkPageResult;

type Kind = "orders" | "shipments";

const selection = (kind: Kind, ids: string[]) =>
  kind === "orders" ? { orderIds: ids as Id<"orders">[] } : { shipmentIds: ids as Id<"shipments">[] };

/** Ids of the page not refused (an order stands for all its shipments: done once). */
const doneOf = (ids: string[], refused: { id: string }[]) => {
  const no = new Set(refused.map((r) => r.id));
  return new Set(ids.filter((id) => !no.has(id))).size;
};

export const batchRoute = (batchId: string) => `/batches/${batchId}`;

/**
 * "Add to batch": the first page makes a batch; later pages add to it while it has room (the
 * server says how much after each call, a batch holds at most 1,000); what does not fit goes into
 * a new batch, so a selection of any size (select all matching: up to 5,000) lands in batches.
 */
function addToBatch(kind: Kind): BulkAction {
  return {
    key: "add-to-batch",
    label: "Add to batch",
    doneLabel: "added",
    pageSize: BATCH_PAGE_SIZE,
    async run(ids, client, state) {
      const out: BulkResult = { done: 0, refused: [] };
      let rest = ids;
      while (rest.length > 0) {
        const batchId = state.batchId as Id<"batches"> | undefined;
        const room = (state.room as number | undefined) ?? 0;
        const into = batchId && room > 0 ? batchId : undefined;
        const part = into ? rest.slice(0, room) : rest;
        const r = into
          ? await client.mutation(api.batches.add, { batchId: into, ...selection(kind, part) })
          : await client.mutation(api.batches.create, selection(kind, part));
        state.batchId = r.batchId;
        state.room = r.room;
        out.done += doneOf(part, r.refused);
        out.refused.push(...r.refused);
        out.open = batchRoute(r.batchId);
        rest = rest.slice(part.length);
      }
      return out;
    },
  };
}

function print(kind: Kind): BulkAction {
  return {
    key: "print",
    label: "Print",
    doneLabel: "printed",
    pageSize: PRINT_PAGE_SIZE,
    async run(ids, client, state) {
      const r = await client.action(api.documents.printSelection, selection(kind, ids));
      if (r.document) state.documents = [...((state.documents as string[] | undefined) ?? []), r.document.url];
      return { done: doneOf(ids, r.refused), refused: r.refused, open: r.document?.url };
    },
  };
}

export const orderBulkActions: BulkAction[] = [addToBatch("orders"), print("orders")];
export const shipmentBulkActions: BulkAction[] = [addToBatch("shipments"), print("shipments")];
