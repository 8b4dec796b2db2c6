/** Channel inbox rows of one status as a panel of their own, shown only while there are some. */
import { usePagedRows } from "../../../lib/paging";
import type { FunctionArgs } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import { type Column, type DataTableProps } from "../../../components/ui/DataTable";
import { TablePanel } from "../../../components/ui/Section";
import type { InboxRow } from "./inboxColumns";

export function InboxPanel({
  status,
  pageSize,
  ...panel
}: {
  status: NonNullable<FunctionArgs<typeof api.channels.inbox>["status"]>;
  pageSize: number;
  id: string;
  title: string;
  columns: Column<InboxRow>[];
} & Pick<DataTableProps<InboxRow>, "caption" | "empty">) {
  const inbox = usePagedRows(api.channels.inbox, { status }, pageSize);
  if (!inbox.rows?.length) return null;
  return <TablePanel {...panel} {...inbox} rowKey={(r) => r._id} />;
}
