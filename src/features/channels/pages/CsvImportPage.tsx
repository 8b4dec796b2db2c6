/**
 * /channels/import — CSV order import. The file is parsed in the browser (papaparse) and checked
 * row by row: the same rules as the server run here at once, then the server's preview adds the
 * catalog's verdict (SKU, currency) and says which orders already exist. Nothing is written until
 * Import, and Import stays off while any row that is not excluded has an error.
 */
import { useMemo, useState, type ChangeEvent } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { checkCsv, MAX_CSV_ROWS, type CsvField, type CsvRow } from "../../../../convex/lib/channels/csv";
import { formatMoney } from "../../../../convex/lib/money";
import { Badge, Button, EmptyState, FormError, Loading, PageHeader, useToast } from "../../../components/ui";
import { DataTable } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";
import { parseCsvText, readText, templateCsv } from "../lib/csvFile";
import { countOf } from "../../../lib/format";

type RowErrors = Partial<Record<CsvField, string>>;

export function CsvImportPage() {
  const toast = useToast();
  const [fileName, setFileName] = useState<string>();
  const [rows, setRows] = useState<CsvRow[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [unknown, setUnknown] = useState<string[]>([]);
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  const importCsv = useAppMutation(api.channels.importCsv);
  const tooMany = rows.length > MAX_CSV_ROWS;
  const excludedRows = useMemo(() => [...excluded].sort((a, b) => a - b), [excluded]);
  const preview = useQuery(api.channels.previewCsv, rows.length > 0 && !tooMany ? { rows, excludedRows } : "skip");
  // The browser's own check answers at once; the server's preview replaces it when it arrives.
  const local = useMemo(() => checkCsv(rows, new Set(excludedRows.map((n) => n - 2))), [rows, excludedRows]);
  const errors = new Map<number, RowErrors>(
    preview ? preview.rowErrors.map((r) => [r.row, r.errors]) : [...local.errors].map(([i, e]) => [i + 2, e]),
  );
  const toCreate = preview?.orders.filter((o) => !o.exists) ?? [];
  const existing = preview?.orders.filter((o) => o.exists) ?? [];
  const canImport = preview !== undefined && errors.size === 0 && toCreate.length > 0 && !importCsv.pending;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    importCsv.reset();
    setExcluded(new Set());
    if (!file) return;
    const parsed = parseCsvText(await readText(file));
    setFileName(file.name);
    setRows(parsed.rows);
    setProblems(parsed.problems);
    setUnknown(parsed.unknownHeaders);
  };
  const toggle = (row: number) =>
    setExcluded((s) => {
      const next = new Set(s);
      if (next.has(row)) next.delete(row);
      else next.add(row);
      return next;
    });
  const excludeAllWithErrors = () => setExcluded((s) => new Set([...s, ...errors.keys()]));
  const submit = async () => {
    const r = await importCsv.attempt({ rows, excludedRows });
    if (r.ok) {
      toast.show(
        `Imported ${countOf(r.value.created, "order")}${r.value.skipped ? `; ${r.value.skipped} ${r.value.skipped === 1 ? "was" : "were"} already imported` : ""}.`,
      );
      setRows([]);
      setFileName(undefined);
    }
  };

  return (
    <>
      <PageHeader title="Import orders from CSV">
        <p className="muted">
          <Link to="/channels">Channels</Link> · One row per order line; rows with the same <code>order_id</code> make
          one order.{" "}
          <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv())}`} download="orders-template.csv">
            Download a template
          </a>
          .
        </p>
      </PageHeader>
      <div className="field">
        <label htmlFor="csv-file">CSV file</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} />
      </div>
      {problems.length > 0 && <div className="notice notice-warning">{problems.join(" · ")}</div>}
      {unknown.length > 0 && <p className="muted">Ignored columns: {unknown.join(", ")}</p>}
      {tooMany && (
        <FormError message={`This file has ${rows.length} rows; import at most ${MAX_CSV_ROWS} at a time.`} />
      )}
      <FormError message={importCsv.error} />
      {rows.length === 0 ? (
        <EmptyState title={fileName ? "The file has no rows" : "Choose a file to preview"}>
          <p>Nothing is imported until you have seen the preview and pressed Import.</p>
        </EmptyState>
      ) : (
        <>
          <div className="filters" aria-live="polite">
            {preview === undefined ? (
              <Loading label="Checking against the catalog…" />
            ) : (
              <span>
                {countOf(toCreate.length, "order")} to import
                {existing.length > 0 && `, ${existing.length} already imported (skipped)`}
                {errors.size > 0 && (
                  <>
                    {" · "}
                    <strong className="field-error">{countOf(errors.size, "row")} with errors</strong>
                  </>
                )}
                {excluded.size > 0 && ` · ${excluded.size} excluded`}
              </span>
            )}
            {errors.size > 0 && (
              <Button size="sm" onClick={excludeAllWithErrors}>
                Exclude rows with errors
              </Button>
            )}
            <Button variant="primary" disabled={!canImport} onClick={() => void submit()}>
              {importCsv.pending ? "Importing…" : `Import ${countOf(toCreate.length, "order")}`}
            </Button>
          </div>
          <DataTable
            caption={`Rows of ${fileName ?? "the file"}`}
            columns={[
              { key: "row", header: "Row", priority: "primary", cell: ({ row }) => row },
              { key: "order", header: "Order", className: () => "mono", cell: ({ r }) => r.order_id ?? "—" },
              { key: "sku", header: "SKU", className: () => "mono", cell: ({ r }) => r.sku ?? "—" },
              { key: "qty", header: "Qty", align: "num", cell: ({ r }) => r.quantity ?? "—" },
              {
                key: "price",
                header: "Price",
                align: "num",
                cell: ({ r }) => `${r.unit_price ?? "—"} ${r.currency ?? ""}`.trimEnd(),
              },
              {
                key: "shipTo",
                header: "Ship to",
                cell: ({ r }) =>
                  [r.ship_city, r.ship_region, r.ship_postal_code, r.ship_country].filter(Boolean).join(", ") || "—",
              },
              {
                key: "check",
                header: "Check",
                className: () => "wide-cell",
                cell: ({ row }) => {
                  const e = errors.get(row);
                  return excluded.has(row) ? (
                    <Badge tone="muted">Excluded</Badge>
                  ) : e ? (
                    <ul className="row-errors">
                      {Object.entries(e).map(([f, msg]) => (
                        <li key={f} className="field-error">
                          <span className="mono">{f}</span>: {msg}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Badge tone="success">OK</Badge>
                  );
                },
              },
              {
                key: "exclude",
                header: "Exclude",
                cell: ({ row }) => (
                  <input
                    type="checkbox"
                    checked={excluded.has(row)}
                    onChange={() => toggle(row)}
                    aria-label={`Exclude row ${row}`}
                  />
                ),
              },
            ]}
            rows={rows.map((r, i) => ({ row: i + 2, r }))}
            rowKey={({ row }) => String(row)}
            rowClassName={({ row }) => (excluded.has(row) ? "muted" : undefined)}
            empty={{ title: "The file has no rows" }}
          />
          {toCreate.length > 0 && (
            <p className="muted">
              Orders:{" "}
              {toCreate
                .map((o) => `${o.externalId} (${countOf(o.units, "unit")}, ${formatMoney(o.totalMinor, o.currency)})`)
                .join(" · ")}
            </p>
          )}
        </>
      )}
    </>
  );
}
