/**
 * /channels — the channels admin page: each channel's pull status (last pull, last success, next
 * pull, consecutive failures, last error), what it still needs from the environment, pull now and
 * enable/disable (admins), connecting a new channel, and what needs a person: channel orders that
 * failed to import, acknowledgements at risk, and messages that stopped retrying.
 */
import { useState } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { FunctionReturnType } from "convex/server";
import { Badge, Button, Dialog, PageHeader, useToast } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";
import { formatDateTime } from "../../../lib/format";
import { useCan } from "../../members/hooks/useMe";
import { ConnectChannelForm, EnvList } from "../components/ConnectChannelForm";
import { AckAtRisk, FailedImports, FailedMessages } from "../components/ChannelPanels";
import { useNow } from "../../../lib/useNow";
import { ChannelPickupLocations } from "../../pickup/components/ChannelPickupLocations";
import { CHANNEL_KIND_LABELS, CHANNEL_STATUS_LABELS, channelTone, relativeTime, timeAgo } from "../lib/status";
import { hostedBy } from "../../../lib/formFields";

type ChannelRow = FunctionReturnType<typeof api.channels.list>[number];

const channelColumns = (now: number): Column<ChannelRow>[] => [
  {
    key: "channel",
    header: "Channel",
    priority: "primary",
    cell: (c) => (
      <>
        <strong>{c.name}</strong>
        <div className="muted">
          <span className="mono">{c.code}</span> · {CHANNEL_KIND_LABELS[c.kind]}
        </div>
      </>
    ),
  },
  {
    key: "status",
    header: "Status",
    cell: (c) => (
      <>
        <Badge tone={channelTone(c.status, c.enabled)}>
          {c.enabled ? CHANNEL_STATUS_LABELS[c.status] : "Disabled"}
        </Badge>
        {c.consecutiveFailures > 0 && <div className="muted">{c.consecutiveFailures} failed in a row</div>}
      </>
    ),
  },
  {
    key: "lastPull",
    header: "Last pull",
    cell: (c) => (
      <span title={formatDateTime(c.lastPullAt)}>
        {c.kind === "csv" ? "—" : timeAgo(c.lastPullAt, now)}
        {c.lastSuccessAt !== undefined && c.status === "error" && (
          <div className="muted">last OK {timeAgo(c.lastSuccessAt, now)}</div>
        )}
      </span>
    ),
  },
  {
    key: "nextPull",
    header: "Next pull",
    cell: (c) => (c.kind === "csv" || !c.enabled ? "—" : relativeTime(c.nextPullAt, now)),
  },
  { key: "imported", header: "Imported", align: "num", cell: (c) => c.importedCount },
  {
    key: "problem",
    header: "Problem",
    className: () => "wide-cell",
    cell: (c) =>
      c.lastError && c.status === "error" ? (
        <span className="field-error">{c.lastError}</span>
      ) : c.missingEnv.length > 0 ? (
        <EnvList env={c.env} missing={c.missingEnv} />
      ) : (
        "—"
      ),
  },
];

export function ChannelsPage() {
  const isAdmin = useCan("admin");
  const toast = useToast();
  const now = useNow();
  const channels = useQuery(api.channels.list, {});
  const [connecting, setConnecting] = useState(false);
  const connect = useAppMutation(api.channels.connect);
  const pullNow = useAppMutation(api.channels.pullNow);
  const setEnabled = useAppMutation(api.channels.setEnabled);

  const act = async (p: Promise<{ ok: boolean; message?: string }>, done: string) => {
    const r = await p;
    toast.show(r.ok ? done : (r as { message: string }).message, r.ok ? "info" : "error");
  };

  const actionsColumn: Column<ChannelRow> = {
    key: "actions",
    header: "Actions",
    cell: (c) => (
      <div className="row-actions">
        {c.kind !== "csv" && (
          <Button
            size="sm"
            disabled={!c.enabled || c.status === "pulling"}
            onClick={() => void act(pullNow.attempt({ channelId: c._id }), `Pulling ${c.name}…`)}
          >
            Pull now<span className="visually-hidden"> {c.name}</span>
          </Button>
        )}
        <Button
          size="sm"
          variant={c.enabled ? "danger" : "secondary"}
          onClick={() =>
            void act(
              setEnabled.attempt({ channelId: c._id, enabled: !c.enabled }),
              `${c.name} ${c.enabled ? "disabled" : "enabled"}.`,
            )
          }
        >
          {c.enabled ? "Disable" : "Enable"}
          <span className="visually-hidden"> {c.name}</span>
        </Button>
      </div>
    ),
  };

  return (
    <>
      <PageHeader
        title="Channels"
        actions={
          <>
            <Link className="btn btn-secondary btn-md" to="/channels/mappings">
              SKU mappings
            </Link>
            <Link className="btn btn-secondary btn-md" to="/channels/import">
              Import CSV
            </Link>
            {isAdmin && (
              <Button variant="primary" onClick={() => setConnecting(true)}>
                Connect channel
              </Button>
            )}
          </>
        }
      >
        <p className="muted">Orders from every channel go through the same pipeline as orders keyed in by hand.</p>
      </PageHeader>
      <DataTable
        caption="Channels"
        columns={isAdmin ? [...channelColumns(now), actionsColumn] : channelColumns(now)}
        rows={channels}
        rowKey={(c) => c._id}
        loadingLabel="Loading channels…"
        empty={{
          title: "No channels connected",
          body: isAdmin ? <p>Connect a store, or the sandbox for demo orders.</p> : <p>An admin connects channels.</p>,
        }}
      />
      {channels
        ?.filter((c) => c.kind === "shopify")
        .map((c) => (
          <ChannelPickupLocations key={c._id} channel={c.code} name={c.name} isAdmin={isAdmin} />
        ))}
      <AckAtRisk now={now} />
      <FailedImports />
      <FailedMessages isAdmin={isAdmin} />
      <Dialog open={connecting} title="Connect a channel" onClose={() => setConnecting(false)}>
        {connecting && (
          <ConnectChannelForm
            {...hostedBy(connect)}
            onCancel={() => {
              connect.reset();
              setConnecting(false);
            }}
            onSubmit={async (input) => {
              const r = await connect.attempt(input);
              if (r.ok) {
                toast.show(`${input.code} connected.`);
                setConnecting(false);
              }
            }}
          />
        )}
      </Dialog>
    </>
  );
}
