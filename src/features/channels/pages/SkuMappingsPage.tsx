/**
 * /channels/mappings — listing SKUs to catalog products. Listings seen on orders that map to no
 * product come first, with the number of orders waiting on each; mapping one imports them.
 * Listings whose SKU is a catalog SKU map one to one without a row here.
 */
import { usePagedRows } from "../../../lib/paging";
import { useState } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import type { FunctionReturnType } from "convex/server";
import { Badge, Button, Dialog, PageHeader, useToast } from "../../../components/ui";
import { type Column } from "../../../components/ui/DataTable";
import { TablePanel } from "../../../components/ui/Section";
import { useAppMutation } from "../../../lib/useAppMutation";
import { formatDateTime } from "../../../lib/format";
import { useCan } from "../../members/hooks/useMe";
import { MappingForm, type MappingDraft } from "../components/MappingForm";
import { inboxColumns } from "../components/inboxColumns";
import { InboxPanel } from "../components/InboxPanel";
import { hostedBy } from "../../../lib/formFields";
import { countOf } from "../../../lib/format";

type UnmappedRow = FunctionReturnType<typeof api.channels.unmappedListings>[number];
type MappedRow = FunctionReturnType<typeof api.channels.mappings>["page"][number];

const listingColumns = {
  channel: { key: "channel", header: "Channel", className: () => "mono", cell: (m) => m.channel },
  listingSku: {
    key: "listingSku",
    header: "Listing SKU",
    priority: "primary",
    className: () => "mono",
    cell: (m) => m.listingSku,
  },
} satisfies Record<string, Column<{ channel: string; listingSku: string }>>;

const actionsColumn = <T,>(cell: (row: T) => React.ReactNode): Column<T> => ({
  key: "actions",
  header: "Actions",
  cell,
});

export function SkuMappingsPage() {
  const isAdmin = useCan("admin");
  const toast = useToast();
  const unmapped = useQuery(api.channels.unmappedListings, {});
  const mapped = usePagedRows(api.channels.mappings, {}, 50);
  const save = useAppMutation(api.channels.saveMapping);
  const remove = useAppMutation(api.channels.deleteMapping);
  const [editing, setEditing] = useState<{ draft: MappingDraft; fixed: boolean } | null>(null);

  const close = () => {
    save.reset();
    setEditing(null);
  };
  const mapRow = (
    m: Omit<Doc<"skuMappings">, "components"> & {
      components: { productId: Id<"products">; quantity: number; sku?: string; name?: string }[];
    },
  ) =>
    setEditing({
      fixed: true,
      draft: {
        channel: m.channel,
        listingSku: m.listingSku,
        title: m.title,
        components: m.components.length
          ? m.components.map((c) => ({
              productId: c.productId,
              label: c.sku ? `${c.sku} — ${c.name}` : "",
              quantity: String(c.quantity),
            }))
          : [{ label: "", quantity: "1" }],
      },
    });

  return (
    <>
      <PageHeader
        title="SKU mappings"
        actions={
          isAdmin && (
            <Button
              variant="primary"
              onClick={() =>
                setEditing({
                  fixed: false,
                  draft: { channel: "", listingSku: "", components: [{ label: "", quantity: "1" }] },
                })
              }
            >
              New mapping
            </Button>
          )
        }
      >
        <p className="muted">
          <Link to="/channels">Channels</Link> · A listing SKU that is also a catalog SKU needs no mapping.
        </p>
      </PageHeader>
      <TablePanel
        id="unmapped"
        title="Unmapped listings"
        caption="Unmapped listings"
        columns={[
          listingColumns.channel,
          listingColumns.listingSku,
          { key: "title", header: "Title", cell: (m) => m.title ?? "—" },
          {
            key: "waiting",
            header: "Orders waiting",
            align: "num",
            cell: (m) => <Badge tone={m.waitingOrders > 0 ? "warning" : "muted"}>{m.waitingOrders}</Badge>,
          },
          ...(isAdmin
            ? [
                actionsColumn<UnmappedRow>((m) => (
                  <Button size="sm" variant="primary" onClick={() => mapRow(m)}>
                    Map<span className="visually-hidden"> {m.listingSku}</span>
                  </Button>
                )),
              ]
            : []),
        ]}
        rows={unmapped && [...unmapped].sort((a, b) => b.waitingOrders - a.waitingOrders)}
        rowKey={(m) => m._id}
        loadingLabel="Loading unmapped listings…"
        empty={{ title: "Every listing maps to a product", body: <p>Orders are not waiting on any SKU.</p> }}
      />
      <WaitingOrders />
      <TablePanel
        id="mapped"
        title="Mapped listings"
        caption="Mapped listings"
        columns={[
          listingColumns.channel,
          listingColumns.listingSku,
          {
            key: "shipsAs",
            header: "Ships as",
            cell: (m) => (
              <span className="mono">{m.components.map((c) => `${c.quantity} × ${c.sku}`).join(" + ")}</span>
            ),
          },
          {
            key: "updated",
            header: "Updated",
            cell: (m) => (
              <>
                {formatDateTime(m.updatedAt)}
                {m.updatedBy && <div className="muted">{m.updatedBy}</div>}
              </>
            ),
          },
          ...(isAdmin
            ? [
                actionsColumn<MappedRow>((m) => (
                  <div className="row-actions">
                    <Button size="sm" onClick={() => mapRow(m)}>
                      Edit<span className="visually-hidden"> {m.listingSku}</span>
                    </Button>
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={async () => {
                        const r = await remove.attempt({ id: m._id });
                        toast.show(r.ok ? `${m.listingSku} unmapped.` : r.message, r.ok ? "info" : "error");
                      }}
                    >
                      Delete<span className="visually-hidden"> {m.listingSku}</span>
                    </Button>
                  </div>
                )),
              ]
            : []),
        ]}
        {...mapped}
        rowKey={(m) => m._id}
        loadingLabel="Loading mappings…"
        empty={{ title: "No mappings yet" }}
      />
      <Dialog
        open={editing !== null}
        title={editing?.fixed ? `Map ${editing.draft.listingSku}` : "New mapping"}
        onClose={close}
        wide
      >
        {editing && (
          <MappingForm
            initial={editing.draft}
            fixedListing={editing.fixed}
            {...hostedBy(save)}
            onCancel={close}
            onSubmit={async (m) => {
              const r = await save.attempt(m);
              if (r.ok) {
                toast.show(
                  r.value.released > 0
                    ? `${m.listingSku} mapped; ${countOf(r.value.released, "waiting order")} imported${r.value.more ? ", more on the way" : ""}.`
                    : `${m.listingSku} mapped.`,
                );
                close();
              }
            }}
          />
        )}
      </Dialog>
    </>
  );
}

/** Channel orders held back until their listings map: the exception list for this page. */
function WaitingOrders() {
  return (
    <InboxPanel
      id="waiting"
      title="Channel orders waiting for a mapping"
      caption="Channel orders waiting for a mapping"
      status="waiting_mapping"
      pageSize={20}
      columns={[
        inboxColumns.channelOrder,
        { key: "customer", header: "Customer", cell: (r) => r.payload.customer.name },
        { key: "waitingOn", header: "Waiting on", className: () => "mono", cell: (r) => r.unmappedSkus.join(", ") },
        inboxColumns.received,
      ]}
      empty={{ title: "No channel order is waiting" }}
    />
  );
}
