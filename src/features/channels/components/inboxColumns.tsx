/** The channel inbox's cells, shared by the Channels page's failed imports and the exception queue's lists. */
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Column } from "../../../components/ui/DataTable";
import { formatDateTime } from "../../../lib/format";

export type InboxRow = FunctionReturnType<typeof api.channels.inbox>["page"][number];

export const inboxColumns = {
  received: { key: "received", header: "Received", cell: (r) => formatDateTime(r.receivedAt) },
  channelOrder: {
    key: "order",
    header: "Channel order",
    priority: "primary",
    className: () => "mono",
    cell: (r) => `${r.channel} / ${r.externalId}`,
  },
  why: { key: "why", header: "Why", className: () => "wide-cell", cell: (r) => r.error },
} satisfies Record<string, Column<InboxRow>>;
