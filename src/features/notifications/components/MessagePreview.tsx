/**
 * Shows a rendered message the way the customer gets it. Email HTML goes into a sandboxed iframe
 * (no scripts, no same-origin), so even a template mistake cannot run anything in the app.
 */
export function MessagePreview({
  channel,
  subject,
  body,
  title,
}: {
  channel: "email" | "sms";
  subject?: string;
  body: string;
  title: string;
}) {
  if (channel === "sms")
    return (
      <p className="sms-preview" aria-label={title}>
        {body}
      </p>
    );
  return (
    <div>
      {subject !== undefined && (
        <p>
          <strong>Subject:</strong> {subject}
        </p>
      )}
      <iframe
        className="preview-frame"
        title={title}
        sandbox=""
        srcDoc={`<!doctype html><meta charset="utf-8"><body style="font-family:system-ui,sans-serif">${body}</body>`}
      />
    </div>
  );
}
