/**
 * The header's search box (issue 19): orders by number, customer name, email, SKU or product
 * name, and products by name, SKU or barcode (convex/search.ts). Results appear under the box as
 * links; Enter opens the only order found, or the orders list searched for the words.
 */
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import { STATUS_LABELS } from "../../../convex/lib/orderStatus";
import { useDebounced } from "../../lib/useDebounced";
import "./globalSearch.css";

export function GlobalSearch() {
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const words = useDebounced(text.trim(), 250);
  const result = useQuery(api.search.global, words.length >= 2 ? { text: words } : "skip");
  const navigate = useNavigate();
  const close = () => {
    setOpen(false);
    setText("");
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    const only = result && words === t && result.orders.length === 1 ? result.orders[0] : undefined;
    close();
    navigate(only ? `/orders/${only._id}` : `/orders?q=${encodeURIComponent(t)}`);
  };
  const showing = open && words.length >= 2;
  return (
    <div className="global-search" onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
      <form role="search" aria-label="Search orders and products" onSubmit={onSubmit}>
        <label htmlFor={`${id}-q`} className="visually-hidden">
          Search orders and products
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          placeholder="Search orders, customers, SKUs…"
          autoComplete="off"
          aria-controls={showing ? `${id}-results` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
        />
      </form>
      {showing && (
        <div id={`${id}-results`} className="global-search-results" aria-live="polite">
          {result === undefined || words !== text.trim() ? (
            <p className="muted">Searching…</p>
          ) : result.orders.length === 0 && result.products.length === 0 ? (
            <p className="muted">{`Nothing found for “${words}”.`}</p>
          ) : (
            <>
              {result.orders.length > 0 && (
                <FoundGroup
                  name="Orders"
                  more={
                    <Link to={`/orders?q=${encodeURIComponent(words)}`} onClick={close} className="global-search-all">
                      All matching orders
                    </Link>
                  }
                >
                  {result.orders.map((o) => (
                    <li key={o._id}>
                      <Link to={`/orders/${o._id}`} onClick={close}>
                        <span className="strong">{o.number}</span> {o.customerName}{" "}
                        <span className="muted">{`${o.email} · ${STATUS_LABELS[o.status]}`}</span>
                      </Link>
                    </li>
                  ))}
                </FoundGroup>
              )}
              {result.products.length > 0 && (
                <FoundGroup name="Products">
                  {result.products.map((p) => (
                    <li key={p._id}>
                      <Link to={`/inventory?q=${encodeURIComponent(p.sku)}`} onClick={close}>
                        <span className="strong mono">{p.sku}</span> {p.name}
                        {!p.active && <span className="muted"> (inactive)</span>}
                      </Link>
                    </li>
                  ))}
                </FoundGroup>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** One kind of record found: its heading, the list of matches, then `more` (a link to all of them). */
function FoundGroup({ name, more, children }: { name: string; more?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={`${name} found`}>
      <h2 className="global-search-heading">{name}</h2>
      <ul>{children}</ul>
      {more}
    </section>
  );
}
