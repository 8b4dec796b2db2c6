/**
 * The three editable parts of a rule (conditions, action, constraints), each its own form saved
 * by its own mutation against the version the editor started from. While someone else saves the
 * same rule, the open form says so; a save against the old version comes back refused with the
 * newer value, and "Start from the newer version" reloads the form.
 * Focus: an editor takes the focus on its first field when it opens; Escape cancels it; when it
 * closes (saved or cancelled) RuleCard gives the focus back to the button that opened it.
 */
import { cleanRulePatch } from "../../../../convex/lib/shipping/rules";
import { Fragment, useEffect, useState, type ReactNode } from "react";
import type { FunctionReference } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { CURRENCIES } from "../../../../convex/lib/money";
import type { StringKind } from "../../../../convex/lib/bounds";
import { Button, FormError, SelectField, TextField } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useForm, type Validation } from "../../../lib/useForm";
import { ACTION_LABELS, RULE_PARTS, type ActionForm, type ConditionsForm, type Parsed } from "../lib/ruleForm";
import type { RuleView } from "./RuleCard";

export type EditField = "name" | "conditions" | "action" | "constraints";
type Versioned = { ruleId: Id<"shippingRules">; expectedVersion: number };

/** The form's state as a field reads and changes it; `errors` by the server's field paths. */
type FormState<F> = { form: F; set: (f: F) => void; errors: Record<string, string> };
type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

/** A text input of the form: its field, words, the server's path of its error, and when it shows. */
type TextSpec<F> = {
  field: TextKey<F>;
  label: string;
  hint?: string;
  inputMode?: "numeric" | "decimal";
  limit?: StringKind;
  errorAt?: string;
  when?: (f: F) => boolean;
};
/** A choice among `options` ([value, label]). */
type SelectSpec<F> = TextSpec<F> & { options: readonly (readonly [string, string])[] };
/** One item of an editor: a field, two fields side by side (a range), or a part of its own. */
type Item<F> = TextSpec<F> | SelectSpec<F> | { range: [TextSpec<F>, TextSpec<F>] } | ((s: FormState<F>) => ReactNode);

/** An editor of one part of a rule: the mutation that saves it (taking the part under `part`) and its fields. */
type EditorSpec<F, V> = {
  part: EditField;
  title: string;
  initial: (r: RuleView) => F;
  parse: (f: F) => Parsed<V>;
  mutation: FunctionReference<"mutation", "public", Versioned & Record<string, unknown>>;
  /** Fields laid out on a grid (all but a one-field editor). */
  grid: boolean;
  items: Item<F>[];
};

function Fields<F>({ items, state }: { items: Item<F>[]; state: FormState<F> }) {
  const { form, set, errors } = state;
  return items.map((item, i) => {
    if (typeof item === "function") return <Fragment key={i}>{item(state)}</Fragment>;
    if ("range" in item)
      return (
        <div key={i} className="range">
          <Fields items={item.range} state={state} />
        </div>
      );
    if (item.when && !item.when(form)) return null;
    const common = {
      label: item.label,
      hint: item.hint,
      value: form[item.field] as string,
      error: item.errorAt && errors[item.errorAt],
    };
    if ("options" in item)
      return (
        <SelectField key={item.field} {...common} onChange={(e) => set({ ...form, [item.field]: e.target.value })}>
          {item.options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      );
    return (
      <TextField
        key={item.field}
        {...common}
        inputMode={item.inputMode}
        limit={item.limit}
        onChange={(e) => set({ ...form, [item.field]: e.target.value })}
      />
    );
  });
}

/**
 * The one rule editor: shows who changed the rule meanwhile, the save error, Save / Cancel / reload;
 * takes the focus on its first field; Escape cancels.
 */
function RuleEditor<F, V>({ spec, rule, onDone }: { spec: EditorSpec<F, V>; rule: RuleView; onDone: () => void }) {
  const [version, setVersion] = useState(rule.version);
  const save = useAppMutation(spec.mutation);
  const { parse } = spec;
  const validate = (f: F): Validation<V> => {
    const p = parse(f);
    return p.ok ? { errors: {}, input: p.value } : { errors: p.errors };
  };
  const f = useForm(() => spec.initial(rule), validate, save);
  const state = {
    form: f.values,
    set: (next: F) => f.setValues(next),
    errors: { ...save.fields, ...(f.tried ? f.errors : {}) },
  };
  const changedMeanwhile = rule.version !== version;
  const formRef = f.formRef;
  useEffect(() => {
    const form = formRef.current;
    if (form && !form.contains(document.activeElement))
      form.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, [formRef]);
  const submit = async (value: V) => {
    const r = await save.attempt({ ruleId: rule._id, expectedVersion: version, [spec.part]: value });
    if (r.ok) onDone();
  };
  const fields = <Fields items={spec.items} state={state} />;
  return (
    <form
      ref={formRef}
      className="rule-edit"
      aria-label={`${spec.title} of ${rule.name}`}
      onSubmit={f.handleSubmit((value) => void submit(value))}
      noValidate
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        e.stopPropagation();
        onDone();
      }}
    >
      {changedMeanwhile && !save.error && (
        <p className="notice" role="status">
          {rule.updatedByName} saved this rule while you were editing (now version {rule.version}). Saving yours will be
          refused unless you start from the newer version.
        </p>
      )}
      {spec.grid ? <div className="form-grid">{fields}</div> : fields}
      <FormError message={save.error} />
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={save.pending}>
          Save {spec.title.toLowerCase()}
        </Button>
        {changedMeanwhile && (
          <Button
            onClick={() => {
              f.reset(spec.initial(rule));
              setVersion(rule.version);
              save.reset();
            }}
          >
            Start from the newer version
          </Button>
        )}
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

type Warehouse = { _id: Id<"warehouses">; code: string; name: string };
type EditorProps = { rule: RuleView; onDone: () => void };

const NAME: EditorSpec<{ name: string }, string> = {
  part: "name",
  title: "Name",
  initial: (r) => ({ name: r.name }),
  // The server's own rule (lib/shipping/rules.ts cleanRulePatch): a name, at most 80 characters.
  parse: ({ name }) => {
    const { out, errors } = cleanRulePatch({ name });
    return errors.name ? { ok: false, errors } : { ok: true, value: out.name! };
  },
  mutation: api.shippingRules.rename,
  grid: false,
  items: [{ field: "name", label: "Rule name", limit: "name", errorAt: "name" }],
};

/** Ticks a rule's warehouses (none ticked: any). */
function WarehouseChecks({ warehouses, state }: { warehouses: Warehouse[]; state: FormState<ConditionsForm> }) {
  const { form: f, set } = state;
  return (
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
                warehouseIds: e.target.checked ? [...f.warehouseIds, w._id] : f.warehouseIds.filter((x) => x !== w._id),
              })
            }
          />
          {w.code}
        </label>
      ))}
    </fieldset>
  );
}

type Part = keyof typeof RULE_PARTS;
type FormOf<P extends Part> = ReturnType<(typeof RULE_PARTS)[P]["toForm"]>;

/** The editor of one of the rule's parts (conditions, action, constraints): read and parsed by RULE_PARTS. */
function partEditor<P extends Part>(
  part: P,
  spec: Pick<EditorSpec<FormOf<P>, unknown>, "title" | "mutation" | "items">,
): EditorSpec<FormOf<P>, unknown> {
  const { toForm, parse } = RULE_PARTS[part] as unknown as {
    toForm: (value: RuleView[P]) => FormOf<P>;
    parse: (f: FormOf<P>) => Parsed<unknown>;
  };
  return { part, initial: (r) => toForm(r[part]), parse, grid: true, ...spec };
}

const conditions = (warehouses: Warehouse[]) =>
  partEditor("conditions", {
    title: "Conditions",
    mutation: api.shippingRules.setConditions,
    items: [
      { field: "channels", label: "Channels", hint: "Comma-separated, e.g. amazon, shopify. Empty: any." },
      (state) => <WarehouseChecks warehouses={warehouses} state={state} />,
      { field: "countries", label: "Countries", hint: "Two-letter codes: US, CA", errorAt: "conditions.countries" },
      { field: "states", label: "States / regions" },
      { field: "postalPrefixes", label: "Postal code prefixes", hint: "e.g. 941, 10" },
      {
        range: [
          { field: "weightMin", label: "Weight from (g)", inputMode: "numeric", errorAt: "conditions.weightGrams" },
          { field: "weightMax", label: "to under (g)", inputMode: "numeric" },
        ],
      },
      {
        range: [
          { field: "valueMin", label: "Order value from", inputMode: "decimal", errorAt: "conditions.orderValueMinor" },
          { field: "valueMax", label: "to under", inputMode: "decimal" },
        ],
      },
    ],
  });

const kindIs =
  (kind: ActionForm["kind"]) =>
  (f: ActionForm): boolean =>
    f.kind === kind;

const ACTION = partEditor("action", {
  title: "Action",
  mutation: api.shippingRules.setAction,
  items: [
    { field: "kind", label: "Choose", options: Object.entries(ACTION_LABELS) },
    {
      field: "days",
      label: "Within days",
      inputMode: "numeric",
      errorAt: "action.days",
      when: kindIs("cheapest_within_days"),
    },
    {
      field: "withinPct",
      label: "At most % above the cheapest",
      inputMode: "numeric",
      errorAt: "action.withinPct",
      when: kindIs("lowest_emissions"),
    },
    {
      field: "maxDays",
      label: "At most days",
      inputMode: "numeric",
      errorAt: "action.maxDays",
      when: kindIs("lowest_emissions"),
    },
    { field: "carrier", label: "Carrier", errorAt: "action.carrier", when: kindIs("named") },
    { field: "service", label: "Service (optional)", when: kindIs("named") },
  ],
});

const CONSTRAINTS = partEditor("constraints", {
  title: "Constraints",
  mutation: api.shippingRules.setConstraints,
  items: [
    { field: "excludeCarriers", label: "Never use carriers", hint: "Comma-separated" },
    { field: "maxCost", label: "Most it may cost", inputMode: "decimal", errorAt: "constraints.maxCostMinor" },
    {
      field: "currency",
      label: "Currency",
      errorAt: "constraints.currency",
      options: CURRENCIES.map((c) => [c, c] as const),
    },
  ],
});

export const NameEditor = (props: EditorProps) => <RuleEditor spec={NAME} {...props} />;
export const ActionEditor = (props: EditorProps) => <RuleEditor spec={ACTION} {...props} />;
export const ConstraintsEditor = (props: EditorProps) => <RuleEditor spec={CONSTRAINTS} {...props} />;
export function ConditionsEditor({ warehouses, ...props }: EditorProps & { warehouses: Warehouse[] }) {
  return <RuleEditor spec={conditions(warehouses)} {...props} />;
}
