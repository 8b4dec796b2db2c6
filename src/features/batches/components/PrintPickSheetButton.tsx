/** "Print sheet": a pick list's pick sheet (bins in walk order with barcodes) in the print dialog. */
import { useState } from "react";
import { useAction } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button } from "../../../components/ui";
import { errorMessage } from "../../../lib/errors";
import { printPdf } from "../lib/print";

export function PrintPickSheetButton({ pickListId, number }: { pickListId: Id<"pickLists">; number: string }) {
  const print = useAction(api.documents.pickSheet);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <>
      <Button
        variant="ghost"
        size="lg"
        loading={busy}
        aria-label={`Print the pick sheet of ${number}`}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          void print({ pickListId })
            .then((d) => printPdf(d.url))
            .catch((e: unknown) => setError(errorMessage(e)))
            .finally(() => setBusy(false));
        }}
      >
        Print sheet
      </Button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
