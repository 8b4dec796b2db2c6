/**
 * Print station (pack bench): scan an order number, a shipment number or a tote label and that
 * shipment's labels and packing slip open in the print dialog. Keyboard-wedge scanners type the
 * code and Enter into the focused field; the field takes the focus back after every print.
 */
import "../batches.css";
import { useRef, useState } from "react";
import { useAction } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import { Button, Field, FormError, PageHeader } from "../../../components/ui";
import { errorMessage } from "../../../lib/errors";
import { printPdf } from "../lib/print";

type Printed = FunctionReturnType<typeof api.documents.printCode>;

export function PrintStationPage() {
  const printCode = useAction(api.documents.printCode);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [last, setLast] = useState<Printed>();
  const input = useRef<HTMLInputElement>(null);
  const submit = async () => {
    const scanned = code.trim();
    if (!scanned) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await printCode({ code: scanned });
      setLast(r);
      printPdf(r.url);
    } catch (e) {
      setError(`${scanned}: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
      setCode("");
      input.current?.focus();
    }
  };
  return (
    <div className="print-station">
      <PageHeader title="Print station">
        <p className="muted">
          Scan the packing slip's order number, a shipment number or a tote label: its labels and slip print.
        </p>
      </PageHeader>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label="Scan or type a code">
          {(c) => (
            <input
              {...c}
              ref={input}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoFocus
              autoComplete="off"
              autoCapitalize="characters"
              maxLength={64}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" loading={busy} disabled={!code.trim()}>
          Print
        </Button>
      </form>
      <FormError message={error} />
      {last && (
        <p role="status" data-testid="printed">
          Printed {last.as}: {last.pages} pages.{" "}
          <a href={last.url} target="_blank" rel="noreferrer">
            Open the PDF
          </a>
        </p>
      )}
    </div>
  );
}
