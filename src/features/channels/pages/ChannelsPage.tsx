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
import { Badge, Button, Dialog, EmptyState, Loading, PageHeader, Table, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { formatDateTime } from "../../../lib/format";
import { useCan } from "../../members/hooks/useMe";
import { ConnectChannelForm, EnvList } from "../components/ConnectChannelForm";
import { AckAtRisk, FailedImports, FailedMessages } from "../components/ChannelPanels";
import { useNow } from "../../../lib/useNow";
import { ChannelPickupLocations } from "../../pickup/components/ChannelPickupLocations";
import { CHANNEL_KIND_LABELS, CHANNEL_STATUS_LABELS, channelTone, relativeTime, timeAgo } from "../lib/status";

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
      {channels === undefined ? (
        <Loading label="Loading channels…" />
      ) : channels.length === 0 ? (
        <EmptyState title="No channels connected">
          {isAdmin ? <p>Connect a store, or the sandbox for demo orders.</p> : <p>An admin connects channels.</p>}
        </EmptyState>
      ) : (
        <Table caption="Channels" className="table-cards">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Status</th>
              <th scope="col">Last pull</th>
              <th scope="col">Next pull</th>
              <th scope="col" className="num">
                Imported
              </th>
              <th scope="col">Problem</th>
              {isAdmin && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c._id}>
                <td data-label="Channel">
                  <strong>{c.name}</strong>
                  <div className="muted">
                    <span className="mono">{c.code}</span> · {CHANNEL_KIND_LABELS[c.kind]}
                  </div>
                </td>
                <td data-label="Status">
                  <Badge tone={channelTone(c.status, c.enabled)}>
                    {c.enabled ? CHANNEL_STATUS_LABELS[c.status] : "Disabled"}
                  </Badge>
                  {c.consecutiveFailures > 0 && <div className="muted">{c.consecutiveFailures} failed in a row</div>}
                </td>
                <td data-label="Last pull" title={formatDateTime(c.lastPullAt)}>
                  {c.kind === "csv" ? "—" : timeAgo(c.lastPullAt, now)}
                  {c.lastSuccessAt !== undefined && c.status === "error" && (
                    <div className="muted">last OK {timeAgo(c.lastSuccessAt, now)}</div>
                  )}
                </td>
                <td data-label="Next pull">{c.kind === "csv" || !c.enabled ? "—" : relativeTime(c.nextPullAt, now)}</td>
                <td data-label="Imported" className="num">
                  {c.importedCount}
                </td>
                <td data-label="Problem" className="wide-cell">
                  {c.lastError && c.status === "error" ? (
                    <span className="field-error">{c.lastError}</span>
                  ) : c.missingEnv.length > 0 ? (
                    <EnvList env={c.env} missing={c.missingEnv} />
                  ) : (
                    "—"
                  )}
                </td>
                {isAdmin && (
                  <td data-label="Actions">
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
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
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
            pending={connect.pending}
            serverError={connect.error}
            serverFields={connect.fields}
            clearServerField={connect.clearField}
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
