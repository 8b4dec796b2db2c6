/** /exceptions/settings (admin) — fraud rules and their points, stuck-work thresholds, carrier address verification. */
import { FRAUD_RULE_LABELS } from "../../../../convex/lib/validation/fraud";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { ExceptionSettings } from "../../../lib/api-types";
import { formatMoney, isCurrency, parseMajor } from "../../../../convex/lib/money";
import { FormActions, FormError, Loading, PageHeader, SelectField, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useForm, type Validation } from "../../../lib/useForm";
import { exceptionSettingsErrors, STUCK_KEYS, type StuckKey } from "../../../../convex/lib/validation/settings";
import "../exceptions.css";

export function ExceptionSettingsPage() {
  const saved = useQuery(api.holds.settings, {});
  if (saved === undefined) return <Loading label="Loading settings…" />;
  return <SettingsForm key={JSON.stringify(saved)} saved={saved} />;
}

const num = (s: string) => (s.trim() === "" ? NaN : Number(s));
type Fraud = ExceptionSettings["fraud"];

/** The server's own checks (convex/lib/validation/settings.ts), so nothing out of range is sent. */
export function validateSettings(s: ExceptionSettings): Validation<ExceptionSettings> {
  const errors = exceptionSettingsErrors(s);
  return Object.keys(errors).length ? { errors } : { errors, input: s };
}

type Rule = "countryMismatch" | "addressVelocity" | "bulkQuantity" | "highValueNewCustomer";
const STUCK_LABELS: Record<StuckKey, string> = {
  awaitingFulfilmentHours: "Awaiting fulfilment longer than (hours)",
  noScanHours: "No carrier scan after (hours)",
  ackWarningHours: "Channel acknowledgement due within (hours)",
};

function SettingsForm({ saved }: { saved: ExceptionSettings }) {
  const save = useAppMutation(api.holds.saveSettings);
  const form = useForm(saved, validateSettings, save);
  const toast = useToast();
  const s = form.values;
  const f = s.fraud;
  /** Changes the fraud settings; `path` is the field the change answers ("fraud.holdAtScore"). */
  const setFraud = (path: string, patch: (fraud: Fraud) => Partial<Fraud>) =>
    form.change(path, (x) => ({ ...x, fraud: { ...x.fraud, ...patch(x.fraud) } }));
  const setRule = <K extends Rule>(key: K, path: string, patch: Partial<Fraud[K]>) =>
    setFraud(path, (x) => ({ [key]: { ...x[key], ...patch } }) as Partial<Fraud>);
  /** A whole number of the settings at `path`; `set` puts the typed number (NaN when not one) in place. */
  const numberField = (o: { path: string; label: string; value: number; set: (n: number) => void; hint?: string }) => (
    <TextField
      key={o.path}
      label={o.label}
      type="number"
      min={0}
      hint={o.hint}
      value={String(o.value)}
      error={form.error(o.path)}
      onBlur={() => form.touch(o.path)}
      onChange={(e) => o.set(num(e.target.value))}
    />
  );
  const submit = async (input: ExceptionSettings) => {
    const r = await save.attempt({ settings: input });
    if (r.ok) toast.show("Exception settings saved.", "success");
  };
  const rule = <K extends Rule>(key: K, extra?: React.ReactNode) => (
    <fieldset className="card">
      <legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={f[key].enabled}
            onChange={(e) => setRule(key, `fraud.${key}`, { enabled: e.target.checked } as Partial<Fraud[K]>)}
          />{" "}
          {FRAUD_RULE_LABELS[key]}
        </label>
      </legend>
      <div className="settings-grid">
        {numberField({
          path: `fraud.${key}.points`,
          label: "Points",
          value: f[key].points,
          set: (points) => setRule(key, `fraud.${key}.points`, { points } as Partial<Fraud[K]>),
        })}
        {extra}
      </div>
    </fieldset>
  );
  return (
    <>
      <PageHeader title="Exception settings">
        <p className="muted">
          Which checks hold a new order, and when work counts as stuck. Changes apply to orders validated from now on.
        </p>
      </PageHeader>
      <form {...form.formProps((input) => void submit(input))}>
        <FormError message={form.formError} />
        <h2>Fraud review</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={f.enabled}
            onChange={(e) => setFraud("fraud.enabled", () => ({ enabled: e.target.checked }))}
          />{" "}
          Score new orders with the rules below
        </label>
        {numberField({
          path: "fraud.holdAtScore",
          label: "Hold for review at score",
          value: f.holdAtScore,
          hint: "The sum of the points of the rules that fire, out of 100.",
          set: (holdAtScore) => setFraud("fraud.holdAtScore", () => ({ holdAtScore })),
        })}
        {rule(
          "highValueNewCustomer",
          f.highValueNewCustomer.thresholds.map((t, i) => (
            <TextField
              key={t.currency}
              label={`Threshold (${t.currency})`}
              inputMode="decimal"
              defaultValue={(t.amountMinor / 100).toFixed(2)}
              hint={formatMoney(t.amountMinor, t.currency)}
              error={form.error(`fraud.highValueNewCustomer.thresholds.${i}`)}
              onBlur={() => form.touch(`fraud.highValueNewCustomer.thresholds.${i}`)}
              onChange={(e) => {
                const minor = isCurrency(t.currency) ? parseMajor(e.target.value, t.currency) : undefined;
                setFraud(`fraud.highValueNewCustomer.thresholds.${i}`, (x) => ({
                  highValueNewCustomer: {
                    ...x.highValueNewCustomer,
                    thresholds: x.highValueNewCustomer.thresholds.map((y, j) =>
                      j === i ? { ...y, amountMinor: minor ?? NaN } : y,
                    ),
                  },
                }));
              }}
            />
          )),
        )}
        {rule("countryMismatch")}
        {rule(
          "addressVelocity",
          numberField({
            path: "fraud.addressVelocity.maxOrdersPerHour",
            label: "More than … orders per hour",
            value: f.addressVelocity.maxOrdersPerHour,
            set: (maxOrdersPerHour) =>
              setRule("addressVelocity", "fraud.addressVelocity.maxOrdersPerHour", { maxOrdersPerHour }),
          }),
        )}
        {rule(
          "bulkQuantity",
          numberField({
            path: "fraud.bulkQuantity.maxUnitsPerLine",
            label: "More than … units on a line",
            value: f.bulkQuantity.maxUnitsPerLine,
            set: (maxUnitsPerLine) =>
              setRule("bulkQuantity", "fraud.bulkQuantity.maxUnitsPerLine", { maxUnitsPerLine }),
          }),
        )}
        <h2>Stuck work</h2>
        <div className="settings-grid">
          {STUCK_KEYS.map((key) =>
            numberField({
              path: `stuck.${key}`,
              label: STUCK_LABELS[key],
              value: s.stuck[key],
              set: (n) => form.change(`stuck.${key}`, (x) => ({ ...x, stuck: { ...x.stuck, [key]: n } })),
            }),
          )}
        </div>
        <h2>Carrier address verification</h2>
        <SelectField
          label="Verify shipping addresses with"
          value={s.addressVerification}
          hint="Needs the carrier's API key in the deployment's environment. An outage never blocks an order."
          onChange={(e) =>
            form.change("addressVerification", (x) => ({
              ...x,
              addressVerification: e.target.value as ExceptionSettings["addressVerification"],
            }))
          }
        >
          <option value="off">Off (format checks only)</option>
          <option value="easypost">EasyPost</option>
          <option value="shippo">Shippo</option>
        </SelectField>
        <FormActions submitLabel="Save settings" pending={save.pending} />
      </form>
    </>
  );
}
