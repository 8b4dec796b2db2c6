import { EmptyState } from "../../../components/ui";

export function MembersPage() {
  return <EmptyState title="Coming soon" />;
}
