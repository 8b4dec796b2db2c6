/**
 * The shapes every allocation strategy shares: what it is given (an order and its candidate
 * sources, as plain data) and what it returns (a plan with a reason for every choice). Pure types;
 * the allocation mutation maps documents to these and applies the plan in one transaction.
 */
import type { ResolvedCoordinates } from "../geo/coordinates";

/** One order line to allocate. `sku`, when given, names the line in reasons (else `lineId`). */
export type OrderLineInput = {
  lineId: string;
  productId: string;
  /** Units ordered and still to allocate; a non-negative integer. */
  quantity: number;
  sku?: string;
};

/**
 * Where the order goes. `lat`/`lng`, when both given, are used as is (the allocation mutation
 * fills them from the `postcodes` table); otherwise the point is the country's centroid.
 */
export type Destination = { country: string; postalCode: string; lat?: number; lng?: number };

/** The order as a strategy sees it. `priority` (0 normal … 2 urgent) is informational. */
export type AllocationOrder = {
  lines: readonly OrderLineInput[];
  destination: Destination;
  priority?: number;
};

/** Kind of fulfilment source, as on the warehouses table. Only "dropship" is not own stock. */
export type SourceKind = "warehouse" | "3pl" | "store" | "dropship";

/** A FIFO cost layer of a product at a source: units received together at one unit cost. */
export type CostLayer = { receivedAt: number; quantity: number; unitCostMinor: number };

/**
 * A product at a source. For stock sources `available` is on hand minus reserved; for a dropship
 * supplier the entry means "carries this product" and `available` is what the supplier states it
 * can supply (`Infinity` for effectively unlimited).
 */
export type SourceStock = { available: number; costLayers?: readonly CostLayer[] };

/** productId → stock, as a Map or a plain record. */
export type StockByProduct = ReadonlyMap<string, SourceStock> | Readonly<Record<string, SourceStock>>;

/** A candidate source: own warehouse, 3PL, store or dropship supplier, with its stock. */
export type CandidateSource = {
  sourceId: string;
  kind: SourceKind;
  /** Short name shown in reasons ("EAST"); the final tie-break after `priority`. */
  code: string;
  lat: number;
  lng: number;
  /** Lower goes first when a strategy's own criterion ties. */
  priority: number;
  /** Dropship suppliers: days from order to ship. */
  leadTimeDays?: number;
  stock: StockByProduct;
};

/** Where units of a draw come from: reserved own stock, or ordered from a dropship supplier. */
export type DrawSource = "stock" | "dropship";

/** Units of one line drawn from one source, and why that source. */
export type PlannedDraw = {
  sourceId: string;
  code: string;
  quantity: number;
  source: DrawSource;
  /** Great-circle km from source to destination (0.1 km), null when either point is unknown. */
  distanceKm: number | null;
  /** A full sentence, e.g. "Line SKU-1 × 3 from EAST (412 km): nearest source with all 3". */
  reason: string;
};

/**
 * The decision for one line: `allocated` (sum of stock draws) + `dropshipped` (sum of dropship
 * draws) + `backordered` = `quantity`, always (DESIGN invariant 3).
 */
export type LinePlan = {
  lineId: string;
  productId: string;
  quantity: number;
  draws: PlannedDraw[];
  allocated: number;
  dropshipped: number;
  backordered: number;
  /** Why units wait, e.g. "2 backordered: no source has stock; DROP-1 does not carry SKU-1". */
  backorderReason?: string;
};

/** Plan totals. One shipment per distinct source; `split` when more than one. */
export type PlanSummary = {
  shipments: number;
  /** Distinct sources in order of first use. */
  sourceIds: string[];
  /** Sum over shipments of source→destination km (0.1 km); null when the destination is unknown. */
  totalDistanceKm: number | null;
  split: boolean;
  allocated: number;
  dropshipped: number;
  backordered: number;
};

/** What a strategy returns: per-line draws and backorders, totals, and every reason in order. */
export type AllocationPlan = {
  strategy: string;
  /** The destination point used for distances, undefined when it could not be placed. */
  destination: ResolvedCoordinates | undefined;
  lines: LinePlan[];
  summary: PlanSummary;
  /**
   * Human-readable reasons for the audit trail: first the shipment summary (and why it split),
   * then per line each draw, each source passed over, and each backorder.
   */
  reasons: string[];
};

/** A strategy: pure and deterministic — the same input always gives the same plan. */
export type AllocationStrategy = (order: AllocationOrder, sources: readonly CandidateSource[]) => AllocationPlan;

/** A registered strategy, as shown to admins choosing one. */
export type StrategyDefinition = {
  label: string;
  description: string;
  plan: AllocationStrategy;
};
