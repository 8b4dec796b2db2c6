/** /exceptions/settings (admin) — fraud rules and their points, stuck-work thresholds, carrier address verification. */
import { useState, type FormEvent } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { ExceptionSettings } from "../../../lib/api-types";
import { formatMoney, isCurrency, parseMajor } from "../../../../convex/lib/money";
import { Button, FormError, Loading, PageHeader, SelectField, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import "../exceptions.css";

export function ExceptionSettingsPage() {
  const saved = useQuery(api.holds.settings, {});
  if (saved === undefined) return <Loading label="Loading settings…" />;
  return <SettingsForm key={JSON.stringify(saved)} saved={saved} />;
}

const num = (s: string) => (s.trim() === "" ? NaN : Number(s));

function SettingsForm({ saved }: { saved: ExceptionSettings }) {
  const [s, setS] = useState(saved);
  const save = useAppMutation(api.holds.saveSettings);
  const toast = useToast();
  const f = s.fraud;
  const setFraud = (patch: Partial<ExceptionSettings["fraud"]>) => setS({ ...s, fraud: { ...f, ...patch } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await save.attempt(s);
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
              setFraud({ [key]: { ...f[key], enabled: e.target.checked } } as Partial<ExceptionSettings["fraud"]>)
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
          error={save.fields[`fraud.${key}.points`]}
          onChange={(e) =>
            setFraud({ [key]: { ...f[key], points: num(e.target.value) } } as Partial<ExceptionSettings["fraud"]>)
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
      <form onSubmit={submit} noValidate>
        <FormError message={save.error} />
        <h2>Fraud review</h2>
        <label className="checkbox">
          <input type="checkbox" checked={f.enabled} onChange={(e) => setFraud({ enabled: e.target.checked })} /> Score
          new orders with the rules below
        </label>
        <TextField
          label="Hold for review at score"
          type="number"
          min={1}
          max={100}
          value={String(f.holdAtScore)}
          error={save.fields["fraud.holdAtScore"]}
          hint="The sum of the points of the rules that fire, out of 100."
          onChange={(e) => setFraud({ holdAtScore: num(e.target.value) })}
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
              error={save.fields[`fraud.highValueNewCustomer.thresholds.${i}`]}
              onChange={(e) => {
                const minor = isCurrency(t.currency) ? parseMajor(e.target.value, t.currency) : undefined;
                const thresholds = f.highValueNewCustomer.thresholds.map((x, j) =>
                  j === i ? { ...x, amountMinor: minor ?? NaN } : x,
                );
                setFraud({ highValueNewCustomer: { ...f.highValueNewCustomer, thresholds } });
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
            error={save.fields["fraud.addressVelocity.maxOrdersPerHour"]}
            onChange={(e) =>
              setFraud({ addressVelocity: { ...f.addressVelocity, maxOrdersPerHour: num(e.target.value) } })
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
            error={save.fields["fraud.bulkQuantity.maxUnitsPerLine"]}
            onChange={(e) => setFraud({ bulkQuantity: { ...f.bulkQuantity, maxUnitsPerLine: num(e.target.value) } })}
          />,
        )}
        <h2>Stuck work</h2>
        <div className="settings-grid">
          <TextField
            label="Awaiting fulfilment longer than (hours)"
            type="number"
            min={1}
            value={String(s.stuck.awaitingFulfilmentHours)}
            error={save.fields["stuck.awaitingFulfilmentHours"]}
            onChange={(e) => setS({ ...s, stuck: { ...s.stuck, awaitingFulfilmentHours: num(e.target.value) } })}
          />
          <TextField
            label="No carrier scan after (hours)"
            type="number"
            min={1}
            value={String(s.stuck.noScanHours)}
            error={save.fields["stuck.noScanHours"]}
            onChange={(e) => setS({ ...s, stuck: { ...s.stuck, noScanHours: num(e.target.value) } })}
          />
          <TextField
            label="Channel acknowledgement due within (hours)"
            type="number"
            min={1}
            value={String(s.stuck.ackWarningHours)}
            error={save.fields["stuck.ackWarningHours"]}
            onChange={(e) => setS({ ...s, stuck: { ...s.stuck, ackWarningHours: num(e.target.value) } })}
          />
        </div>
        <h2>Carrier address verification</h2>
        <SelectField
          label="Verify shipping addresses with"
          value={s.addressVerification}
          hint="Needs the carrier's API key in the deployment's environment. An outage never blocks an order."
          onChange={(e) =>
            setS({ ...s, addressVerification: e.target.value as ExceptionSettings["addressVerification"] })
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
