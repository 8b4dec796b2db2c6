/**
 * Connecting a channel: kind, code, name and the non-secret settings. Secrets are never typed
 * here: the form lists the Convex environment variables the channel reads, to set with
 * `npx convex env set`.
 */
import { z } from "zod";
import { CHANNEL_KINDS, channelEnv, type ChannelKindName } from "../../../../convex/lib/channels/env";
import { FormActions, FormError, SelectField, TextField, Options } from "../../../components/ui";
import { fieldProps, hostServer } from "../../../lib/formFields";
import { parseWhole, useForm, type FormHostProps } from "../../../lib/useForm";
import { CHANNEL_KIND_LABELS } from "../lib/status";
import { channelConnectErrors } from "../../../../convex/lib/channels/connect";

export type ConnectInput = {
  code: string;
  kind: ChannelKindName;
  name: string;
  settings: { marketplaceId?: string; shopDomain?: string; pullIntervalMinutes?: number };
};

/** The server's own checks (lib/channels/connect.ts), keyed by its paths, so both show in one place. */
export const connectSchema = z
  .object({
    kind: z.enum(CHANNEL_KINDS),
    code: z.string(),
    name: z.string(),
    marketplaceId: z.string(),
    shopDomain: z.string(),
    interval: z.string(),
  })
  .transform((v): ConnectInput => ({
    code: v.code.trim().toLowerCase(),
    kind: v.kind,
    name: v.name.trim() || v.code.trim(),
    settings: {
      marketplaceId: v.kind === "amazon" ? v.marketplaceId.trim() : undefined,
      shopDomain: v.kind === "shopify" ? v.shopDomain.trim() : undefined,
      // Text that is no whole number is NaN, so the check below names it.
      pullIntervalMinutes: v.kind === "csv" || v.interval.trim() === "" ? undefined : (parseWhole(v.interval) ?? NaN),
    },
  }))
  .superRefine((input, ctx) => {
    for (const [path, message] of Object.entries(channelConnectErrors(input)))
      ctx.addIssue({ code: "custom", path: [path], message });
  });
type Values = z.input<typeof connectSchema>;
const initial = (): Values => ({
  kind: "shopify",
  code: "shopify-main",
  name: "",
  marketplaceId: "ATVPDKIKX0DER",
  shopDomain: "",
  interval: "",
});

export function ConnectChannelForm(host: FormHostProps<ConnectInput>) {
  const f = useForm(initial, connectSchema, hostServer(host));
  const { kind, code } = f.values;
  const env = channelEnv(kind, code.trim().toLowerCase() || "code");

  return (
    <form {...f.formProps(host.onSubmit)}>
      <FormError message={f.formError} />
      <SelectField
        label="Kind"
        value={kind}
        onChange={(e) => f.change("kind", (v) => ({ ...v, kind: e.target.value as Values["kind"] }))}
      >
        <Options values={CHANNEL_KINDS} labels={CHANNEL_KIND_LABELS} />
      </SelectField>
      <TextField
        label="Code"
        limit="code"
        required
        {...fieldProps(f, "code")}
        hint="Lowercase, e.g. amazon-us. Orders carry it as their channel."
      />
      <TextField label="Name" limit="name" {...fieldProps(f, "name")} />
      {kind === "amazon" && (
        <TextField
          label="Marketplace id"
          required
          {...fieldProps(f, "marketplaceId", "settings.marketplaceId")}
          hint="ATVPDKIKX0DER is amazon.com (US)."
        />
      )}
      {kind === "shopify" && (
        <TextField
          label="Shop domain"
          required
          placeholder="my-shop.myshopify.com"
          {...fieldProps(f, "shopDomain", "settings.shopDomain")}
        />
      )}
      {kind !== "csv" && (
        <TextField
          label="Pull every (minutes)"
          inputMode="numeric"
          placeholder="default"
          {...fieldProps(f, "interval", "settings.pullIntervalMinutes")}
        />
      )}
      {env.length > 0 && <EnvList env={env} />}
      {kind === "shopify" && (
        <p className="field-hint">
          Point the Shopify <strong>orders/create</strong> webhook at{" "}
          <code>
            https://&lt;your deployment&gt;.convex.site/webhooks/shopify/{code.trim().toLowerCase() || "code"}
          </code>
          .
        </p>
      )}
      <FormActions onCancel={host.onCancel} submitLabel="Connect" pending={host.pending} pendingLabel="Connecting…" />
    </form>
  );
}

/** The environment variables a channel reads; set them on the deployment, never in the browser. */
export function EnvList({
  env,
  missing,
}: {
  env: { name: string; secret: boolean; required: boolean; description: string }[];
  missing?: string[];
}) {
  return (
    <div className="notice">
      <p>
        Set these on the Convex deployment (<code>npx convex env set NAME value</code>):
      </p>
      <ul className="env-list">
        {env.map((v) => (
          <li key={v.name}>
            <code>{v.name}</code> {v.required ? "" : "(optional) "}— {v.description}
            {missing?.includes(v.name) && <strong> · not set</strong>}
          </li>
        ))}
      </ul>
    </div>
  );
}
