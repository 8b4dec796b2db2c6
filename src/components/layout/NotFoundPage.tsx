import { Link } from "react-router-dom";
import { EmptyState } from "../ui";

export function NotFoundPage() {
  return (
    <EmptyState title="There is no page here">
      <Link to="/orders">Go to orders</Link>
    </EmptyState>
  );
}

/** Shown by pages that need a higher role than the member has. */
export function NoAccess({ need }: { need: string }) {
  return (
    <EmptyState title="No access">
      <p>This page needs the {need} role.</p>
    </EmptyState>
  );
}
