/** The returns of an order, on its page: its RMAs and, for supervisors, "New RMA" once something shipped. */
import { Link } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { useCan } from "../../members/hooks/useMe";
import { RmasTable } from "./RmasTable";
import "../returns.css";

export function OrderReturns({ order, lines }: { order: Doc<"orders">; lines: Doc<"orderLines">[] }) {
  const rmas = useQuery(api.returns.forOrder, { orderId: order._id });
  const canIssue = useCan("supervisor");
  const shipped = lines.some((l) => l.shipped > l.returned);
  return (
    <section aria-labelledby="order-returns-title">
      <div className="section-head">
        <h2 id="order-returns-title">Returns</h2>
        {canIssue && shipped && (
          <Link to={`/orders/${order._id}/return`} className="btn btn-secondary btn-md">
            New RMA
          </Link>
        )}
      </div>
      <RmasTable rmas={rmas} caption={`Returns of ${order.number}`} empty={{ title: "No returns on this order" }} />
    </section>
  );
}
