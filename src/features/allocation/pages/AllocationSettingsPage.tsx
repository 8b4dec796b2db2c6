/** /allocation/settings (admin) — the default strategy and a strategy per channel. */
import { useState } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { Button, FormError, Loading, PageHeader, SelectField, TextField, useToast } from "../../../components/ui";
import { DataTable } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";

export function AllocationSettingsPage() {
  const data = useQuery(api.allocation.strategies, {});
  const setDefault = useAppMutation(api.allocation.setDefaultStrategy);
  const setChannel = useAppMutation(api.allocation.setChannelStrategy);
  const toast = useToast();
  const [channel, setChannelName] = useState("");
  const [channelStrategy, setChannelStrategy] = useState("");
  if (data === undefined) return <Loading label="Loading settings…" />;
  const label = (name: string) => data.available.find((s) => s.name === name)?.label ?? name;
  return (
    <>
      <PageHeader title="Allocation strategy">
        <p className="muted">Which strategy plans new orders. A channel can use its own; the rest use the default.</p>
      </PageHeader>
      <section className="card">
        <SelectField
          label="Default strategy"
          value={data.defaultStrategy}
          hint={data.available.find((s) => s.name === data.defaultStrategy)?.description}
          onChange={async (e) => {
            const r = await setDefault.attempt({ strategy: e.target.value });
            if (r.ok) toast.show(`Default strategy: ${label(e.target.value)}.`);
          }}
        >
          {data.available.map((s) => (
            <option key={s.name} value={s.name}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <FormError message={setDefault.error} />
      </section>
      <h2>Per channel</h2>
      <DataTable
        caption="Strategy per channel"
        columns={[
          { key: "channel", header: "Channel", priority: "primary", cell: ([code]) => code },
          { key: "strategy", header: "Strategy", cell: ([, name]) => label(name) },
          {
            key: "actions",
            header: "",
            cell: ([code]) => (
              <Button size="sm" onClick={() => void setChannel.attempt({ channel: code, strategy: null })}>
                Use default
              </Button>
            ),
          },
        ]}
        rows={Object.entries(data.channelStrategies)}
        rowKey={([code]) => code}
        empty={{ title: "Every channel uses the default." }}
      />
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await setChannel.attempt({ channel: channel.trim(), strategy: channelStrategy });
          if (r.ok) {
            toast.show(`${channel.trim()} now uses ${label(channelStrategy)}.`);
            setChannelName("");
          }
        }}
      >
        <TextField
          label="Channel code"
          limit="code"
          value={channel}
          onChange={(e) => setChannelName(e.target.value)}
          placeholder="manual, sandbox, amazon-us…"
          required
        />
        <SelectField
          label="Strategy"
          value={channelStrategy}
          onChange={(e) => setChannelStrategy(e.target.value)}
          required
          error={setChannel.fields.strategy}
        >
          <option value="">Choose…</option>
          {data.available.map((s) => (
            <option key={s.name} value={s.name}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" disabled={setChannel.pending || !channel.trim() || !channelStrategy}>
          Set
        </Button>
      </form>
      <FormError message={setChannel.error} />
    </>
  );
}
