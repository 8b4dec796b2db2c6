/**
 * Returns in the customer portal (admins): how many days after the last shipment a customer may
 * start a return, and which customer requests are approved at once (every reason in the list, value
 * within the limit). Audited on the server.
 */
import { useState } from "react";
import { useQuery } from "convex/react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import { Button, FormError, Loading, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";

type Settings = FunctionReturnType<typeof api.portalSettings.get>;
type Reason = FunctionArgs<typeof api.portalSettings.save>["settings"]["autoApprove"]["reasons"][number];

const REASONS: [Reason, string][] = [
  ["damaged_in_transit", "Damaged in transit"],
  ["defective", "Defective"],
  ["wrong_item", "Wrong item"],
  ["not_as_described", "Not as described"],
  ["size_or_fit", "Size or fit"],
  ["no_longer_needed", "No longer needed"],
  ["other", "Other"],
];

export function PortalSettingsCard() {
  const settings = useQuery(api.portalSettings.get, {});
  if (settings === undefined) return <Loading />;
  return <PortalSettingsForm key={JSON.stringify(settings)} initial={settings} />;
}

function PortalSettingsForm({ initial }: { initial: Settings }) {
  const save = useAppMutation(api.portalSettings.save);
  const toast = useToast();
  const [days, setDays] = useState(String(initial.returnWindowDays));
  const [enabled, setEnabled] = useState(initial.autoApprove.enabled);
  const [reasons, setReasons] = useState<Reason[]>(initial.autoApprove.reasons);
  const [max, setMax] = useState((initial.autoApprove.maxValueMinor / 100).toFixed(2));
  return (
    <form
      className="card"
      aria-label="Returns in the customer portal"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!/^\d+$/.test(days.trim()) || !/^\d+(\.\d{1,2})?$/.test(max.trim()))
          return toast.show("Enter whole days and an amount like 200.00.", "error");
        const [whole, cents = ""] = max.trim().split(".");
        const maxValueMinor = Number(whole) * 100 + Number(cents.padEnd(2, "0"));
        const r = await save.attempt({
          settings: { returnWindowDays: Number(days), autoApprove: { enabled, reasons, maxValueMinor } },
        });
        toast.show(r.ok ? "Portal return settings saved." : r.message, r.ok ? "success" : "error");
      }}
    >
      <h2>Returns in the customer portal</h2>
      <TextField
        label="Return window (days after the last shipment left)"
        inputMode="numeric"
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={save.fields.returnWindowDays}
      />
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Approve customer
        requests at once when every reason is one of:
      </label>
      <fieldset disabled={!enabled}>
        <legend className="sr-only">Reasons approved at once</legend>
        {REASONS.map(([value, label]) => (
          <label key={value} className="checkbox">
            <input
              type="checkbox"
              checked={reasons.includes(value)}
              onChange={(e) => setReasons(e.target.checked ? [...reasons, value] : reasons.filter((x) => x !== value))}
            />{" "}
            {label}
          </label>
        ))}
        <TextField
          label="…and the returned value is at most"
          inputMode="decimal"
          value={max}
          onChange={(e) => setMax(e.target.value)}
          error={save.fields.maxValueMinor}
        />
      </fieldset>
      <FormError message={save.error} />
      <Button type="submit" variant="primary" loading={save.pending}>
        Save
      </Button>
    </form>
  );
}
