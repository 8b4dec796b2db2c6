/**
 * Admins: "Check stock integrity" runs the truth check (convex/invariants.ts `check`, the same
 * report as `npx convex run invariants:verifyInvariants`) and lists each broken invariant with where
 * and by how much. It reads every row, so it is a button, not a live query.
 */
import { useState } from "react";
import { useAction } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { Button, FormError, Table } from "../../../components/ui";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";

type Report = Awaited<ReturnType<ReturnType<typeof useAction<typeof api.invariants.check>>>>;

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
          <Table
            caption={`${report.violations.length}${report.truncated ? "+" : ""} broken invariant(s), ${formatDateTime(report.at)}`}
          >
            <thead>
              <tr>
                <th scope="col">Invariant</th>
                <th scope="col">Where</th>
                <th scope="col" className="num">
                  By
                </th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {report.violations.map((v, i) => (
                <tr key={i}>
                  <td data-label="Invariant" className="mono">
                    {v.invariant}
                  </td>
                  <td data-label="Where">{v.where}</td>
                  <td data-label="By" className="num">
                    {v.by ?? "—"}
                  </td>
                  <td data-label="What">{v.message}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </section>
  );
}
