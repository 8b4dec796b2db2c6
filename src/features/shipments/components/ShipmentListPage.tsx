/** The shipments list as a page component: filters, saved views, table with selection, bulk actions — all from props. */
import { useMemo, type ReactNode } from "react";
import { PageHeader } from "../../../components/ui";
import { FilterSelect, optionsOf } from "../../../components/ui/FilterSelect";
import { DataTable, type PageStatus } from "../../../components/ui/DataTable";
import { BulkActionBar } from "../../../components/ui/BulkActionBar";
import { ListSearch } from "../../../components/ui/ListSearch";
import type { BulkAction } from "../../../components/ui/bulk";
import type { FetchIdPage, Selection } from "../../../components/ui/selection";
import { SHIPMENT_STATUSES, SHIPMENT_STATUS_LABELS, shipmentColumns, type ShipmentRow } from "./shipmentColumns";

export type ShipmentFilters = { status?: string; warehouse?: string; q?: string; sort?: string };

export type ShipmentListPageProps = {
  filters: ShipmentFilters;
  onFilters: (changes: Partial<ShipmentFilters>) => void;
  warehouses: { _id: string; code: string; name: string }[] | undefined;
  rows: ShipmentRow[] | undefined;
  pageStatus: PageStatus;
  onLoadMore: () => void;
  visibleColumns: string[] | undefined;
  onVisibleColumns: (keys: string[]) => void;
  bulk?: { selection: Selection; actions: readonly BulkAction[]; fetchMatching: FetchIdPage };
  savedViews?: ReactNode;
};

export function ShipmentListPage(p: ShipmentListPageProps) {
  const numbers = useMemo(() => new Map((p.rows ?? []).map((s) => [s._id as string, s.number])), [p.rows]);
  const filtered = Boolean(p.filters.status || p.filters.warehouse || p.filters.q);
  return (
    <>
      <PageHeader title="Shipments" />
      {p.savedViews}
      <ListSearch
        id="shipment-q"
        label="Search shipments"
        placeholder="Shipment or order number, customer, email, SKU, product"
        value={p.filters.q ?? ""}
        onSearch={(q) => p.onFilters({ q })}
      />
      <form className="filters" aria-label="Filter shipments" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Status"
          value={p.filters.status}
          all="All statuses"
          options={optionsOf(SHIPMENT_STATUSES, SHIPMENT_STATUS_LABELS)}
          onChange={(status) => p.onFilters({ status })}
        />
        <FilterSelect
          label="Warehouse"
          value={p.filters.warehouse}
          all="All warehouses"
          options={(p.warehouses ?? []).map((w) => [w._id, `${w.code} — ${w.name}`] as const)}
          onChange={(warehouse) => p.onFilters({ warehouse })}
        />
      </form>
      {p.bulk && (
        <BulkActionBar
          selection={p.bulk.selection}
          actions={p.bulk.actions}
          noun="shipment"
          nameOf={(id) => numbers.get(id)}
        />
      )}
      <DataTable
        caption={p.filters.q ? `Shipments matching “${p.filters.q}”` : "Shipments"}
        columns={shipmentColumns}
        rows={p.rows}
        rowKey={(s) => s._id}
        noun="shipment"
        loadingLabel="Loading shipments…"
        empty={{
          title: filtered
            ? "No shipments match these filters"
            : "No shipments yet: they are made when orders allocate.",
        }}
        pagination={{ status: p.pageStatus, onLoadMore: p.onLoadMore }}
        visible={p.visibleColumns}
        onVisibleChange={p.onVisibleColumns}
        // Words list the best matches first: no date order to choose then.
        sort={p.filters.q ? undefined : { key: "created", dir: p.filters.sort === "oldest" ? "asc" : "desc" }}
        onSort={
          p.filters.q ? undefined : () => p.onFilters({ sort: p.filters.sort === "oldest" ? undefined : "oldest" })
        }
        selection={p.bulk?.selection}
        fetchMatching={p.bulk?.fetchMatching}
      />
    </>
  );
}
