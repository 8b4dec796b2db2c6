/** /warehouses — fulfilment sources. Supervisors read; admins create, edit, activate, deactivate. */
import { useState } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { Badge, Button, Dialog, PageHeader, useToast } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { EditActiveActions } from "../../../components/ui/RowActions";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useRowEditor } from "../../../lib/useRowEditor";
import { useCan } from "../../members/hooks/useMe";
import { WarehouseForm } from "../components/WarehouseForm";
import { WAREHOUSE_KIND_LABELS } from "../../../../convex/lib/warehouses";

export function WarehousesPage() {
  const isAdmin = useCan("admin");
  const toast = useToast();
  const [includeInactive, setIncludeInactive] = useState(true);
  const warehouses = useQuery(api.warehouses.list, { includeInactive });
  const editor = useRowEditor<Doc<"warehouses">, typeof api.warehouses.create, typeof api.warehouses.update>(
    api.warehouses.create,
    api.warehouses.update,
  );
  const setActive = useAppMutation(api.warehouses.setActive);
  const toggle = async (w: Doc<"warehouses">) => {
    const r = await setActive.attempt({ id: w._id, active: !w.active });
    toast.show(r.ok ? `${w.code} ${w.active ? "deactivated" : "activated"}.` : r.message, r.ok ? "success" : "error");
  };

  const columns: Column<Doc<"warehouses">>[] = [
    { key: "code", header: "Code", priority: "primary", cell: (w) => <span className="mono strong">{w.code}</span> },
    { key: "name", header: "Name", cell: (w) => w.name },
    { key: "kind", header: "Kind", cell: (w) => WAREHOUSE_KIND_LABELS[w.kind] },
    {
      key: "location",
      header: "Location",
      cell: (w) => (
        <>
          {w.address.city}, {w.address.region ? `${w.address.region}, ` : ""}
          {w.address.country}
          <span className="muted">{` (${w.latitude.toFixed(3)}, ${w.longitude.toFixed(3)})`}</span>
        </>
      ),
    },
    {
      key: "cutoff",
      header: "Cutoff",
      cell: (w) => (
        <>
          {w.cutoffLocal} <span className="muted">{w.timezone}</span>
        </>
      ),
    },
    { key: "priority", header: "Priority", align: "num", cell: (w) => w.priority },
    {
      key: "lead",
      header: "Lead time",
      align: "num",
      cell: (w) => (w.leadTimeDays !== undefined ? `${w.leadTimeDays} d` : "—"),
    },
    {
      key: "status",
      header: "Status",
      cell: (w) => (w.active ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Inactive</Badge>),
    },
    ...(isAdmin
      ? [
          {
            key: "actions",
            header: "Actions",
            cell: (w: Doc<"warehouses">) => (
              <EditActiveActions
                name={w.code}
                active={w.active}
                reactivateLabel="Activate"
                onEdit={() => editor.open(w)}
                onToggle={() => void toggle(w)}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="Warehouses"
        actions={
          isAdmin && (
            <Button variant="primary" onClick={() => editor.open()}>
              New source
            </Button>
          )
        }
      />
      <div className="filters">
        <label className="checkbox">
          <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
          Show inactive sources
        </label>
      </div>
      <DataTable
        caption="Warehouses and other sources"
        columns={columns}
        rows={warehouses}
        rowKey={(w) => w._id}
        loadingLabel="Loading warehouses…"
        empty={{
          title: "No warehouses yet",
          body: isAdmin ? <p>Add a warehouse to receive stock and allocate orders.</p> : undefined,
        }}
      />
      <Dialog {...editor.dialog((warehouse) => (warehouse ? `Edit ${warehouse.code}` : "New source"))} wide>
        {editor.editing && (
          <WarehouseForm
            key={editor.editing.row?._id ?? "new"}
            warehouse={editor.editing.row}
            {...editor.host}
            onSubmit={(warehouse) =>
              editor.save(
                (row) =>
                  row ? editor.update.attempt({ id: row._id, warehouse }) : editor.create.attempt({ warehouse }),
                `${warehouse.code} saved.`,
              )
            }
          />
        )}
      </Dialog>
    </>
  );
}
