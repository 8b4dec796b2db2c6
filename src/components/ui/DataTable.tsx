/**
 * The one table of the app's lists (issue 18 point 4, issue 19 point 3): column definitions in,
 * a real <table> out (caption, header cells with scope, sortable headers as buttons with
 * aria-sort), loading / error / empty states, "Load more" for paginated data, column visibility
 * toggles, and checkbox selection (row, page, and "select all matching" through the server).
 *
 * Phones (≤ 700 px): each row becomes a card. Primary columns lead the card; secondary columns are
 * stacked under them as label → value lines. Columns marked `wide` are hidden there unless shown
 * in the column menu. Pages own the data (a view); this component only takes props.
 */
import { Fragment, useId, type ReactNode } from "react";
import { EmptyState } from "./EmptyState";
import { ErrorState } from "./ErrorState";
import { Loading } from "./Spinner";
import { LoadMore } from "./LoadMore";
import type { FetchIdPage, Selection } from "./selection";
import "./dataTable.css";
import { countOf } from "../../lib/format";

export type Column<T> = {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** primary: the card's heading on phones; secondary (default): a labelled line in the card. */
  priority?: "primary" | "secondary";
  /** Numbers: right-aligned, tabular figures. */
  align?: "num";
  /** Hidden until the reader shows it in the column menu (a secondary detail). */
  defaultHidden?: boolean;
  /** false: always shown and not in the column menu. */
  hideable?: boolean;
  /** When set, the header is a button that sorts by this key. */
  sortKey?: string;
  className?: (row: T) => string | undefined;
  /** A class on the header and every cell of the column (its width, say). */
  columnClass?: string;
  /** The cell names its row for screen readers (`<th scope="row">`). */
  rowHeader?: boolean;
  /** `data-testid` on each of the column's cells (browser journeys read figures by it). */
  testId?: string;
};

export type PageStatus = "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";
export type Sort = { key: string; dir: "asc" | "desc" };

/** A long text in a cell: cut to the column's width (`.cell-text`), whole in its title. */
export function CellText({ text }: { text: string }) {
  return (
    <span className="cell-text" title={text}>
      {text}
    </span>
  );
}

/** Keys of the columns shown when no one chose: every column not `defaultHidden`. */
export function defaultColumns<T>(columns: readonly Column<T>[]): string[] {
  return columns.filter((c) => !c.defaultHidden).map((c) => c.key);
}

export type DataTableProps<T> = {
  caption: string;
  columns: readonly Column<T>[];
  /** undefined while the first page loads. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  /** What a row is called in the selection's words ("order"). */
  noun?: string;
  error?: unknown;
  onRetry?: () => void;
  /** Shown when there are no rows: a title, and optionally a call to action. */
  empty: { title: string; body?: ReactNode };
  loadingLabel?: string;
  pagination?: { status: PageStatus; onLoadMore: () => void };
  /** Visible column keys; with onVisibleChange the column menu is shown. */
  visible?: readonly string[];
  onVisibleChange?: (keys: string[]) => void;
  sort?: Sort;
  onSort?: (key: string) => void;
  selection?: Selection;
  /** With a selection: fetches the ids matching the list's filter, a page per call. */
  fetchMatching?: FetchIdPage;
  rowClassName?: (row: T) => string | undefined;
  /** A row's expanded detail (a preview, a form), shown on a full-width row under it; null for none. */
  rowDetail?: (row: T) => ReactNode | null;
  /** Extra classes on the <table> (a list's own phone layout). */
  className?: string;
  /** `data-*` attributes on a row (browser journeys find rows by them: `data-testid`, a row's status). */
  rowData?: (row: T) => Record<`data-${string}`, string | undefined>;
};

export function DataTable<T>(p: DataTableProps<T>) {
  const menuId = useId();
  const shown = p.columns.filter(
    (c) => c.hideable === false || (p.visible ? p.visible.includes(c.key) : !c.defaultHidden),
  );
  const toolbar = p.onVisibleChange ? (
    <ColumnMenu id={menuId} columns={p.columns} visible={shown.map((c) => c.key)} onChange={p.onVisibleChange} />
  ) : null;

  if (p.error !== undefined) {
    return (
      <>
        {toolbar}
        <ErrorState error={p.error} onRetry={p.onRetry} />
      </>
    );
  }
  if (p.rows === undefined) return <Loading label={p.loadingLabel ?? "Loading…"} />;
  if (p.rows.length === 0) {
    return (
      <>
        {toolbar}
        <EmptyState title={p.empty.title}>{p.empty.body}</EmptyState>
      </>
    );
  }
  const rows = p.rows;
  const sel = p.selection;
  const pageIds = rows.map(p.rowKey);
  const selectedOnPage = sel ? pageIds.filter((id) => sel.isSelected(id)).length : 0;
  const allOnPage = selectedOnPage === pageIds.length;
  return (
    <div className="data-table">
      {toolbar}
      {sel && (
        <SelectionBanner
          selection={sel}
          pageCount={pageIds.length}
          allOnPage={allOnPage}
          noun={p.noun ?? "row"}
          fetchMatching={p.fetchMatching}
        />
      )}
      <div className="table-wrap" role="region" aria-label={p.caption} tabIndex={0}>
        <table className={["table table-cards dt-table", p.className].filter(Boolean).join(" ")}>
          <caption className="visually-hidden">{p.caption}</caption>
          <thead>
            <tr>
              {sel && (
                <th scope="col" className="dt-check">
                  <input
                    type="checkbox"
                    aria-label={`Select all ${pageIds.length} shown`}
                    checked={allOnPage}
                    ref={(el) => {
                      if (el) el.indeterminate = selectedOnPage > 0 && !allOnPage;
                    }}
                    onChange={(e) => sel.setMany(pageIds, e.target.checked)}
                  />
                </th>
              )}
              {shown.map((c) => (
                <HeaderCell key={c.key} column={c} sort={p.sort} onSort={p.onSort} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const id = p.rowKey(row);
              const checked = sel?.isSelected(id) ?? false;
              const detail = p.rowDetail?.(row) ?? null;
              return (
                <Fragment key={id}>
                  <tr
                    {...p.rowData?.(row)}
                    className={
                      [checked ? "selected" : "", p.rowClassName?.(row) ?? ""].filter(Boolean).join(" ") || undefined
                    }
                  >
                    {sel && (
                      <td className="dt-check">
                        <input
                          type="checkbox"
                          aria-label={`Select ${p.noun ?? "row"} ${rowLabel(shown, row)}`}
                          checked={checked}
                          onChange={() => sel.toggle(id)}
                        />
                      </td>
                    )}
                    {shown.map((c) => {
                      const Cell = c.rowHeader ? "th" : "td";
                      return (
                        <Cell
                          key={c.key}
                          scope={c.rowHeader ? "row" : undefined}
                          data-label={c.header}
                          data-testid={c.testId}
                          className={[
                            c.align === "num" ? "num" : "",
                            c.priority === "primary" ? "dt-primary" : "dt-secondary",
                            c.columnClass ?? "",
                            c.className?.(row) ?? "",
                          ]
                            .filter(Boolean)
                            .join(" ")}
                        >
                          {c.cell(row)}
                        </Cell>
                      );
                    })}
                  </tr>
                  {detail !== null && (
                    <tr className="dt-detail">
                      <td colSpan={shown.length + (sel ? 1 : 0)}>{detail}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {p.pagination && <LoadMore status={p.pagination.status} onLoadMore={p.pagination.onLoadMore} />}
    </div>
  );
}

/** A row's name for its checkbox: the text of its first primary cell. */
function rowLabel<T>(columns: readonly Column<T>[], row: T): string {
  const first = columns.find((c) => c.priority === "primary") ?? columns[0];
  const v = first?.cell(row);
  return typeof v === "string" || typeof v === "number" ? String(v) : first ? textOf(v) : "";
}

function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (typeof node === "object" && "props" in node) return textOf((node.props as { children?: ReactNode }).children);
  return "";
}

function HeaderCell<T>({
  column: c,
  sort,
  onSort,
}: {
  column: Column<T>;
  sort?: Sort;
  onSort?: (key: string) => void;
}) {
  const active = c.sortKey !== undefined && sort?.key === c.sortKey;
  const ariaSort = active ? (sort!.dir === "asc" ? "ascending" : "descending") : undefined;
  return (
    <th
      scope="col"
      className={[c.align === "num" ? "num" : "", c.columnClass ?? ""].filter(Boolean).join(" ") || undefined}
      aria-sort={ariaSort}
    >
      {c.sortKey && onSort ? (
        <button type="button" className="dt-sort" onClick={() => onSort(c.sortKey!)}>
          {c.header}
          <span aria-hidden>{active ? (sort!.dir === "asc" ? " ▲" : " ▼") : " ↕"}</span>
        </button>
      ) : (
        c.header
      )}
    </th>
  );
}

function ColumnMenu<T>({
  id,
  columns,
  visible,
  onChange,
}: {
  id: string;
  columns: readonly Column<T>[];
  visible: string[];
  onChange: (keys: string[]) => void;
}) {
  const hideable = columns.filter((c) => c.hideable !== false);
  if (hideable.length === 0) return null;
  return (
    <details className="dt-columns">
      <summary className="btn btn-secondary btn-sm">Columns</summary>
      <fieldset id={id}>
        <legend className="visually-hidden">Columns shown</legend>
        {hideable.map((c) => (
          <label key={c.key} className="dt-column-toggle">
            <input
              type="checkbox"
              checked={visible.includes(c.key)}
              onChange={(e) => {
                const next = new Set(visible);
                if (e.target.checked) next.add(c.key);
                else next.delete(c.key);
                onChange(columns.filter((x) => next.has(x.key)).map((x) => x.key));
              }}
            />
            {c.header}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

function SelectionBanner({
  selection: s,
  pageCount,
  allOnPage,
  noun,
  fetchMatching,
}: {
  selection: Selection;
  pageCount: number;
  allOnPage: boolean;
  noun: string;
  fetchMatching?: FetchIdPage;
}) {
  const n = s.selected.size;
  const m = s.matching;
  let text: ReactNode = null;
  if (m.status === "loading") text = `Finding every matching ${noun}… ${m.found.toLocaleString("en-US")} so far.`;
  else if (m.status === "done")
    text = `All ${m.count.toLocaleString("en-US")} matching ${noun}s are selected${m.capped ? " (the most one selection takes)" : ""}.`;
  else if (m.status === "error") text = `Could not select every matching ${noun}: ${m.message}`;
  else if (n > 0) text = `${countOf(n, noun)} selected.`;
  if (text === null && !(allOnPage && fetchMatching)) return <div className="dt-selection" aria-live="polite" />;
  return (
    <div className="dt-selection" aria-live="polite">
      <span>{text}</span>
      {allOnPage && fetchMatching && m.status === "idle" && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => void s.selectAllMatching(fetchMatching)}>
          Select all matching {noun}s (not only the {pageCount} shown)
        </button>
      )}
      {n > 0 && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={s.clear}>
          Clear selection
        </button>
      )}
    </div>
  );
}
