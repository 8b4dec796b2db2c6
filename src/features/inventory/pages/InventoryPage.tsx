import { EmptyState } from "../../../components/ui";

export function InventoryPage() {
  return <EmptyState title="Coming soon" />;
}
