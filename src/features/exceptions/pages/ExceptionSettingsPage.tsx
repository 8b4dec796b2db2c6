/** /exceptions/settings (admin) — fraud rules and their points, stuck-work thresholds, carrier address verification. */
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { ExceptionSettings } from "../../../lib/api-types";
import { formatMoney, isCurrency, parseMajor } from "../../../../convex/lib/money";
import { Button, FormError, Loading, PageHeader, SelectField, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useForm, type Validation } from "../../../lib/useForm";
import { exceptionSettingsErrors } from "../../../../convex/lib/validation/settings";
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

function SettingsForm({ saved }: { saved: ExceptionSettings }) {
  const save = useAppMutation(api.holds.saveSettings);
  const form = useForm(saved, validateSettings, save);
  const toast = useToast();
  const s = form.values;
  const f = s.fraud;
  /** Changes the fraud settings; `path` is the field the change answers ("fraud.holdAtScore"). */
  const setFraud = (path: string, patch: Partial<Fraud>) =>
    form.change(path, (x) => ({ ...x, fraud: { ...x.fraud, ...patch } }));
  const setStuck = (key: keyof ExceptionSettings["stuck"], text: string) =>
    form.change(`stuck.${key}`, (x) => ({ ...x, stuck: { ...x.stuck, [key]: num(text) } }));
  const bound = (path: string) => ({ error: form.error(path), onBlur: () => form.touch(path) });
  const submit = async (input: ExceptionSettings) => {
    const r = await save.attempt(input);
    if (r.ok) toast.show("Exception settings saved.", "success");
  };
  const rule = <K extends "countryMismatch" | "addressVelocity" | "bulkQuantity" | "highValueNewCustomer">(
    key: K,
    label: string,
    extra?: React.ReactNode,
  ) => (
    <fieldset className="card">
      <legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={f[key].enabled}
            onChange={(e) =>
              setFraud(`fraud.${key}`, { [key]: { ...f[key], enabled: e.target.checked } } as Partial<Fraud>)
            }
          />{" "}
          {label}
        </label>
      </legend>
      <div className="settings-grid">
        <TextField
          label="Points"
          type="number"
          min={0}
          max={100}
          value={String(f[key].points)}
          {...bound(`fraud.${key}.points`)}
          onChange={(e) =>
            setFraud(`fraud.${key}.points`, { [key]: { ...f[key], points: num(e.target.value) } } as Partial<Fraud>)
          }
        />
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
            onChange={(e) => setFraud("fraud.enabled", { enabled: e.target.checked })}
          />{" "}
          Score new orders with the rules below
        </label>
        <TextField
          label="Hold for review at score"
          type="number"
          min={1}
          max={100}
          value={String(f.holdAtScore)}
          {...bound("fraud.holdAtScore")}
          hint="The sum of the points of the rules that fire, out of 100."
          onChange={(e) => setFraud("fraud.holdAtScore", { holdAtScore: num(e.target.value) })}
        />
        {rule(
          "highValueNewCustomer",
          "High value from a new customer",
          f.highValueNewCustomer.thresholds.map((t, i) => (
            <TextField
              key={t.currency}
              label={`Threshold (${t.currency})`}
              inputMode="decimal"
              defaultValue={(t.amountMinor / 100).toFixed(2)}
              hint={formatMoney(t.amountMinor, t.currency)}
              {...bound(`fraud.highValueNewCustomer.thresholds.${i}`)}
              onChange={(e) => {
                const minor = isCurrency(t.currency) ? parseMajor(e.target.value, t.currency) : undefined;
                const thresholds = f.highValueNewCustomer.thresholds.map((x, j) =>
                  j === i ? { ...x, amountMinor: minor ?? NaN } : x,
                );
                setFraud(`fraud.highValueNewCustomer.thresholds.${i}`, {
                  highValueNewCustomer: { ...f.highValueNewCustomer, thresholds },
                });
              }}
            />
          )),
        )}
        {rule("countryMismatch", "Billing and shipping country differ")}
        {rule(
          "addressVelocity",
          "Many orders to one address in an hour",
          <TextField
            label="More than … orders per hour"
            type="number"
            min={1}
            value={String(f.addressVelocity.maxOrdersPerHour)}
            {...bound("fraud.addressVelocity.maxOrdersPerHour")}
            onChange={(e) =>
              setFraud("fraud.addressVelocity.maxOrdersPerHour", {
                addressVelocity: { ...f.addressVelocity, maxOrdersPerHour: num(e.target.value) },
              })
            }
          />,
        )}
        {rule(
          "bulkQuantity",
          "Unusually large quantity on a line",
          <TextField
            label="More than … units on a line"
            type="number"
            min={1}
            value={String(f.bulkQuantity.maxUnitsPerLine)}
            {...bound("fraud.bulkQuantity.maxUnitsPerLine")}
            onChange={(e) =>
              setFraud("fraud.bulkQuantity.maxUnitsPerLine", {
                bulkQuantity: { ...f.bulkQuantity, maxUnitsPerLine: num(e.target.value) },
              })
            }
          />,
        )}
        <h2>Stuck work</h2>
        <div className="settings-grid">
          <TextField
            label="Awaiting fulfilment longer than (hours)"
            type="number"
            min={1}
            value={String(s.stuck.awaitingFulfilmentHours)}
            {...bound("stuck.awaitingFulfilmentHours")}
            onChange={(e) => setStuck("awaitingFulfilmentHours", e.target.value)}
          />
          <TextField
            label="No carrier scan after (hours)"
            type="number"
            min={1}
            value={String(s.stuck.noScanHours)}
            {...bound("stuck.noScanHours")}
            onChange={(e) => setStuck("noScanHours", e.target.value)}
          />
          <TextField
            label="Channel acknowledgement due within (hours)"
            type="number"
            min={1}
            value={String(s.stuck.ackWarningHours)}
            {...bound("stuck.ackWarningHours")}
            onChange={(e) => setStuck("ackWarningHours", e.target.value)}
          />
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
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={save.pending}>
            Save settings
          </Button>
        </div>
      </form>
    </>
  );
}
