/** /allocation/settings (admin) — the default strategy and a strategy per channel. */
import { z } from "zod";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { Button, FormError, Loading, PageHeader, SelectField, TextField, useToast } from "../../../components/ui";
import { DataTable } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { StrategyOptions } from "../components/StrategyOptions";

export function AllocationSettingsPage() {
  const data = useQuery(api.allocation.strategies, {});
  const setDefault = useAppMutation(api.allocation.setDefaultStrategy);
  const setChannel = useAppMutation(api.allocation.setChannelStrategy);
  const toast = useToast();
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
          <StrategyOptions strategies={data.available} />
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
      <FormError message={setChannel.error} />
      <ChannelStrategyForm available={data.available} label={label} />
    </>
  );
}

export const channelStrategySchema = z.object({
  channel: z.string().trim().min(1, "Enter the channel's code."),
  strategy: z.string().min(1, "Choose a strategy."),
});

/** Gives one channel its own strategy. */
function ChannelStrategyForm({
  available,
  label,
}: {
  available: { name: string; label: string }[];
  label: (name: string) => string;
}) {
  const setChannel = useAppMutation(api.allocation.setChannelStrategy);
  const toast = useToast();
  const f = useForm({ channel: "", strategy: "" }, channelStrategySchema, setChannel);
  const submit = async (input: z.output<typeof channelStrategySchema>) => {
    const r = await setChannel.attempt(input);
    if (r.ok) {
      toast.show(`${input.channel} now uses ${label(input.strategy)}.`);
      f.reset({ ...f.values, channel: "" });
    }
  };
  return (
    <>
      <form className="inline-form" {...f.formProps((input) => void submit(input))}>
        <TextField
          label="Channel code"
          limit="code"
          placeholder="manual, sandbox, amazon-us…"
          required
          {...fieldProps(f, "channel")}
        />
        <SelectField label="Strategy" required {...fieldProps(f, "strategy")}>
          <option value="">Choose…</option>
          <StrategyOptions strategies={available} />
        </SelectField>
        <Button type="submit" variant="primary" loading={setChannel.pending}>
          Set
        </Button>
      </form>
      <FormError message={f.formError} />
    </>
  );
}
