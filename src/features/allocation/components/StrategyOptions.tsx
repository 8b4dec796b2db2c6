/** The allocation strategies (api.allocation.strategies' `available`) as a select's options, `current` marked as today's default. */
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../../convex/_generated/api";

type Strategy = Pick<FunctionReturnType<typeof api.allocation.strategies>["available"][number], "name" | "label">;

export function StrategyOptions({ strategies, current }: { strategies: readonly Strategy[]; current?: string }) {
  return (
    <>
      {strategies.map((s) => (
        <option key={s.name} value={s.name}>
          {s.label}
          {s.name === current ? " (today's default)" : ""}
        </option>
      ))}
    </>
  );
}
