/**
 * CSV import on the server: the same row checks the browser ran (lib/channels/csv.ts), plus the
 * catalog's (SKU known and active, priced in the row's currency), then every order imported in
 * one transaction. Any row with an error that is not excluded refuses the whole file: nothing is
 * written until the file is fixed or the rows are excluded.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { checkCsv, MAX_CSV_ROWS, type CsvField, type CsvRow } from "../../lib/channels/csv";
import { importChannelOrder } from "./imports";
import { channelByCode, inboxRow } from "./views";
import { connectChannel } from "./channels";
import { resolveListing } from "./mapping";
import { SYSTEM } from "../audit/record";

export type CsvPreview = {
  rowErrors: { row: number; errors: Partial<Record<CsvField, string>> }[];
  orders: {
    externalId: string;
    rows: number[];
    lineCount: number;
    units: number;
    totalMinor: number;
    currency: string;
    exists: boolean;
  }[];
};

/** Checks rows against the rules and the catalog; writes nothing. Row numbers are file rows (header = 1). */
export async function previewCsv(ctx: QueryCtx, rows: CsvRow[], excluded: number[]): Promise<CsvPreview> {
  if (rows.length > MAX_CSV_ROWS)
    throw appError(
      "INVALID_INPUT",
      `A file can have at most ${MAX_CSV_ROWS} rows; split it and import the parts one after the other.`,
    );
  const skip = new Set(excluded.map((n) => n - 2));
  const { errors, orders } = checkCsv(rows, skip);
  for (const [i, r] of rows.entries()) {
    if (skip.has(i) || !r.sku || errors.get(i)?.sku) continue;
    const parts = await resolveListing(ctx, "csv", r.sku);
    if (!parts) {
      errors.set(i, { ...errors.get(i), sku: `No active product with SKU "${r.sku}" (and no CSV mapping for it).` });
      continue;
    }
    for (const c of parts) {
      const p = await ctx.db.get("products", c.productId);
      if (p && r.currency && p.currency !== r.currency.toUpperCase())
        errors.set(i, {
          ...errors.get(i),
          currency: `${p.sku} is priced in ${p.currency}, not ${r.currency.toUpperCase()}.`,
        });
    }
  }
  const good = orders.filter((o) => o.rows.every((i) => !errors.has(i)));
  const out: CsvPreview["orders"] = [];
  for (const o of good) {
    const existing = await inboxRow(ctx, "csv", o.order.externalId);
    out.push({
      externalId: o.order.externalId,
      rows: o.rows.map((i) => i + 2),
      lineCount: o.order.lines.length,
      units: o.order.lines.reduce((s, l) => s + l.quantity, 0),
      totalMinor: o.order.lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0),
      currency: o.order.currency,
      exists: existing !== null,
    });
  }
  return {
    rowErrors: [...errors].sort((a, b) => a[0] - b[0]).map(([i, e]) => ({ row: i + 2, errors: e })),
    orders: out,
  };
}

/**
 * Imports a checked file as CSV-channel orders. Orders already imported (same order_id) are
 * skipped, so importing the same file twice adds nothing. Returns what was created.
 */
export async function importCsv(ctx: MutationCtx, _actor: Actor, rows: CsvRow[], excluded: number[]) {
  const preview = await previewCsv(ctx, rows, excluded);
  if (preview.rowErrors.length > 0) {
    const fields: Record<string, string> = {};
    for (const { row, errors } of preview.rowErrors)
      for (const [f, msg] of Object.entries(errors)) fields[`rows.${row}.${f}`] = msg;
    const n = preview.rowErrors.length;
    throw appError(
      "INVALID_INPUT",
      `${n} row${n === 1 ? " has" : "s have"} errors. Fix or exclude ${n === 1 ? "it" : "them"}; nothing was imported.`,
      fields,
    );
  }
  const channel =
    (await channelByCode(ctx, "csv")) ??
    (await ctx.db.get(
      "channels",
      await connectChannel(ctx, SYSTEM, { code: "csv", kind: "csv", name: "CSV import", settings: {} }),
    ))!;
  const skip = new Set(excluded.map((n) => n - 2));
  const { orders } = checkCsv(rows, skip, Date.now());
  let created = 0;
  let skipped = 0;
  for (const o of orders) {
    const ch = (await ctx.db.get("channels", channel._id))!;
    const result = await importChannelOrder(ctx, ch, o.order);
    if (result === "created") created += 1;
    else if (result === "duplicate") skipped += 1;
    else {
      const row = await inboxRow(ctx, "csv", o.order.externalId);
      // Throwing rolls the whole file back: a CSV import is all or nothing.
      throw appError(
        "INVALID_INPUT",
        `Order ${o.order.externalId} (rows ${o.rows.map((i) => i + 2).join(", ")}) could not be created: ${row?.error ?? result}. Nothing was imported.`,
      );
    }
  }
  return { created, skipped };
}
