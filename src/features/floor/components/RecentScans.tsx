/** The last scans on a list or shipment (who, what, result, when), newest first. */
import type { Doc } from "../../../../convex/_generated/dataModel";
import { Badge } from "../../../components/ui";
import { toneOf } from "../lib/feedback";

const time = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", second: "2-digit" });

export function RecentScans({ scans }: { scans: Doc<"scanEvents">[] }) {
  if (scans.length === 0) return null;
  return (
    <details className="card">
      <summary>Recent scans ({scans.length})</summary>
      <ul className="recent-scans">
        {scans.map((s) => (
          <li key={s._id}>
            <Badge tone={s.result === "short" ? "warning" : toneOf(s.result) === "ok" ? "success" : "danger"}>
              {s.result.replace("_", " ")}
            </Badge>
            <span className="mono">{s.code || "—"}</span>
            <span>{s.message}</span>
            <span className="muted">
              {s.memberName}, {time.format(new Date(s.at))}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
