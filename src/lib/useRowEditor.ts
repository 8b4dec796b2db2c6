/**
 * A catalog page's create/edit dialog (products, warehouses): the row being edited (none: a new
 * one), the create or update mutation by that — whose state the hosted form shows — and closing,
 * which forgets both mutations' refusals. `save` runs the one that applies and, when it went
 * through, says so and closes.
 */
import { useState } from "react";
import type { FunctionReference } from "convex/server";
import { useToast } from "../components/ui";
import { hostedBy } from "./formFields";
import { useAppMutation, type Attempt } from "./useAppMutation";

export function useRowEditor<Row, C extends FunctionReference<"mutation">, U extends FunctionReference<"mutation">>(
  createFn: C,
  updateFn: U,
) {
  const toast = useToast();
  const [editing, setEditing] = useState<{ row?: Row } | null>(null);
  const create = useAppMutation(createFn);
  const update = useAppMutation(updateFn);
  const close = () => {
    create.reset();
    update.reset();
    setEditing(null);
  };
  return {
    editing,
    create,
    update,
    /** Opens the dialog on `row`, or on a new one. */
    open: (row?: Row) => setEditing({ row }),
    close,
    /** The Dialog's props: `title` names the row edited or the new one. */
    dialog: (title: (row?: Row) => string) => ({ open: editing !== null, title: title(editing?.row), onClose: close }),
    /** The hosted form's server state and cancel. */
    host: { ...hostedBy(editing?.row ? update : create), onCancel: close },
    save: async (attempt: (row?: Row) => Promise<Attempt<unknown>>, saved: string) => {
      const r = await attempt(editing?.row);
      if (r.ok) {
        toast.show(saved);
        close();
      }
    },
  };
}
