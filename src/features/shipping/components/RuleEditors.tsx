/**
 * The three editable parts of a rule (conditions, action, constraints), each its own form saved
 * by its own mutation against the version the editor started from. While someone else saves the
 * same rule, the open form says so; a save against the old version comes back refused with the
 * newer value, and "Start from the newer version" reloads the form.
 * Focus: an editor takes the focus on its first field when it opens; Escape cancels it; when it
 * closes (saved or cancelled) RuleCard gives the focus back to the button that opened it.
 */
import { useEffect, useState, type ReactNode } from "react";
import type { FunctionReference } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, SelectField, TextField } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useForm, type Validation } from "../../../lib/useForm";
import {
  ACTION_LABELS,
  actionToForm,
  conditionsToForm,
  constraintsToForm,
  formToAction,
  formToConditions,
  formToConstraints,
  type ActionForm,
  type ConditionsForm,
  type ConstraintsForm,
  type Parsed,
} from "../lib/ruleForm";
import type { RuleView } from "./RuleCard";

export type EditField = "name" | "conditions" | "action" | "constraints";
type Versioned = { ruleId: Id<"shippingRules">; expectedVersion: number };

/** Shared frame: shows who changed the rule meanwhile, the save error, Save / Cancel / reload. */
function EditFrame<F, V>(props: {
  rule: RuleView;
  title: string;
  initial: (r: RuleView) => F;
  parse: (f: F) => Parsed<V>;
  mutation: FunctionReference<"mutation", "public", Versioned & Record<string, unknown>>;
  argName: string;
  onDone: () => void;
  children: (form: F, set: (f: F) => void, errors: Record<string, string>) => ReactNode;
}) {
  const { rule } = props;
  const [version, setVersion] = useState(rule.version);
  const save = useAppMutation(props.mutation);
  const { parse } = props;
  const validate = (f: F): Validation<V> => {
    const p = parse(f);
    return p.ok ? { errors: {}, input: p.value } : { errors: p.errors };
  };
  const f = useForm(() => props.initial(rule), validate, save);
  const form = f.values;
  const setForm = (next: F) => f.setValues(next);
  const errors = { ...save.fields, ...(f.tried ? f.errors : {}) };
  const changedMeanwhile = rule.version !== version;
  const formRef = f.formRef;
  useEffect(() => {
    const form = formRef.current;
    if (form && !form.contains(document.activeElement))
      form.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, [formRef]);
  const submit = async (value: V) => {
    const r = await save.attempt({ ruleId: rule._id, expectedVersion: version, [props.argName]: value });
    if (r.ok) props.onDone();
  };
  return (
    <form
      ref={formRef}
      className="rule-edit"
      aria-label={`${props.title} of ${rule.name}`}
      onSubmit={f.handleSubmit((value) => void submit(value))}
      noValidate
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        e.stopPropagation();
        props.onDone();
      }}
    >
      {changedMeanwhile && !save.error && (
        <p className="notice" role="status">
          {rule.updatedByName} saved this rule while you were editing (now version {rule.version}). Saving yours will be
          refused unless you start from the newer version.
        </p>
      )}
      {props.children(form, setForm, errors)}
      <FormError message={save.error} />
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={save.pending}>
          Save {props.title.toLowerCase()}
        </Button>
        {changedMeanwhile && (
          <Button
            onClick={() => {
              f.reset(props.initial(rule));
              setVersion(rule.version);
              save.reset();
            }}
          >
            Start from the newer version
          </Button>
        )}
        <Button variant="ghost" onClick={props.onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function NameEditor({ rule, onDone }: { rule: RuleView; onDone: () => void }) {
  return (
    <EditFrame
      rule={rule}
      title="Name"
      initial={(r) => r.name}
      parse={(n: string): Parsed<string> =>
        n.trim() ? { ok: true, value: n.trim() } : { ok: false, errors: { name: "Give the rule a name." } }
      }
      mutation={api.shippingRules.rename}
      argName="name"
      onDone={onDone}
    >
      {(name, set, errors) => (
        <TextField
          label="Rule name"
          limit="name"
          value={name}
          onChange={(e) => set(e.target.value)}
          error={errors.name}
          autoFocus
        />
      )}
    </EditFrame>
  );
}

export function ConditionsEditor({
  rule,
  warehouses,
  onDone,
}: {
  rule: RuleView;
  warehouses: { _id: Id<"warehouses">; code: string; name: string }[];
  onDone: () => void;
}) {
  return (
    <EditFrame
      rule={rule}
      title="Conditions"
      initial={(r) => conditionsToForm(r.conditions)}
      parse={(f: ConditionsForm) => formToConditions(f)}
      mutation={api.shippingRules.setConditions}
      argName="conditions"
      onDone={onDone}
    >
      {(f, set, errors) => (
        <div className="form-grid">
          <TextField
            label="Channels"
            hint="Comma-separated, e.g. amazon, shopify. Empty: any."
            value={f.channels}
            onChange={(e) => set({ ...f, channels: e.target.value })}
          />
          <fieldset className="checks">
            <legend>Warehouses (none ticked: any)</legend>
            {warehouses.map((w) => (
              <label key={w._id}>
                <input
                  type="checkbox"
                  checked={f.warehouseIds.includes(w._id)}
                  onChange={(e) =>
                    set({
                      ...f,
                      warehouseIds: e.target.checked
                        ? [...f.warehouseIds, w._id]
                        : f.warehouseIds.filter((x) => x !== w._id),
                    })
                  }
                />
                {w.code}
              </label>
            ))}
          </fieldset>
          <TextField
            label="Countries"
            hint="Two-letter codes: US, CA"
            value={f.countries}
            onChange={(e) => set({ ...f, countries: e.target.value })}
            error={errors["conditions.countries"]}
          />
          <TextField
            label="States / regions"
            value={f.states}
            onChange={(e) => set({ ...f, states: e.target.value })}
          />
          <TextField
            label="Postal code prefixes"
            hint="e.g. 941, 10"
            value={f.postalPrefixes}
            onChange={(e) => set({ ...f, postalPrefixes: e.target.value })}
          />
          <div className="range">
            <TextField
              label="Weight from (g)"
              inputMode="numeric"
              value={f.weightMin}
              onChange={(e) => set({ ...f, weightMin: e.target.value })}
              error={errors["conditions.weightGrams"]}
            />
            <TextField
              label="to under (g)"
              inputMode="numeric"
              value={f.weightMax}
              onChange={(e) => set({ ...f, weightMax: e.target.value })}
            />
          </div>
          <div className="range">
            <TextField
              label="Order value from"
              inputMode="decimal"
              value={f.valueMin}
              onChange={(e) => set({ ...f, valueMin: e.target.value })}
              error={errors["conditions.orderValueMinor"]}
            />
            <TextField
              label="to under"
              inputMode="decimal"
              value={f.valueMax}
              onChange={(e) => set({ ...f, valueMax: e.target.value })}
            />
          </div>
        </div>
      )}
    </EditFrame>
  );
}

export function ActionEditor({ rule, onDone }: { rule: RuleView; onDone: () => void }) {
  return (
    <EditFrame
      rule={rule}
      title="Action"
      initial={(r) => actionToForm(r.action)}
      parse={(f: ActionForm) => formToAction(f)}
      mutation={api.shippingRules.setAction}
      argName="action"
      onDone={onDone}
    >
      {(f, set, errors) => (
        <div className="form-grid">
          <SelectField
            label="Choose"
            value={f.kind}
            onChange={(e) => set({ ...f, kind: e.target.value as ActionForm["kind"] })}
          >
            {Object.entries(ACTION_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </SelectField>
          {f.kind === "cheapest_within_days" && (
            <TextField
              label="Within days"
              inputMode="numeric"
              value={f.days}
              onChange={(e) => set({ ...f, days: e.target.value })}
              error={errors["action.days"]}
            />
          )}
          {f.kind === "lowest_emissions" && (
            <>
              <TextField
                label="At most % above the cheapest"
                inputMode="numeric"
                value={f.withinPct}
                onChange={(e) => set({ ...f, withinPct: e.target.value })}
                error={errors["action.withinPct"]}
              />
              <TextField
                label="At most days"
                inputMode="numeric"
                value={f.maxDays}
                onChange={(e) => set({ ...f, maxDays: e.target.value })}
                error={errors["action.maxDays"]}
              />
            </>
          )}
          {f.kind === "named" && (
            <>
              <TextField
                label="Carrier"
                value={f.carrier}
                onChange={(e) => set({ ...f, carrier: e.target.value })}
                error={errors["action.carrier"]}
              />
              <TextField
                label="Service (optional)"
                value={f.service}
                onChange={(e) => set({ ...f, service: e.target.value })}
              />
            </>
          )}
        </div>
      )}
    </EditFrame>
  );
}

export function ConstraintsEditor({ rule, onDone }: { rule: RuleView; onDone: () => void }) {
  return (
    <EditFrame
      rule={rule}
      title="Constraints"
      initial={(r) => constraintsToForm(r.constraints)}
      parse={(f: ConstraintsForm) => formToConstraints(f)}
      mutation={api.shippingRules.setConstraints}
      argName="constraints"
      onDone={onDone}
    >
      {(f, set, errors) => (
        <div className="form-grid">
          <TextField
            label="Never use carriers"
            hint="Comma-separated"
            value={f.excludeCarriers}
            onChange={(e) => set({ ...f, excludeCarriers: e.target.value })}
          />
          <TextField
            label="Most it may cost"
            inputMode="decimal"
            value={f.maxCost}
            onChange={(e) => set({ ...f, maxCost: e.target.value })}
            error={errors["constraints.maxCostMinor"]}
          />
          <SelectField
            label="Currency"
            value={f.currency}
            onChange={(e) => set({ ...f, currency: e.target.value })}
            error={errors["constraints.currency"]}
          >
            {["USD", "CAD", "GBP", "EUR"].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </SelectField>
        </div>
      )}
    </EditFrame>
  );
}
