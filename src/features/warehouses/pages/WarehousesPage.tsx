/** /warehouses — fulfilment sources. Supervisors read; admins create, edit, activate, deactivate. */
import { useState } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { Badge, Button, Dialog, EmptyState, Loading, PageHeader, Table, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";
import { WarehouseForm } from "../components/WarehouseForm";
import { KIND_LABELS } from "../lib/warehouseForm";

export function WarehousesPage() {
  const isAdmin = useCan("admin");
  const toast = useToast();
  const [includeInactive, setIncludeInactive] = useState(true);
  const [editing, setEditing] = useState<{ warehouse?: Doc<"warehouses"> } | null>(null);
  const warehouses = useQuery(api.warehouses.list, { includeInactive });
  const create = useAppMutation(api.warehouses.create);
  const update = useAppMutation(api.warehouses.update);
  const setActive = useAppMutation(api.warehouses.setActive);
  const save = editing?.warehouse ? update : create;

  const close = () => {
    create.reset();
    update.reset();
    setEditing(null);
  };
  const toggle = async (w: Doc<"warehouses">) => {
    const r = await setActive.attempt({ id: w._id, active: !w.active });
    toast.show(r.ok ? `${w.code} ${w.active ? "deactivated" : "activated"}.` : r.message, r.ok ? "success" : "error");
  };

  return (
    <>
      <PageHeader
        title="Warehouses"
        actions={
          isAdmin && (
            <Button variant="primary" onClick={() => setEditing({})}>
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
      {warehouses === undefined ? (
        <Loading label="Loading warehouses…" />
      ) : warehouses.length === 0 ? (
        <EmptyState title="No warehouses yet">{isAdmin && <p>Add a warehouse to receive stock and allocate orders.</p>}</EmptyState>
      ) : (
        <Table caption="Warehouses and other sources" className="table-cards">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Location</th>
              <th scope="col">Cutoff</th>
              <th scope="col" className="num">
                Priority
              </th>
              <th scope="col" className="num">
                Lead time
              </th>
              <th scope="col">Status</th>
              {isAdmin && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {warehouses.map((w) => (
              <tr key={w._id}>
                <td data-label="Code" className="mono strong">
                  {w.code}
                </td>
                <td data-label="Name">{w.name}</td>
                <td data-label="Kind">{KIND_LABELS[w.kind]}</td>
                <td data-label="Location">
                  {w.address.city}, {w.address.region ? `${w.address.region}, ` : ""}
                  {w.address.country}
                  <span className="muted">
                    {" "}
                    ({w.latitude.toFixed(3)}, {w.longitude.toFixed(3)})
                  </span>
                </td>
                <td data-label="Cutoff">
                  {w.cutoffLocal} <span className="muted">{w.timezone}</span>
                </td>
                <td data-label="Priority" className="num">
                  {w.priority}
                </td>
                <td data-label="Lead time" className="num">
                  {w.leadTimeDays !== undefined ? `${w.leadTimeDays} d` : "—"}
                </td>
                <td data-label="Status">{w.active ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Inactive</Badge>}</td>
                {isAdmin && (
                  <td data-label="Actions">
                    <div className="row-actions">
                      <Button size="sm" onClick={() => setEditing({ warehouse: w })}>
                        Edit<span className="visually-hidden"> {w.code}</span>
                      </Button>
                      <Button size="sm" variant={w.active ? "danger" : "secondary"} onClick={() => void toggle(w)}>
                        {w.active ? "Deactivate" : "Activate"}
                        <span className="visually-hidden"> {w.code}</span>
                      </Button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Dialog open={editing !== null} title={editing?.warehouse ? `Edit ${editing.warehouse.code}` : "New source"} onClose={close} wide>
        {editing && (
          <WarehouseForm
            key={editing.warehouse?._id ?? "new"}
            warehouse={editing.warehouse}
            pending={save.pending}
            serverError={save.error}
            serverFields={save.fields}
            clearServerField={save.clearField}
            onCancel={close}
            onSubmit={async (warehouse) => {
              const r = editing.warehouse ? await update.attempt({ id: editing.warehouse._id, warehouse }) : await create.attempt({ warehouse });
              if (r.ok) {
                toast.show(`${warehouse.code} saved.`);
                close();
              }
            }}
          />
        )}
      </Dialog>
    </>
  );
}
