/**
 * Binds a field component (`TextField`, `SelectField`, `TextAreaField`) to one string value of a
 * form on `useForm`: its value, the change that forgets the server's complaint about it, the
 * blur that lets its client error show, and that error. `path` names the field in errors when it
 * differs from the key (the server's "settings.shopDomain" for the value `shopDomain`).
 */
import type { ChangeEvent } from "react";

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export type FormLike<V> = {
  values: V;
  change: (path: string, update: (v: V) => V) => void;
  touch: (path: string) => void;
  error: (path: string) => string | undefined;
};

type StringKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;
type BooleanKeys<V> = { [K in keyof V]: V[K] extends boolean ? K : never }[keyof V] & string;

export function fieldProps<V, K extends StringKeys<V>>(form: FormLike<V>, key: K, path: string = key) {
  return {
    value: form.values[key] as string,
    onChange: (e: ChangeEvent<Control>) => form.change(path, (v) => ({ ...v, [key]: e.target.value })),
    onBlur: () => form.touch(path),
    error: form.error(path),
  };
}

/** A checkbox bound to one boolean value. */
export function checkboxProps<V, K extends BooleanKeys<V>>(form: FormLike<V>, key: K) {
  return {
    type: "checkbox" as const,
    checked: form.values[key] as boolean,
    onChange: (e: ChangeEvent<HTMLInputElement>) => form.change(key, (v) => ({ ...v, [key]: e.target.checked })),
  };
}

/** The server side of a form a page hosts (`FormHostProps`), for `useForm`. */
export function hostServer(host: {
  serverFields: Record<string, string>;
  clearServerField: (path: string) => void;
  serverError?: string;
}) {
  return { fields: host.serverFields, clearField: host.clearServerField, error: host.serverError };
}

/** A page's mutation state (`useAppMutation`) as the props a hosted form takes (`FormHostProps` less submit and cancel). */
export function hostedBy(m: {
  pending: boolean;
  error: string | undefined;
  fields: Record<string, string>;
  clearField: (path: string) => void;
}) {
  return { pending: m.pending, serverError: m.error, serverFields: m.fields, clearServerField: m.clearField };
}
