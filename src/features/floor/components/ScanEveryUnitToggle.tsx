/**
 * The per-product floor setting "scan every unit" (serialized or high-value goods): shown as a
 * badge to everyone, switchable by supervisors (audited on the server).
 */
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { Badge, Button, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";

export function ScanEveryUnitToggle({ product }: { product: Pick<Doc<"products">, "_id" | "sku" | "scanEveryUnit"> }) {
  const canSet = useCan("supervisor");
  const set = useAppMutation(api.floor.setScanEveryUnit);
  const toast = useToast();
  const on = product.scanEveryUnit === true;
  if (!canSet) return on ? <Badge tone="warning">Scan every unit</Badge> : null;
  return (
    <Button
      size="sm"
      variant={on ? "danger" : "secondary"}
      aria-pressed={on}
      loading={set.pending}
      title="Pickers scan each unit of this product instead of confirming a count"
      onClick={async () => {
        const r = await set.attempt({ productId: product._id, scanEveryUnit: !on });
        toast.show(
          r.ok ? `${product.sku}: ${on ? "scan once and count" : "scan every unit"}.` : r.message,
          r.ok ? "info" : "error",
        );
      }}
    >
      {on ? "Scan every unit: on" : "Scan every unit: off"}
      <span className="visually-hidden"> {product.sku}</span>
    </Button>
  );
}
