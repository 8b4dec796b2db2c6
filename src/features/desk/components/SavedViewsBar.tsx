/**
 * Saved views of a desk list: pick one (applies its filters and columns), save what the list
 * shows now under a name (optionally as the default), rename, delete, make default. Each member's
 * own views, kept on the server (convex/savedViews.ts).
 */
import { useState, type FormEvent } from "react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import type { ListParams } from "../../../lib/useListParams";
import { useSavedViews, type SavedViewListName } from "../hooks/useSavedViews";

type Mode = { kind: "idle" } | { kind: "save" } | { kind: "rename"; viewId: Id<"savedViews"> };

export function SavedViewsBar({
  list,
  params,
  visibleColumns,
}: {
  list: SavedViewListName;
  params: ListParams;
  visibleColumns: readonly string[];
}) {
  const { views, current } = useSavedViews(list, params);
  const [mode, setMode] = useState<Mode>({ kind: "idle" });
  const [name, setName] = useState("");
  const [asDefault, setAsDefault] = useState(false);
  const create = useAppMutation(api.savedViews.create);
  const rename = useAppMutation(api.savedViews.rename);
  const remove = useAppMutation(api.savedViews.remove);
  const setDefault = useAppMutation(api.savedViews.setDefault);
  const toast = useToast();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode.kind === "save") {
      const id = await create.run({
        list,
        name,
        filters: params.filters,
        columns: params.columns ? [...visibleColumns] : [],
        isDefault: asDefault,
      });
      if (id) {
        toast.show(`Saved the view “${name.trim()}”.`, "success");
        setMode({ kind: "idle" });
      }
    } else if (mode.kind === "rename") {
      const ok = await rename.attempt({ viewId: mode.viewId, name });
      if (ok.ok) setMode({ kind: "idle" });
    }
  };
  const pending = mode.kind === "save" ? create : rename;

  return (
    <div className="saved-views" role="group" aria-label="Saved views">
      <label htmlFor={`saved-view-${list}`}>View</label>
      <select
        id={`saved-view-${list}`}
        value={current?._id ?? ""}
        disabled={views === undefined}
        onChange={(e) => {
          const v = views?.find((x) => x._id === e.target.value);
          if (v) params.apply(v.filters, v.columns);
          else params.apply({}, undefined);
        }}
      >
        <option value="">
          {current ? "All (no saved view)" : views?.length ? "Unsaved filters" : "No saved views yet"}
        </option>
        {views?.map((v) => (
          <option key={v._id} value={v._id}>
            {v.isDefault ? `${v.name} (default)` : v.name}
          </option>
        ))}
      </select>
      {mode.kind === "idle" && (
        <>
          <Button
            size="sm"
            onClick={() => (setName(""), setAsDefault(false), create.reset(), setMode({ kind: "save" }))}
          >
            Save view…
          </Button>
          {current && (
            <>
              <Button
                size="sm"
                onClick={() => (
                  setName(current.name),
                  rename.reset(),
                  setMode({ kind: "rename", viewId: current._id })
                )}
              >
                Rename
              </Button>
              <Button
                size="sm"
                onClick={() => void setDefault.run({ list, viewId: current.isDefault ? null : current._id })}
              >
                {current.isDefault ? "Stop opening by default" : "Open by default"}
              </Button>
              <Button
                size="sm"
                variant="danger"
                onClick={async () => {
                  const r = await remove.attempt({ viewId: current._id });
                  if (r.ok) toast.show(`Deleted the view “${current.name}”.`, "success");
                }}
              >
                Delete
              </Button>
            </>
          )}
        </>
      )}
      {mode.kind !== "idle" && (
        <form className="saved-view-form" onSubmit={onSubmit}>
          <label htmlFor={`saved-view-name-${list}`}>
            {mode.kind === "save" ? "Name of the new view" : "New name"}
          </label>
          <input
            id={`saved-view-name-${list}`}
            autoFocus
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={pending.fields.name ? true : undefined}
          />
          {mode.kind === "save" && (
            <label className="inline-check">
              <input type="checkbox" checked={asDefault} onChange={(e) => setAsDefault(e.target.checked)} /> Open by
              default
            </label>
          )}
          <Button type="submit" variant="primary" size="sm" loading={pending.pending}>
            {mode.kind === "save" ? "Save" : "Rename"}
          </Button>
          <Button size="sm" onClick={() => setMode({ kind: "idle" })}>
            Cancel
          </Button>
          <FormError message={pending.fields.name ? `${pending.error} ${pending.fields.name}` : pending.error} />
        </form>
      )}
      {(remove.error || setDefault.error) && <FormError message={remove.error ?? setDefault.error} />}
    </div>
  );
}
