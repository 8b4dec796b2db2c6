/**
 * Starts a finance export for a period of whole UTC days (both included). The server pages
 * through the orders; the page's list shows its progress. The longest period is the server's
 * rule (model/finance/exports.ts), shown under "To" when it refuses.
 */
import { z } from "zod";
import { api } from "../../../../convex/_generated/api";
import { Button, FormError, TextField, useToast } from "../../../components/ui";
import { fieldProps } from "../../../lib/formFields";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useForm } from "../../../lib/useForm";
import { DAY, dayKey } from "../../../../convex/lib/clock";

/** [from, to) in UTC from two inclusive day fields; undefined when a field is not a date. */
export function periodOf(fromDay: string, toDay: string): { from: number; to: number } | undefined {
  const from = Date.parse(`${fromDay}T00:00:00Z`);
  const last = Date.parse(`${toDay}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(last)) return undefined;
  return { from, to: last + DAY };
}

const dayText = (problem: string) => z.string().refine((d) => Number.isFinite(Date.parse(`${d}T00:00:00Z`)), problem);
export const periodSchema = z
  .object({ from: dayText("Enter the first day as a date."), to: dayText("Enter the last day as a date.") })
  .transform(({ from, to }, ctx) => {
    const period = periodOf(from, to) ?? { from: 0, to: 0 };
    if (period.to <= period.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "The last day cannot come before the first." });
    return period;
  });

export function FinanceExportForm() {
  const start = useAppMutation(api.finance.start);
  const toast = useToast();
  const today = dayKey(Date.now());
  const f = useForm(() => ({ from: dayKey(Date.now() - 29 * DAY), to: today }), periodSchema, start);
  const submit = async (period: { from: number; to: number }) => {
    if ((await start.attempt(period)).ok) toast.show("Export started: it pages through the orders on the server.");
  };
  return (
    <form className="card form-grid" aria-label="New finance export" {...f.formProps((period) => void submit(period))}>
      <TextField label="From (day)" type="date" max={today} {...fieldProps(f, "from")} />
      <TextField label="To (day, included)" type="date" {...fieldProps(f, "to")} />
      <div>
        <Button type="submit" disabled={start.pending} aria-busy={start.pending || undefined}>
          {start.pending ? "Starting…" : "Export"}
        </Button>
      </div>
      <FormError message={f.formError} />
    </form>
  );
}
