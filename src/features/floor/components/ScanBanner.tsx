/**
 * The result of the last scan, big enough to read at arm's length: green when it counted, red when
 * it was refused (with the server's sentence), neutral before the first scan. Announced politely
 * to screen readers; `data-scan-state` lets tests and the e2e wait for a result.
 */
import type { ScanTone } from "../lib/feedback";

export function ScanBanner({
  tone,
  message,
  pending,
  seq,
}: {
  tone?: ScanTone;
  message: string;
  pending?: boolean;
  seq: number;
}) {
  const state = tone ?? "idle";
  return (
    <div
      className={`scan-banner scan-${state}`}
      role="status"
      aria-live="polite"
      data-scan-state={state}
      data-scan-seq={seq}
      aria-busy={pending || undefined}
    >
      <span className="scan-icon" aria-hidden>
        {tone === "ok" ? "✓" : tone === "refused" ? "✕" : "⌁"}
      </span>
      <span className="scan-message">
        {tone === "ok" && <span className="visually-hidden">Accepted: </span>}
        {tone === "refused" && <span className="visually-hidden">Refused: </span>}
        {message}
      </span>
      {pending && <span className="scan-pending">Checking…</span>}
    </div>
  );
}
