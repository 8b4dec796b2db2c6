/** /orders/new — a supervisor keys in a phone, wholesale or replacement order. */
import { useNavigate } from "react-router-dom";
import { api } from "../../../../convex/_generated/api";
import { PageHeader, useToast } from "../../../components/ui";
import { NoAccess } from "../../../components/layout/NotFoundPage";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";
import { OrderForm } from "../components/OrderForm";

export function NewOrderPage() {
  const canCreate = useCan("supervisor");
  const navigate = useNavigate();
  const toast = useToast();
  const create = useAppMutation(api.orders.createManual);
  if (!canCreate) return <NoAccess need="supervisor" />;
  return (
    <>
      <PageHeader title="New order" />
      <OrderForm
        server={create}
        onSubmit={async (order) => {
          const result = await create.run({ order });
          if (result) {
            toast.show(`Order ${result.number} created.`);
            navigate(`/orders/${result.orderId}`);
          }
        }}
      />
    </>
  );
}
