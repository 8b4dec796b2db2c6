import { EmptyState } from "../../../components/ui";

export function ProductsPage() {
  return <EmptyState title="Coming soon" />;
}
