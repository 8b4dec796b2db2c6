/**
 * Connecting a channel: kind, code, name and the non-secret settings. Secrets are never typed
 * here: the form lists the Convex environment variables the channel reads, to set with
 * `npx convex env set`.
 */
import { useState, type FormEvent } from "react";
import { channelEnv, type ChannelKindName } from "../../../../convex/lib/channels/env";
import { FormActions, FormError, SelectField, TextField } from "../../../components/ui";
import { CHANNEL_KIND_LABELS } from "../lib/status";

export type ConnectInput = {
  code: string;
  kind: ChannelKindName;
  name: string;
  settings: { marketplaceId?: string; shopDomain?: string; pullIntervalMinutes?: number };
};

export function ConnectChannelForm({
  pending,
  serverError,
  serverFields,
  onSubmit,
  onCancel,
}: {
  pending: boolean;
  serverError?: string;
  serverFields: Record<string, string>;
  onSubmit: (input: ConnectInput) => void;
  onCancel: () => void;
}) {
  const [kind, setKind] = useState<ChannelKindName>("shopify");
  const [code, setCode] = useState("shopify-main");
  const [name, setName] = useState("");
  const [marketplaceId, setMarketplaceId] = useState("ATVPDKIKX0DER");
  const [shopDomain, setShopDomain] = useState("");
  const [interval, setPullInterval] = useState("");
  const env = channelEnv(kind, code.trim().toLowerCase() || "code");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minutes = interval.trim() === "" ? undefined : Number(interval);
    onSubmit({
      code: code.trim().toLowerCase(),
      kind,
      name: name.trim() || code.trim(),
      settings: {
        marketplaceId: kind === "amazon" ? marketplaceId.trim() : undefined,
        shopDomain: kind === "shopify" ? shopDomain.trim() : undefined,
        pullIntervalMinutes: minutes,
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <FormError message={serverError} />
      <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as ChannelKindName)}>
        {(["shopify", "amazon", "sandbox", "csv"] as const).map((k) => (
          <option key={k} value={k}>
            {CHANNEL_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Code"
        limit="code"
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={serverFields.code}
        hint="Lowercase, e.g. amazon-us. Orders carry it as their channel."
      />
      <TextField
        label="Name"
        limit="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={serverFields.name}
      />
      {kind === "amazon" && (
        <TextField
          label="Marketplace id"
          required
          value={marketplaceId}
          onChange={(e) => setMarketplaceId(e.target.value)}
          error={serverFields["settings.marketplaceId"]}
          hint="ATVPDKIKX0DER is amazon.com (US)."
        />
      )}
      {kind === "shopify" && (
        <TextField
          label="Shop domain"
          required
          placeholder="my-shop.myshopify.com"
          value={shopDomain}
          onChange={(e) => setShopDomain(e.target.value)}
          error={serverFields["settings.shopDomain"]}
        />
      )}
      {kind !== "csv" && (
        <TextField
          label="Pull every (minutes)"
          inputMode="numeric"
          placeholder="default"
          value={interval}
          onChange={(e) => setPullInterval(e.target.value)}
          error={serverFields["settings.pullIntervalMinutes"]}
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
      <FormActions onCancel={onCancel} submitLabel="Connect" pending={pending} pendingLabel="Connecting…" />
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
