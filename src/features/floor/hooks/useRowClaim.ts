/**
 * Claiming one row of a floor queue (a pick list, a shipment to pack): which row is being claimed,
 * the refusal of the last claim (shown beside its row), and the work's own page once it is won.
 */
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import type { Attempt } from "../../../lib/useAppMutation";

export function useRowClaim<Id extends string>(
  claim: (id: Id) => Promise<Attempt<unknown>>,
  pageOf: (id: Id) => string,
) {
  const navigate = useNavigate();
  const [claiming, setClaiming] = useState<Id>();
  const [refusal, setRefusal] = useState<{ id: Id; message: string }>();
  const onClaim = async (id: Id) => {
    setClaiming(id);
    setRefusal(undefined);
    const r = await claim(id);
    setClaiming(undefined);
    if (r.ok) navigate(pageOf(id));
    else setRefusal({ id, message: r.message });
  };
  return {
    /** The row whose claim is on its way. */
    claiming,
    /** The sentence of the refused claim of this row, if it was the last one tried. */
    refusalOf: (id: Id) => (refusal?.id === id ? refusal.message : undefined),
    claim: onClaim,
  };
}
