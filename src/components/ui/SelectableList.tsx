/**
 * The selectable lists' shared body (orders, shipments): what a list view hands its page component
 * (`ListPageProps`), and the bulk action bar over the DataTable with pages, column choice, the
 * created/placed date sort (newest first, "oldest" in the URL; none while searching: words list the
 * best matches first) and checkbox selection.
 */
import { useMemo, type ReactNode } from "react";
import { BulkActionBar } from "./BulkActionBar";
import { DataTable, type DataTableProps, type PageStatus } from "./DataTable";
import type { BulkAction } from "./bulk";
import type { FetchIdPage, Selection } from "./selection";

/** A list page's filters as the URL holds them: search words and the date sort at least. */
export type ListFilters = { q?: string; sort?: string };

/** Present for supervisors: checkboxes and the bulk action bar. */
export type ListBulk = { selection: Selection; actions: readonly BulkAction[]; fetchMatching: FetchIdPage };

export type ListPageProps<F extends ListFilters, Row> = {
  filters: F;
  onFilters: (changes: Partial<F>) => void;
  rows: Row[] | undefined;
  pageStatus: PageStatus;
  onLoadMore: () => void;
  visibleColumns: string[] | undefined;
  onVisibleColumns: (keys: string[]) => void;
  bulk?: ListBulk;
  savedViews?: ReactNode;
};

export function SelectableList<Row extends { _id: string; number: string }>({
  list,
  noun,
  dateKey,
  ...table
}: {
  list: ListPageProps<ListFilters, Row>;
  /** What a row is called ("order"): the bulk bar's words and the selection's. */
  noun: string;
  /** The sortable date column's key. */
  dateKey: string;
} & Pick<DataTableProps<Row>, "caption" | "columns" | "empty" | "loadingLabel" | "className">) {
  const numbers = useMemo(() => new Map((list.rows ?? []).map((r) => [r._id as string, r.number])), [list.rows]);
  const { q, sort } = list.filters;
  return (
    <>
      {list.bulk && (
        <BulkActionBar
          selection={list.bulk.selection}
          actions={list.bulk.actions}
          noun={noun}
          nameOf={(id) => numbers.get(id)}
        />
      )}
      <DataTable
        {...table}
        rows={list.rows}
        rowKey={(r) => r._id}
        noun={noun}
        pagination={{ status: list.pageStatus, onLoadMore: list.onLoadMore }}
        visible={list.visibleColumns}
        onVisibleChange={list.onVisibleColumns}
        sort={q ? undefined : { key: dateKey, dir: sort === "oldest" ? "asc" : "desc" }}
        onSort={q ? undefined : () => list.onFilters({ sort: sort === "oldest" ? undefined : "oldest" })}
        selection={list.bulk?.selection}
        fetchMatching={list.bulk?.fetchMatching}
      />
    </>
  );
}
