/**
 * A labelled input with its inline error. The error is tied to the input with aria-describedby
 * and marks it aria-invalid, so screen readers announce it with the field.
 */
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { STRING_LIMITS, type StringKind } from "../../../convex/lib/bounds";

export type ControlProps = { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

export type FieldProps = {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  id?: string;
  children: (control: ControlProps) => ReactNode;
};

export function Field({ label, error, hint, required, className, id, children }: FieldProps) {
  const auto = useId();
  const controlId = id ?? `f${auto.replace(/:/g, "")}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["field", error ? "field-invalid" : "", className].filter(Boolean).join(" ")}>
      <label htmlFor={controlId}>
        {label}
        {required && (
          <span className="required" aria-hidden>
            {" "}
            *
          </span>
        )}
      </label>
      {children({ id: controlId, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

type Common = {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** The kind of text (convex/lib/bounds STRING_LIMITS): the input takes no more than the server does. */
  limit?: StringKind;
};

/** The server's limit for the field: the kind named, else by input type, else a note's. */
function maxLengthOf(limit: StringKind | undefined, type: string | undefined, explicit: number | undefined) {
  if (explicit !== undefined) return explicit;
  if (limit) return STRING_LIMITS[limit];
  if (type === "email") return STRING_LIMITS.email;
  if (type === "tel") return STRING_LIMITS.phone;
  if (type === "url") return STRING_LIMITS.url;
  return STRING_LIMITS.note;
}

/**
 * A field component: the Field's props (label, hint, error, id, required, class) taken from the
 * rest, which `render` draws as the control with the id and state the Field gives it.
 */
function fieldComponent<A extends { required?: boolean; id?: string }>(
  render: (control: A & ControlProps, limit: StringKind | undefined) => ReactNode,
) {
  return function FieldComponent({ label, error, hint, className, required, id, limit, ...control }: Common & A) {
    return (
      <Field label={label} error={error} hint={hint} required={required} className={className} id={id}>
        {(c) => render({ ...control, ...c, required } as unknown as A & ControlProps, limit)}
      </Field>
    );
  };
}

export const TextField = fieldComponent<InputHTMLAttributes<HTMLInputElement>>((input, limit) => (
  <input {...input} maxLength={maxLengthOf(limit, input.type, input.maxLength)} />
));

export const SelectField = fieldComponent<SelectHTMLAttributes<HTMLSelectElement>>((select) => <select {...select} />);

export const TextAreaField = fieldComponent<TextareaHTMLAttributes<HTMLTextAreaElement>>((area, limit) => (
  <textarea {...area} maxLength={maxLengthOf(limit, undefined, area.maxLength)} />
));

/** A form-level message: the summary of a refusal, announced when it appears. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      {message}
    </div>
  );
}
