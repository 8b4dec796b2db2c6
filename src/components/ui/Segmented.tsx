import type { ReactNode } from "react";

/** A row of toggle buttons choosing one of `options` (pressed: the one chosen), named by `label`. */
export function Segmented<T extends string | number>({
  label,
  options,
  value,
  onChange,
  text,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  /** An option's words on its button. */
  text: (option: T) => ReactNode;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          className={o === value ? "active" : undefined}
          aria-pressed={o === value}
          onClick={() => onChange(o)}
        >
          {text(o)}
        </button>
      ))}
    </div>
  );
}
