import { EmptyState } from "../../../components/ui";

export function WarehousesPage() {
  return <EmptyState title="Coming soon" />;
}
