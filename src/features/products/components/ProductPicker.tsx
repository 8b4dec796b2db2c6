/**
 * Type-ahead product picker (ARIA combobox): exact SKU or barcode, else name prefix, via
 * api.products.search. A keyboard-wedge scanner works too: it types the code and presses Enter.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { useDebounced } from "../../../lib/useDebounced";
import type { ControlProps } from "../../../components/ui/Field";

export function productLabel(p: Pick<Doc<"products">, "sku" | "name">): string {
  return `${p.sku} — ${p.name}`;
}

export function ProductPicker({
  control,
  selectedLabel,
  onSelect,
  placeholder = "SKU, barcode or name",
}: {
  control: ControlProps;
  selectedLabel: string;
  onSelect: (product: Doc<"products"> | undefined) => void;
  placeholder?: string;
}) {
  const [text, setText] = useState(selectedLabel);
  const [open, setOpen] = useState(false);
  // The list closes a moment after blur (so a click on an option lands first); the timer must not
  // outlive the picker (it would set state on an unmounted component).
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(closeTimer.current), []);
  const [active, setActive] = useState(0);
  const listId = useId();
  const term = useDebounced(text.trim(), 200);
  const searching = open && term !== "" && term !== selectedLabel;
  const results = useQuery(api.products.search, searching ? { text: term } : "skip");
  const options = results ?? [];

  // Keep the box in step when the selection changes from outside (e.g. form reset).
  const [lastSelected, setLastSelected] = useState(selectedLabel);
  if (lastSelected !== selectedLabel) {
    setLastSelected(selectedLabel);
    setText(selectedLabel);
  }

  const choose = (p: Doc<"products">) => {
    onSelect(p);
    setText(productLabel(p));
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(options.length - 1, 0)));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter") {
      if (open && options[active]) {
        e.preventDefault();
        choose(options[active]);
      }
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };

  const expanded = searching && open && results !== undefined;
  return (
    <div className="combobox">
      <input
        {...control}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && options[active] ? `${listId}-${active}` : undefined}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          if (selectedLabel) onSelect(undefined);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          clearTimeout(closeTimer.current);
          closeTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="combobox-list" hidden={!expanded} aria-label="Matching products">
        {expanded && options.length === 0 && (
          <li className="combobox-empty" role="option" aria-disabled="true" aria-selected={false}>
            No product matches “{term}”.
          </li>
        )}
        {expanded &&
          options.map((p, i) => (
            <li
              key={p._id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
            >
              <span className="mono">{p.sku}</span> {p.name}
              <span className="muted"> · {formatMoney(p.priceMinor, p.currency)}</span>
              {!p.active && <span className="muted"> (inactive)</span>}
            </li>
          ))}
      </ul>
    </div>
  );
}
