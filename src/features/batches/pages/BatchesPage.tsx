/**
 * Batches: every batch newest first with its live counts, a batch made from a filter ("packed in
 * warehouse X, chosen service Y, up to N"), and the document settings (company, logo, paper).
 * Batches from a selection come from the orders and shipments lists ("Add to batch").
 */
import { usePagedRows } from "../../../lib/paging";
import "../batches.css";
import { z } from "zod";
import { Link, useNavigate } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { BATCH_PAGE_SIZE } from "../../../../convex/lib/bounds";
import type { FunctionReturnType } from "convex/server";
import {
  Badge,
  Button,
  EmptyState,
  FormError,
  Loading,
  PageHeader,
  SelectField,
  TextField,
  useToast,
} from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { parseWhole, useForm } from "../../../lib/useForm";
import { formatDateTime } from "../../../lib/format";
import { useCan } from "../../members/hooks/useMe";
import { BATCH_STATUS } from "../components/statusTone";
import { DocumentSettingsPanel } from "../components/DocumentSettingsPanel";
import { Section } from "../../../components/ui/Section";

export const fromFilterSchema = z.object({
  warehouseId: z.custom<Id<"warehouses">>((id) => typeof id === "string" && id !== "", "Choose a warehouse."),
  service: z
    .string()
    .trim()
    .transform((t) => t || undefined),
  limit: z
    .string()
    .transform((t) => parseWhole(t) ?? 0)
    .refine((n) => n >= 1 && n <= BATCH_PAGE_SIZE, `A whole number from 1 to ${BATCH_PAGE_SIZE}`),
});

export function FromFilterForm() {
  const warehouses = useQuery(api.warehouses.list, {});
  const create = useAppMutation(api.batches.createFromFilter);
  const f = useForm({ warehouseId: "", service: "", limit: "25" }, fromFilterSchema, create);
  // What the form would make, counted live while the form is valid.
  const preview = useQuery(api.batches.previewFilter, f.input ?? "skip");
  const navigate = useNavigate();
  const toast = useToast();
  if (warehouses === undefined) return <Loading label="Loading warehouses…" />;
  const submit = async (input: z.output<typeof fromFilterSchema>) => {
    const r = await create.run(input);
    if (!r) return;
    toast.show(`Batch made: ${r.added} shipments${r.refused.length ? `, ${r.refused.length} refused` : ""}`);
    navigate(`/batches/${r.batchId}`);
  };
  return (
    <form className="batch-filter" aria-label="New batch from a filter" {...f.formProps((input) => void submit(input))}>
      <SelectField label="Ready shipments from" required {...fieldProps(f, "warehouseId")}>
        <option value="">Choose a warehouse…</option>
        {warehouses.map((w) => (
          <option key={w._id} value={w._id}>
            {w.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Chosen carrier service (optional)"
        placeholder="e.g. USPS Ground Advantage"
        limit="name"
        {...fieldProps(f, "service")}
      />
      <TextField
        label={`Up to (1–${BATCH_PAGE_SIZE})`}
        type="number"
        inputMode="numeric"
        min={1}
        max={BATCH_PAGE_SIZE}
        required
        {...fieldProps(f, "limit")}
      />
      <p className="batch-filter-preview" aria-live="polite">
        {f.input
          ? preview === undefined
            ? "Counting…"
            : `${preview.count} packed ${preview.count === 1 ? "shipment is" : "shipments are"} waiting for a label`
          : "Choose a warehouse to see how many are waiting."}
      </p>
      <FormError message={f.formError} />
      <Button type="submit" variant="primary" loading={create.pending} disabled={preview?.count === 0}>
        Make batch
      </Button>
    </form>
  );
}

type BatchRow = FunctionReturnType<typeof api.batches.list>["page"][number];

const batchColumns: Column<BatchRow>[] = [
  {
    key: "batch",
    header: "Batch",
    priority: "primary",
    cell: (b) => <Link to={`/batches/${b._id}`}>{b.number}</Link>,
  },
  { key: "source", header: "Made from", cell: (b) => b.source },
  {
    key: "status",
    header: "Status",
    cell: (b) => <Badge tone={BATCH_STATUS[b.status].tone}>{BATCH_STATUS[b.status].label}</Badge>,
  },
  { key: "bought", header: "Bought", cell: (b) => `${b.counts.bought} of ${b.counts.total}` },
  { key: "failed", header: "Failed", cell: (b) => b.counts.failed },
  { key: "made", header: "Made", cell: (b) => `${formatDateTime(b.createdAt)} by ${b.createdByName}` },
];

export function BatchesPage() {
  const canUse = useCan("supervisor");
  const canAdmin = useCan("admin");
  const page = usePagedRows(api.batches.list, canUse ? {} : "skip", 25);
  if (!canUse)
    return <EmptyState title="Batches are for supervisors">Ask a supervisor to buy labels in bulk.</EmptyState>;
  return (
    <div className="batches-page">
      <PageHeader title="Batches">
        <p className="muted">Buy many labels at once, watch them live, print labels and packing slips in pick order.</p>
      </PageHeader>
      <Section id="new-batch" title="New batch from a filter">
        <FromFilterForm />
        <p className="muted">Or select orders or shipments on their lists and choose “Add to batch”.</p>
      </Section>
      <Section id="batch-list" title="All batches">
        <DataTable
          caption="Batches, newest first"
          columns={batchColumns}
          {...page}
          rowKey={(b) => b._id}
          loadingLabel="Loading batches…"
          empty={{ title: "No batches yet", body: "Make one from a filter above, or from the orders list." }}
        />
      </Section>
      {canAdmin && <DocumentSettingsPanel />}
    </div>
  );
}
