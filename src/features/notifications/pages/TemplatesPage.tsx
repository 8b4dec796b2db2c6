/**
 * /notifications/templates — the messages customers get, edited by the operations team with a live
 * preview on sample data (a hostile order note included, to show values are escaped).
 */
import { useMemo, useState, type ChangeEvent } from "react";
import { z } from "zod";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { renderEmail, renderSms, templateProblems } from "../../../../convex/lib/notifications/render";
import {
  EVENT_LABELS,
  PLACEHOLDERS,
  SAMPLE_DATA,
  type NotificationChannel,
  type NotificationEvent,
} from "../../../../convex/lib/notifications/templates";
import type { Template } from "../../../lib/api-types";
import {
  Badge,
  Button,
  FormActions,
  FormError,
  Loading,
  PageHeader,
  TextAreaField,
  TextField,
  useToast,
} from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { checkboxProps, fieldProps } from "../../../lib/formFields";
import { useForm, type Validation } from "../../../lib/useForm";
import { useMe } from "../../members/hooks/useMe";
import { roleAtLeast } from "../../../../convex/lib/roles";
import { isWebAddress } from "../../../../convex/lib/address";
import { MessagePreview } from "../components/MessagePreview";
import "../../exceptions/exceptions.css";

export function TemplatesPage() {
  const data = useQuery(api.notifications.templates, {});
  const [selected, setSelected] = useState<{ event: NotificationEvent; channel: NotificationChannel }>({
    event: "order_confirmed",
    channel: "email",
  });
  if (data === undefined) return <Loading label="Loading templates…" />;
  const current = data.templates.find((t) => t.event === selected.event && t.channel === selected.channel)!;
  return (
    <>
      <PageHeader title="Customer messages">
        <p className="muted">
          What customers receive at each step. Placeholders in double braces are filled per order; customer data is
          always escaped.
        </p>
      </PageHeader>
      <div className="template-layout">
        <nav aria-label="Templates" className="card">
          <ul className="template-list">
            {data.templates.map((t) => (
              <li key={`${t.event}:${t.channel}`}>
                <button
                  type="button"
                  aria-current={t === current ? "true" : undefined}
                  onClick={() => setSelected({ event: t.event, channel: t.channel })}
                >
                  <span>
                    {EVENT_LABELS[t.event]} <span className="muted">· {t.channel === "email" ? "Email" : "SMS"}</span>
                  </span>
                  {t.enabled ? <Badge tone="success">on</Badge> : <Badge tone="muted">off</Badge>}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <Editor key={`${current.event}:${current.channel}:${current.version}`} template={current} />
      </div>
      <TrackingUrl url={data.trackingPageUrl} />
    </>
  );
}

type TemplateValues = { subject: string; body: string; enabled: boolean };

/** The renderer's own checks (unknown placeholders, unclosed sections), the first of each field. */
function templateValidator(event: NotificationEvent) {
  return (v: TemplateValues): Validation<TemplateValues> => {
    const errors: Record<string, string> = {};
    const [subject] = templateProblems(v.subject, event);
    const [body] = templateProblems(v.body, event);
    if (subject) errors.subject = subject;
    if (body) errors.body = body;
    return Object.keys(errors).length ? { errors } : { errors, input: v };
  };
}

function Editor({ template }: { template: Template }) {
  const save = useAppMutation(api.notifications.saveTemplate);
  const f = useForm(
    { subject: template.subject, body: template.body, enabled: template.enabled },
    templateValidator(template.event),
    save,
  );
  const { subject, body } = f.values;
  const toast = useToast();
  const allowed = PLACEHOLDERS[template.event];
  const preview = useMemo(
    () =>
      template.channel === "email"
        ? renderEmail({ subject, body }, SAMPLE_DATA)
        : { subject: undefined, html: renderSms({ body }, SAMPLE_DATA) },
    [subject, body, template.channel],
  );
  /** A template's problem shows as it is typed (the preview follows the text too). */
  const live = (key: "subject" | "body") => {
    const bound = fieldProps(f, key);
    return {
      ...bound,
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => (bound.onChange(e), f.touch(key)),
    };
  };
  const submit = async (input: TemplateValues) => {
    const r = await save.attempt({
      event: template.event,
      channel: template.channel,
      ...input,
      baseVersion: template.version,
    });
    if (r.ok) toast.show(`Saved as version ${r.value}.`, "success");
  };
  return (
    <section className="card" aria-label="Template editor">
      <h2>
        {EVENT_LABELS[template.event]} · {template.channel === "email" ? "Email" : "SMS"}
      </h2>
      <p className="muted">
        {template.version === 0
          ? "Default template, never edited."
          : `Version ${template.version}, saved by ${template.updatedBy}.`}
      </p>
      <form {...f.formProps((input) => void submit(input))}>
        <FormError message={f.formError} />
        <label className="checkbox">
          <input {...checkboxProps(f, "enabled")} /> Send this message
        </label>
        {template.channel === "email" && <TextField label="Subject" {...live("subject")} />}
        <TextAreaField label={template.channel === "email" ? "Body (HTML)" : "Text"} rows={8} {...live("body")} />
        <p className="placeholder-help muted">
          Placeholders:{" "}
          {allowed.scalars.map((p) => (
            <code key={p}>{`{{${p}}}`}</code>
          ))}
          {Object.entries(allowed.sections).map(([list, fields]) => (
            <span key={list}>
              {" "}
              List <code>{`{{#${list}}}…{{/${list}}}`}</code> with{" "}
              {fields.map((f) => (
                <code key={f}>{`{{${f}}}`}</code>
              ))}
            </span>
          ))}
        </p>
        <FormActions submitLabel="Save template" pending={save.pending} />
      </form>
      <h3>Live preview</h3>
      <MessagePreview
        channel={template.channel}
        subject={preview.subject}
        body={preview.html}
        title="Message preview"
      />
    </section>
  );
}

export const trackingUrlSchema = z.object({
  trackingPageUrl: z
    .string()
    .trim()
    .refine(isWebAddress, "Enter the full address, e.g. https://shop.example.com/track."),
});

function TrackingUrl({ url }: { url: string }) {
  const me = useMe();
  const save = useAppMutation(api.notifications.setTrackingPageUrl);
  const f = useForm({ trackingPageUrl: url }, trackingUrlSchema, save);
  const toast = useToast();
  if (!roleAtLeast(me?.role, "admin")) return null;
  const submit = async ({ trackingPageUrl }: z.output<typeof trackingUrlSchema>) => {
    if ((await save.attempt({ url: trackingPageUrl })).ok) toast.show("Tracking page link saved.", "success");
  };
  return (
    <section className="card">
      <h2>Tracking page link</h2>
      <form {...f.formProps((input) => void submit(input))}>
        <FormError message={f.formError} />
        <TextField
          label="Public address of the tracking page"
          type="url"
          hint="Filled into {{trackingPageUrl}}."
          {...fieldProps(f, "trackingPageUrl")}
        />
        <Button type="submit" loading={save.pending}>
          Save link
        </Button>
      </form>
    </section>
  );
}
