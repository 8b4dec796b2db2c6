/**
 * /channels/mappings — listing SKUs to catalog products. Listings seen on orders that map to no
 * product come first, with the number of orders waiting on each; mapping one imports them.
 * Listings whose SKU is a catalog SKU map one to one without a row here.
 */
import { useState } from "react";
import { Link } from "react-router-dom";
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import {
  Badge,
  Button,
  Dialog,
  EmptyState,
  Loading,
  LoadMore,
  PageHeader,
  Table,
  useToast,
} from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { formatDateTime } from "../../../lib/format";
import { useCan } from "../../members/hooks/useMe";
import { MappingForm, type MappingDraft } from "../components/MappingForm";

export function SkuMappingsPage() {
  const isAdmin = useCan("admin");
  const toast = useToast();
  const unmapped = useQuery(api.channels.unmappedListings, {});
  const mapped = usePaginatedQuery(api.channels.mappings, {}, { initialNumItems: 50 });
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
      <section aria-labelledby="unmapped">
        <h2 id="unmapped" className="panel-title">
          Unmapped listings
        </h2>
        {unmapped === undefined ? (
          <Loading label="Loading unmapped listings…" />
        ) : unmapped.length === 0 ? (
          <EmptyState title="Every listing maps to a product">
            <p>Orders are not waiting on any SKU.</p>
          </EmptyState>
        ) : (
          <Table caption="Unmapped listings" className="table-cards">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Listing SKU</th>
                <th scope="col">Title</th>
                <th scope="col" className="num">
                  Orders waiting
                </th>
                {isAdmin && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {[...unmapped]
                .sort((a, b) => b.waitingOrders - a.waitingOrders)
                .map((m) => (
                  <tr key={m._id}>
                    <td data-label="Channel" className="mono">
                      {m.channel}
                    </td>
                    <td data-label="Listing SKU" className="mono">
                      {m.listingSku}
                    </td>
                    <td data-label="Title">{m.title ?? "—"}</td>
                    <td data-label="Orders waiting" className="num">
                      <Badge tone={m.waitingOrders > 0 ? "warning" : "muted"}>{m.waitingOrders}</Badge>
                    </td>
                    {isAdmin && (
                      <td data-label="Actions">
                        <Button size="sm" variant="primary" onClick={() => mapRow(m)}>
                          Map<span className="visually-hidden"> {m.listingSku}</span>
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
            </tbody>
          </Table>
        )}
      </section>
      <WaitingOrders />
      <section aria-labelledby="mapped">
        <h2 id="mapped" className="panel-title">
          Mapped listings
        </h2>
        {mapped.status === "LoadingFirstPage" ? (
          <Loading label="Loading mappings…" />
        ) : mapped.results.length === 0 ? (
          <EmptyState title="No mappings yet" />
        ) : (
          <>
            <Table caption="Mapped listings" className="table-cards">
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col">Listing SKU</th>
                  <th scope="col">Ships as</th>
                  <th scope="col">Updated</th>
                  {isAdmin && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {mapped.results.map((m) => (
                  <tr key={m._id}>
                    <td data-label="Channel" className="mono">
                      {m.channel}
                    </td>
                    <td data-label="Listing SKU" className="mono">
                      {m.listingSku}
                    </td>
                    <td data-label="Ships as">
                      <span className="mono">{m.components.map((c) => `${c.quantity} × ${c.sku}`).join(" + ")}</span>
                    </td>
                    <td data-label="Updated">
                      {formatDateTime(m.updatedAt)}
                      {m.updatedBy && <div className="muted">{m.updatedBy}</div>}
                    </td>
                    {isAdmin && (
                      <td data-label="Actions">
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
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </Table>
            <LoadMore status={mapped.status} onLoadMore={() => mapped.loadMore(50)} />
          </>
        )}
      </section>
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
            pending={save.pending}
            serverError={save.error}
            serverFields={save.fields}
            clearServerField={save.clearField}
            onCancel={close}
            onSubmit={async (m) => {
              const r = await save.attempt(m);
              if (r.ok) {
                toast.show(
                  r.value.released > 0
                    ? `${m.listingSku} mapped; ${r.value.released} waiting order(s) imported${r.value.more ? ", more on the way" : ""}.`
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
  const { results, status, loadMore } = usePaginatedQuery(
    api.channels.inbox,
    { status: "waiting_mapping" },
    { initialNumItems: 20 },
  );
  if (status === "LoadingFirstPage" || results.length === 0) return null;
  return (
    <section aria-labelledby="waiting">
      <h2 id="waiting" className="panel-title">
        Channel orders waiting for a mapping
      </h2>
      <Table caption="Channel orders waiting for a mapping" className="table-cards">
        <thead>
          <tr>
            <th scope="col">Channel order</th>
            <th scope="col">Customer</th>
            <th scope="col">Waiting on</th>
            <th scope="col">Received</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r._id}>
              <td data-label="Channel order" className="mono">
                {r.channel} / {r.externalId}
              </td>
              <td data-label="Customer">{r.payload.customer.name}</td>
              <td data-label="Waiting on" className="mono">
                {r.unmappedSkus.join(", ")}
              </td>
              <td data-label="Received">{formatDateTime(r.receivedAt)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMore status={status} onLoadMore={() => loadMore(20)} />
    </section>
  );
}
