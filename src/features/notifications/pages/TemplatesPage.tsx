/**
 * /notifications/templates — the messages customers get, edited by the operations team with a live
 * preview on sample data (a hostile order note included, to show values are escaped).
 */
import { useMemo, useState } from "react";
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
  FormError,
  Loading,
  PageHeader,
  TextAreaField,
  TextField,
  useToast,
} from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useMe } from "../../members/hooks/useMe";
import { roleAtLeast } from "../../../lib/roles";
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

function Editor({ template }: { template: Template }) {
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [enabled, setEnabled] = useState(template.enabled);
  const save = useAppMutation(api.notifications.saveTemplate);
  const toast = useToast();
  const allowed = PLACEHOLDERS[template.event];
  const problems = useMemo(
    () => ({ subject: templateProblems(subject, template.event), body: templateProblems(body, template.event) }),
    [subject, body, template.event],
  );
  const preview = useMemo(
    () =>
      template.channel === "email"
        ? renderEmail({ subject, body }, SAMPLE_DATA)
        : { subject: undefined, html: renderSms({ body }, SAMPLE_DATA) },
    [subject, body, template.channel],
  );
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
      <FormError message={Object.keys(save.fields).length ? undefined : save.error} />
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Send this message
      </label>
      {template.channel === "email" && (
        <TextField
          label="Subject"
          value={subject}
          error={problems.subject[0] ?? save.fields.subject}
          onChange={(e) => setSubject(e.target.value)}
        />
      )}
      <TextAreaField
        label={template.channel === "email" ? "Body (HTML)" : "Text"}
        rows={8}
        value={body}
        error={problems.body[0] ?? save.fields.body}
        onChange={(e) => setBody(e.target.value)}
      />
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
      <div className="form-actions">
        <Button
          variant="primary"
          loading={save.pending}
          disabled={problems.subject.length + problems.body.length > 0}
          onClick={async () => {
            const r = await save.attempt({
              event: template.event,
              channel: template.channel,
              subject,
              body,
              enabled,
              baseVersion: template.version,
            });
            if (r.ok) toast.show(`Saved as version ${r.value}.`, "success");
          }}
        >
          Save template
        </Button>
      </div>
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

function TrackingUrl({ url }: { url: string }) {
  const me = useMe();
  const [value, setValue] = useState(url);
  const save = useAppMutation(api.notifications.setTrackingPageUrl);
  const toast = useToast();
  if (!roleAtLeast(me?.role, "admin")) return null;
  return (
    <section className="card">
      <h2>Tracking page link</h2>
      <TextField
        label="Public address of the tracking page"
        value={value}
        hint="Filled into {{trackingPageUrl}}."
        error={save.fields.trackingPageUrl}
        onChange={(e) => setValue(e.target.value)}
      />
      <Button
        loading={save.pending}
        onClick={async () => {
          if ((await save.attempt({ url: value })).ok) toast.show("Tracking page link saved.", "success");
        }}
      >
        Save link
      </Button>
    </section>
  );
}
