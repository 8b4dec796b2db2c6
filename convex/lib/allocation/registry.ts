/**
 * The allocation strategies by name: what admins choose from (per channel or as the default) and
 * what the allocation mutation runs. Adding a strategy is one file beside this one that returns a
 * plan through PlanBuilder, plus one entry here.
 */
import { FIFO_COST, planByFifoCost } from "./fifoCost";
import { planByProximity, PROXIMITY } from "./proximity";
import { planSingleWarehouse, SINGLE_WAREHOUSE } from "./singleWarehouse";
import type { StrategyDefinition } from "./types";
import { appError } from "../errors";

/** Every strategy, by the name stored in allocation settings and on shipments. */
export const STRATEGIES: Readonly<Record<string, StrategyDefinition>> = {
  [PROXIMITY]: {
    label: "Warehouse proximity",
    description:
      "Each line ships from the nearest source that has all of it; nearer sources with too few are passed over. Lines may ship from different sources.",
    plan: planByProximity,
  },
  [SINGLE_WAREHOUSE]: {
    label: "Single-warehouse preference",
    description:
      "Fewest shipments first: the nearest source that can ship the whole order wins; otherwise as few sources as possible, nearest first.",
    plan: planSingleWarehouse,
  },
  [FIFO_COST]: {
    label: "Oldest cost first",
    description:
      "Draws from the sources holding the oldest FIFO cost layers first, so older stock and its cost leave first.",
    plan: planByFifoCost,
  },
};

/** Registered names, in the order they are offered. */
export const STRATEGY_NAMES: readonly string[] = Object.keys(STRATEGIES);

/** The strategy registered under `name`, or undefined for an unknown name. */
export function getStrategy(name: string): StrategyDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(STRATEGIES, name) ? STRATEGIES[name] : undefined;
}

/** The strategy registered under `name`, refused (INVALID_INPUT) for an unknown name. */
export function strategyOrThrow(name: string): StrategyDefinition {
  const definition = getStrategy(name);
  if (!definition) throw appError("INVALID_INPUT", `Unknown allocation strategy "${name}".`);
  return definition;
}
