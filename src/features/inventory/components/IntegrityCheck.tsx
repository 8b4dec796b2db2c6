/**
 * Admins: "Check stock integrity" runs the truth check (convex/invariants.ts `check`, the same
 * report as `npx convex run invariants:verifyInvariants`) and lists each broken invariant with where
 * and by how much. It reads every row, so it is a button, not a live query.
 */
import { useState } from "react";
import { useAction } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { Button, FormError } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";

type Report = Awaited<ReturnType<ReturnType<typeof useAction<typeof api.invariants.check>>>>;

type Violation = { i: number; v: NonNullable<Report>["violations"][number] };

const violationColumns: Column<Violation>[] = [
  { key: "invariant", header: "Invariant", priority: "primary", className: () => "mono", cell: ({ v }) => v.invariant },
  { key: "where", header: "Where", cell: ({ v }) => v.where },
  { key: "by", header: "By", align: "num", cell: ({ v }) => v.by ?? "—" },
  { key: "what", header: "What", cell: ({ v }) => v.message },
];

export function IntegrityCheck() {
  const check = useAction(api.invariants.check);
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      setReport(await check({}));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="integrity-title">
      <h2 id="integrity-title">Stock integrity</h2>
      <p className="muted">
        Proves every invariant: reserved = open shipment lines = what orders claim, on hand = the ledger, line
        arithmetic, status and exception queue agree, one charge per label. Reads every row; run it while writes are
        quiet.
      </p>
      <div>
        <Button onClick={run} disabled={running} aria-busy={running}>
          {running ? "Checking…" : "Check stock integrity"}
        </Button>
      </div>
      <FormError message={error} />
      <div aria-live="polite">
        {report && report.ok && (
          <p role="status">
            All invariants hold over {report.checked.toLocaleString("en-US")} rows ({formatDateTime(report.at)}).
          </p>
        )}
        {report && !report.ok && (
          <DataTable
            caption={`${report.violations.length}${report.truncated ? "+" : ""} broken invariant(s), ${formatDateTime(report.at)}`}
            columns={violationColumns}
            rows={report.violations.map((v, i) => ({ i, v }))}
            rowKey={({ i }) => String(i)}
            empty={{ title: "No broken invariant" }}
          />
        )}
      </div>
    </section>
  );
}
