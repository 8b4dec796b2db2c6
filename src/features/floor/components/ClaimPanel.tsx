/**
 * Work someone must claim before scanning it (a pick list, a shipment to pack): who holds it, the
 * claim button, and the scanner paused — scans before the claim are read and refused with the
 * reason, never dropped silently. `children` are further actions (a supervisor taking it back).
 */
import type { ReactNode } from "react";
import type { FunctionArgs, FunctionReference } from "convex/server";
import type { MutationState } from "../../../lib/useAppMutation";
import { Scanner } from "./Scanner";
import { FloorActions, RunButton } from "./FloorActions";

export function ClaimPanel<M extends FunctionReference<"mutation">>({
  work,
  claim,
  args,
  error,
  children,
}: {
  /** `number` of the work, `holder` the name of who has it, what they are `doing` ("picking"),
   * the `action` that claims it ("Claim"), and what is said when nobody has it (`free`). */
  work: { number: string; holder?: string; doing: string; action: string; free: string };
  claim: MutationState<M>;
  args: FunctionArgs<M>;
  error?: string;
  children?: ReactNode;
}) {
  const held = work.holder ? `${work.holder} is ${work.doing} ${work.number}.` : undefined;
  const paused = held ?? `claim ${work.number} first.`;
  return (
    <section className="card">
      <Scanner
        onScan={async () => ({ tone: "refused", message: paused })}
        prompt={`${work.action} ${work.number} to start scanning.`}
        disabled
        pausedReason={paused}
        camera={false}
      />
      <p className="task-name">{held ?? work.free}</p>
      <FloorActions error={claim.error ?? error}>
        <RunButton variant="primary" mutation={claim} args={args}>
          {work.action} {work.number}
        </RunButton>
        {children}
      </FloorActions>
    </section>
  );
}
