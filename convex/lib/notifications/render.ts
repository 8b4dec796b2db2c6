/**
 * Template rendering, pure. Syntax: `{{name}}` for a value and `{{#list}}…{{/list}}` for a list
 * (one level; inside, item fields by name). There is no raw/unescaped form: in HTML every value
 * is entity-escaped, in text (subjects, SMS) control characters and line breaks are removed, so
 * nothing a customer typed — an order note, a name — can become markup or a header.
 */
import { PLACEHOLDERS, type NotificationEvent } from "./templates";

export type Scalar = string | number | undefined;
export type TemplateData = Record<string, Scalar | Record<string, Scalar>[]>;
export type Mode = "html" | "text";

const TOKEN = /\{\{\s*([#/]?)([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** One line of plain text: control characters (CR/LF included) become spaces. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, " ");
}

function value(v: Scalar, mode: Mode) {
  const s = v === undefined ? "" : String(v);
  return mode === "html" ? escapeHtml(s) : cleanText(s);
}

/** Renders a template with data; unknown names render empty. */
export function renderTemplate(template: string, data: TemplateData, mode: Mode): string {
  let out = "";
  let last = 0;
  let section: { name: string; start: number } | null = null;
  for (const m of template.matchAll(TOKEN)) {
    const [whole, sigil, name] = m;
    const at = m.index;
    if (section) {
      if (sigil === "/" && name === section.name) {
        const inner = template.slice(section.start, at);
        const items = data[name];
        if (Array.isArray(items)) for (const item of items) out += renderTemplate(inner, { ...item }, mode);
        section = null;
        last = at + whole.length;
      }
      continue;
    }
    out += template.slice(last, at);
    last = at + whole.length;
    if (sigil === "#") section = { name, start: last };
    else if (sigil === "") {
      const v = data[name];
      out += Array.isArray(v) ? "" : value(v, mode);
    }
  }
  if (!section) out += template.slice(last);
  return out;
}

/** Problems with a template for an event: unknown placeholders, unbalanced or nested sections. */
export function templateProblems(template: string, event: NotificationEvent): string[] {
  const allowed = PLACEHOLDERS[event];
  const problems: string[] = [];
  let section: string | null = null;
  for (const m of template.matchAll(TOKEN)) {
    const [, sigil, name] = m;
    if (sigil === "#") {
      if (section) problems.push(`{{#${name}}} cannot be inside {{#${section}}}.`);
      else if (!allowed.sections[name])
        problems.push(
          `{{#${name}}} is not a list for this message; lists: ${Object.keys(allowed.sections).join(", ") || "none"}.`,
        );
      section = name;
    } else if (sigil === "/") {
      if (section !== name) problems.push(`{{/${name}}} closes nothing.`);
      section = null;
    } else {
      const ok = section ? (allowed.sections[section] ?? []).includes(name) : allowed.scalars.includes(name);
      if (!ok)
        problems.push(
          `{{${name}}} is not available here; use ${section ? (allowed.sections[section] ?? []).join(", ") : allowed.scalars.join(", ")}.`,
        );
    }
  }
  if (section) problems.push(`{{#${section}}} is never closed.`);
  const stray = template.replace(TOKEN, "").match(/\{\{|\}\}/);
  if (stray) problems.push("A placeholder is malformed: use {{name}}.");
  return [...new Set(problems)];
}

/** The email's subject (text), HTML body and a plain-text alternative. */
export function renderEmail(t: { subject: string; body: string }, data: TemplateData) {
  const html = renderTemplate(t.body, data, "html");
  const text = renderTemplate(
    t.body
      .replace(/<\/(p|li|h\d)>/gi, "\n")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<[^>]*>/g, ""),
    data,
    "text",
  );
  return { subject: renderTemplate(t.subject, data, "text").trim(), html, text: text.trim() };
}

/** An SMS: one text, at most 1,600 characters (the provider's limit). */
export function renderSms(t: { body: string }, data: TemplateData) {
  return renderTemplate(t.body, data, "text").replace(/\s+/g, " ").trim().slice(0, 1600);
}
