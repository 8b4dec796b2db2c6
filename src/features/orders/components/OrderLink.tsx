/** An order named by its number, linking to its page. */
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { Id } from "../../../../convex/_generated/dataModel";

export function OrderLink({ id, className, children }: { id: Id<"orders">; className?: string; children: ReactNode }) {
  return (
    <Link to={`/orders/${id}`} className={className}>
      {children}
    </Link>
  );
}
