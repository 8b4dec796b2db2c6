/**
 * One filter of a list page: a labelled select whose first option is "all" (no filter). Choosing
 * it gives undefined, so the view removes the key from the URL.
 */
import { useId } from "react";

export function FilterSelect({
  label,
  value,
  all,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  /** The first option's words ("All statuses"). */
  all: string;
  /** [value, label] pairs, in the order shown. */
  options: readonly (readonly [string, string])[];
  onChange: (value: string | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Options from a list of values and their labels. */
export const optionsOf = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => [v, labels[v]] as const);
