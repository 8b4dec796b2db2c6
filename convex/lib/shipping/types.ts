/**
 * The shapes of rate shopping as the pure rule engine sees them: quotes from providers, the facts
 * of one shipment, and the ordered rule set. Plain data only: the rate-shop mutation maps documents
 * to these and stores what the engine returns (the chosen quote and the reason) on the quote log.
 */

/** The file a label is bought as, chosen by the printer that prints it (thermal: ZPL; laser: PDF). */
export const LABEL_FORMATS = ["PDF", "ZPL", "PNG"] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];
/** Each format with the printer it suits, as a warehouse's settings offer it. */
export const LABEL_FORMAT_LABELS: Record<LabelFormat, string> = {
  PDF: "PDF — laser or inkjet printer",
  ZPL: "ZPL — thermal printer (Zebra)",
  PNG: "PNG — image",
};

/** Paper the packing slips and pick sheets are laid out for. */
export const PAPER_SIZES = ["Letter", "A4"] as const;

/** One price for one carrier service from one provider, covering every package of the shipment. */
export type Quote = {
  id: string;
  provider: string;
  carrier: string;
  service: string;
  amountMinor: number;
  currency: string;
  /** Transit days the provider promises or estimates; undefined when it says nothing. */
  deliveryDays?: number;
  /** Estimated CO₂e in grams (lib/shipping/emissions.ts); undefined when it could not be estimated. */
  co2eGrams?: number;
};

/** What rules match on. Strings compare case-insensitively; weights in grams, value in minor units. */
export type ShipmentFacts = {
  channel: string;
  warehouseId: string;
  country: string;
  state?: string;
  postalCode: string;
  weightGrams: number;
  orderValueMinor: number;
};

/** An inclusive lower and exclusive upper bound; either may be absent (open). */
export type Range = { min?: number; max?: number };

/**
 * Conditions of a rule: every condition that is set must hold. An absent or empty list means "any".
 * Weight and order value ranges include `min` and exclude `max`, so 0–1000 and 1000–5000 do not overlap.
 */
export type RuleConditions = {
  channels?: string[];
  warehouseIds?: string[];
  countries?: string[];
  states?: string[];
  postalPrefixes?: string[];
  weightGrams?: Range;
  orderValueMinor?: Range;
};

export type RuleAction =
  | { kind: "cheapest" }
  | { kind: "fastest" }
  | { kind: "cheapest_within_days"; days: number }
  | { kind: "named"; carrier: string; service?: string }
  /** The lowest CO₂e among quotes at most `withinPct` % dearer than the cheapest and at most `maxDays` days. */
  | { kind: "lowest_emissions"; withinPct: number; maxDays: number };

/** Constraints filter quotes before the action chooses among them. */
export type RuleConstraints = {
  excludeCarriers?: string[];
  /** Quotes above this amount (in `currency`) are not eligible; quotes in another currency neither. */
  maxCostMinor?: number;
  currency?: string;
};

export type Rule = {
  id: string;
  name: string;
  enabled: boolean;
  /** The catch-all at the end: its conditions are ignored (it matches every shipment). */
  isDefault?: boolean;
  conditions: RuleConditions;
  action: RuleAction;
  constraints?: RuleConstraints;
};

/** What the engine decided for one shipment, with a sentence a supervisor can read. */
export type Selection = {
  /** The rule that matched (first match wins); undefined only when no rule matched at all. */
  ruleId?: string;
  ruleName?: string;
  /** The chosen quote; undefined when the matching rule found no eligible quote. */
  quoteId?: string;
  reason: string;
};

/** Why a rule can never match: an earlier rule catches every shipment it would, or it is self-contradictory. */
export type ShadowFlag = { ruleId: string; shadowedBy?: string; shadowedByName?: string; reason: string };
