/** The shipments list as a page component: filters, saved views, table with selection, bulk actions — all from props. */
import { PageHeader } from "../../../components/ui";
import { FilterSelect, optionsOf } from "../../../components/ui/FilterSelect";
import { SelectableList, type ListPageProps } from "../../../components/ui/SelectableList";
import { ListSearch } from "../../../components/ui/ListSearch";
import { shipmentColumns, type ShipmentRow } from "./shipmentColumns";
import { SHIPMENT_STATUS_LABELS, SHIPMENT_STATUSES } from "../../../../convex/lib/statusSets";

export type ShipmentFilters = { status?: string; warehouse?: string; q?: string; sort?: string };

export type ShipmentListPageProps = ListPageProps<ShipmentFilters, ShipmentRow> & {
  warehouses: { _id: string; code: string; name: string }[] | undefined;
};

export function ShipmentListPage(p: ShipmentListPageProps) {
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
      <SelectableList
        list={p}
        noun="shipment"
        dateKey="created"
        caption={p.filters.q ? `Shipments matching “${p.filters.q}”` : "Shipments"}
        columns={shipmentColumns}
        loadingLabel="Loading shipments…"
        empty={{
          title: filtered
            ? "No shipments match these filters"
            : "No shipments yet: they are made when orders allocate.",
        }}
      />
    </>
  );
}
