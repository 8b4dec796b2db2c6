/**
 * Batches: every batch newest first with its live counts, a batch made from a filter ("packed in
 * warehouse X, chosen service Y, up to N"), and the document settings (company, logo, paper).
 * Batches from a selection come from the orders and shipments lists ("Add to batch").
 */
import "../batches.css";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
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
import { DataTable, pageOf, type Column } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";
import { formatDateTime } from "../../../lib/format";
import { useCan } from "../../members/hooks/useMe";
import { BATCH_STATUS } from "../components/statusTone";
import { DocumentSettingsPanel } from "../components/DocumentSettingsPanel";

const MAX_FROM_FILTER = 100;

function FromFilterForm() {
  const warehouses = useQuery(api.warehouses.list, {});
  const [warehouseId, setWarehouseId] = useState("");
  const [service, setService] = useState("");
  const [limit, setLimit] = useState("25");
  const n = Number(limit);
  const limitOk = Number.isInteger(n) && n >= 1 && n <= MAX_FROM_FILTER;
  const preview = useQuery(
    api.batches.previewFilter,
    warehouseId && limitOk
      ? { warehouseId: warehouseId as Id<"warehouses">, service: service.trim() || undefined, limit: n }
      : "skip",
  );
  const create = useAppMutation(api.batches.createFromFilter);
  const navigate = useNavigate();
  const toast = useToast();
  if (warehouses === undefined) return <Loading label="Loading warehouses…" />;
  const submit = async () => {
    const r = await create.run({
      warehouseId: warehouseId as Id<"warehouses">,
      service: service.trim() || undefined,
      limit: n,
    });
    if (!r) return;
    toast.show(`Batch made: ${r.added} shipments${r.refused.length ? `, ${r.refused.length} refused` : ""}`);
    navigate(`/batches/${r.batchId}`);
  };
  return (
    <form
      className="batch-filter"
      aria-label="New batch from a filter"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <SelectField
        label="Ready shipments from"
        value={warehouseId}
        onChange={(e) => setWarehouseId(e.target.value)}
        required
      >
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
        value={service}
        onChange={(e) => setService(e.target.value)}
        limit="name"
      />
      <TextField
        label={`Up to (1–${MAX_FROM_FILTER})`}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_FROM_FILTER}
        value={limit}
        onChange={(e) => setLimit(e.target.value)}
        error={limit && !limitOk ? `A whole number from 1 to ${MAX_FROM_FILTER}` : create.fields.limit}
        required
      />
      <p className="batch-filter-preview" aria-live="polite">
        {warehouseId && limitOk
          ? preview === undefined
            ? "Counting…"
            : `${preview.count} packed ${preview.count === 1 ? "shipment is" : "shipments are"} waiting for a label`
          : "Choose a warehouse to see how many are waiting."}
      </p>
      <FormError message={create.error} />
      <Button
        type="submit"
        variant="primary"
        loading={create.pending}
        disabled={!warehouseId || !limitOk || preview?.count === 0}
      >
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
  const page = usePaginatedQuery(api.batches.list, canUse ? {} : "skip", {
    initialNumItems: 25,
  });
  if (!canUse)
    return <EmptyState title="Batches are for supervisors">Ask a supervisor to buy labels in bulk.</EmptyState>;
  return (
    <div className="batches-page">
      <PageHeader title="Batches">
        <p className="muted">Buy many labels at once, watch them live, print labels and packing slips in pick order.</p>
      </PageHeader>
      <section aria-labelledby="new-batch">
        <h2 id="new-batch">New batch from a filter</h2>
        <FromFilterForm />
        <p className="muted">Or select orders or shipments on their lists and choose “Add to batch”.</p>
      </section>
      <section aria-labelledby="batch-list">
        <h2 id="batch-list">All batches</h2>
        <DataTable
          caption="Batches, newest first"
          columns={batchColumns}
          {...pageOf(page, 25)}
          rowKey={(b) => b._id}
          loadingLabel="Loading batches…"
          empty={{ title: "No batches yet", body: "Make one from a filter above, or from the orders list." }}
        />
      </section>
      {canAdmin && <DocumentSettingsPanel />}
    </div>
  );
}
