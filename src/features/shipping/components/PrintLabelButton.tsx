/** "Print": asks the server for a fresh link to a purchased label and opens it (the order page and the pack station). */
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";

export function PrintLabelButton({ labelId }: { labelId: Id<"shippingLabels"> }) {
  const reprint = useAppMutation(api.shipping.reprintLabel);
  const toast = useToast();
  return (
    <Button
      size="sm"
      onClick={async () => {
        const r = await reprint.attempt({ labelId });
        if (r.ok) window.open(r.value, "_blank", "noopener");
        else toast.show(r.message, "error");
      }}
    >
      Print
    </Button>
  );
}
