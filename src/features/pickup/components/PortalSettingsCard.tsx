/**
 * Returns in the customer portal (admins): how many days after the last shipment a customer may
 * start a return, and which customer requests are approved at once (every reason in the list, value
 * within the limit). Audited on the server.
 */
import { z } from "zod";
import { useQuery } from "convex/react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import { FormActions, FormError, Loading, TextField, useToast } from "../../../components/ui";
import { parseMajor } from "../../../../convex/lib/money";
import { REASON_LABELS, RETURN_REASONS } from "../../../../convex/lib/returns";
import { useAppMutation } from "../../../lib/useAppMutation";
import { checkboxProps, fieldProps } from "../../../lib/formFields";
import { minorToMajorText } from "../../../lib/format";
import { parseWhole, useForm } from "../../../lib/useForm";
import { portalSettingsErrors } from "../../../../convex/lib/pickupSettings";

type Settings = FunctionReturnType<typeof api.portalSettings.get>;
type Reason = FunctionArgs<typeof api.portalSettings.save>["settings"]["autoApprove"]["reasons"][number];

export function PortalSettingsCard() {
  const settings = useQuery(api.portalSettings.get, {});
  if (settings === undefined) return <Loading />;
  return <PortalSettingsForm key={JSON.stringify(settings)} initial={settings} />;
}

export const portalSettingsSchema = z
  .object({ days: z.string(), enabled: z.boolean(), reasons: z.array(z.custom<Reason>()), max: z.string() })
  .transform((v, ctx) => {
    const returnWindowDays = parseWhole(v.days) ?? NaN;
    const maxValueMinor = parseMajor(v.max, "USD") ?? NaN;
    const e = portalSettingsErrors({ returnWindowDays, maxValueMinor });
    // The limit is typed in dollars here, so its sentence says so.
    if (e.maxValueMinor) e.maxValueMinor = "Enter an amount like 200.00.";
    for (const [path, message] of Object.entries(e)) ctx.addIssue({ code: "custom", path: [path], message });
    return { returnWindowDays, autoApprove: { enabled: v.enabled, reasons: v.reasons, maxValueMinor } };
  });

function PortalSettingsForm({ initial }: { initial: Settings }) {
  const save = useAppMutation(api.portalSettings.save);
  const toast = useToast();
  const f = useForm(
    () => ({
      days: String(initial.returnWindowDays),
      enabled: initial.autoApprove.enabled,
      reasons: initial.autoApprove.reasons,
      max: minorToMajorText(initial.autoApprove.maxValueMinor),
    }),
    portalSettingsSchema,
    save,
  );
  const { enabled, reasons } = f.values;
  const submit = async (settings: Settings) => {
    if ((await save.attempt({ settings })).ok) toast.show("Portal return settings saved.", "success");
  };
  const setReason = (value: Reason, on: boolean) =>
    f.change("reasons", (v) => ({ ...v, reasons: on ? [...v.reasons, value] : v.reasons.filter((x) => x !== value) }));
  return (
    <form
      className="card"
      aria-label="Returns in the customer portal"
      {...f.formProps((settings) => void submit(settings))}
    >
      <h2>Returns in the customer portal</h2>
      <TextField
        label="Return window (days after the last shipment left)"
        inputMode="numeric"
        {...fieldProps(f, "days", "returnWindowDays")}
      />
      <label className="checkbox">
        <input {...checkboxProps(f, "enabled")} /> Approve customer requests at once when every reason is one of:
      </label>
      <fieldset disabled={!enabled}>
        <legend className="sr-only">Reasons approved at once</legend>
        {RETURN_REASONS.map((value) => (
          <label key={value} className="checkbox">
            <input
              type="checkbox"
              checked={reasons.includes(value)}
              onChange={(e) => setReason(value, e.target.checked)}
            />{" "}
            {REASON_LABELS[value]}
          </label>
        ))}
        <TextField
          label="…and the returned value is at most"
          inputMode="decimal"
          {...fieldProps(f, "max", "maxValueMinor")}
        />
      </fieldset>
      <FormError message={f.formError} />
      <FormActions submitLabel="Save" pending={save.pending} />
    </form>
  );
}
