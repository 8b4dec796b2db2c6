"use node";
/**
 * One purchase attempt at a provider, as both buying actions make it (shippingActions.buyLabels
 * for one shipment, batchActions.runItem for a batch item): the provider's labels under the
 * purchase time limit, each label file made here (table rates) stored, ready for the save.
 */
import type { ActionCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { SavedLabel } from "../../model/shipping/tables";
import { buyTimeoutMs, providerOrThrow } from "./registry";
import { withTimeLimit } from "./rateShop";
import type { BuyRequest, LabelFormat } from "./types";

const CONTENT_TYPES: Record<LabelFormat, string> = {
  PDF: "application/pdf",
  ZPL: "application/x-zpl",
  PNG: "image/png",
};

/** Buys `request` from `provider`; a provider no longer configured is an account problem (a retry cannot fix it). */
export async function buyAndStore(
  storage: ActionCtx["storage"],
  job: { provider: string; request: BuyRequest },
): Promise<SavedLabel[]> {
  const provider = providerOrThrow(job.provider);
  const bought = await withTimeLimit(provider.name, buyTimeoutMs(), () => provider.buyLabels(job.request));
  const labels: SavedLabel[] = [];
  for (const { labelPdf, ...rest } of bought) {
    const type = CONTENT_TYPES[rest.labelFormat ?? "PDF"];
    const labelStorageId = labelPdf ? await storage.store(new Blob([labelPdf as BlobPart], { type })) : undefined;
    labels.push({ ...rest, packageId: rest.packageId as Id<"packages">, labelStorageId });
  }
  return labels;
}
