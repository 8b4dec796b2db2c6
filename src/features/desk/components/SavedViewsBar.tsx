/**
 * Saved views of a desk list: pick one (applies its filters and columns), save what the list
 * shows now under a name (optionally as the default), rename, delete, make default. Each member's
 * own views, kept on the server (convex/savedViews.ts).
 */
import { useState } from "react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import type { ListParams } from "../../../lib/useListParams";
import { useSavedViews, type SavedViewListName } from "../hooks/useSavedViews";
import { SavedViewForm, type ViewNameInput } from "./SavedViewForm";

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
  const create = useAppMutation(api.savedViews.create);
  const rename = useAppMutation(api.savedViews.rename);
  const remove = useAppMutation(api.savedViews.remove);
  const setDefault = useAppMutation(api.savedViews.setDefault);
  const toast = useToast();

  const onSubmit = async ({ name, isDefault }: ViewNameInput) => {
    if (mode.kind === "save") {
      const id = await create.run({
        list,
        name,
        filters: params.filters,
        columns: params.columns ? [...visibleColumns] : [],
        isDefault,
      });
      if (id) {
        toast.show(`Saved the view “${name}”.`, "success");
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
          <Button size="sm" onClick={() => (create.reset(), setMode({ kind: "save" }))}>
            Save view…
          </Button>
          {current && (
            <>
              <Button size="sm" onClick={() => (rename.reset(), setMode({ kind: "rename", viewId: current._id }))}>
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
        <SavedViewForm
          list={list}
          renaming={mode.kind === "rename"}
          initialName={mode.kind === "rename" ? (current?.name ?? "") : ""}
          server={pending}
          pending={pending.pending}
          onSubmit={(input) => void onSubmit(input)}
          onCancel={() => setMode({ kind: "idle" })}
        />
      )}
      {(remove.error || setDefault.error) && <FormError message={remove.error ?? setDefault.error} />}
    </div>
  );
}
