/** One pick list in the lists page: number, kind, live progress, who holds it, and what you can do. */
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { Badge, Button } from "../../../components/ui";
import { Progress } from "./Progress";
import { PrintPickSheetButton } from "../../batches/components/PrintPickSheetButton";
import { isOpenPickList } from "../../../../convex/lib/statusSets";
import { countOf } from "../../../lib/format";

const KIND: Record<Doc<"pickLists">["kind"], string> = { single: "Single", batch: "Batch", wave: "Wave", zone: "Zone" };

export function PickListItem({
  list,
  me,
  onClaim,
  onOpen,
  claiming,
  refusal,
}: {
  list: Doc<"pickLists">;
  me: Id<"members"> | undefined;
  onClaim: () => void;
  onOpen: () => void;
  claiming?: boolean;
  refusal?: string;
}) {
  const mine = list.claimedBy !== undefined && list.claimedBy === me;
  const open = isOpenPickList(list.status);
  return (
    <li className="work-item" data-testid={`pick-list-${list.number}`}>
      <div className="work-head">
        <span className="work-number">{list.number}</span>
        <span>
          <Badge tone="info">{KIND[list.kind]}</Badge> {list.zone && <Badge>Zone {list.zone}</Badge>}{" "}
          {list.requireBinScan && <Badge tone="muted">Bin scan</Badge>}
        </span>
      </div>
      <Progress
        picked={list.unitsPicked}
        short={list.unitsShort}
        total={list.unitsTotal}
        label={`${list.number} progress`}
      />
      <p className="here">
        {countOf(list.shipmentIds.length, "shipment")} ·{" "}
        {list.claimedByName
          ? mine
            ? "You have it"
            : `${list.claimedByName} has it`
          : open
            ? "Free"
            : list.status === "done"
              ? "Done"
              : "Cancelled"}
      </p>
      {refusal && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      {open && (
        <div className="floor-actions">
          {mine ? (
            <Button variant="primary" size="lg" onClick={onOpen}>
              Continue {list.number}
            </Button>
          ) : (
            <Button variant={list.claimedBy ? "secondary" : "primary"} size="lg" onClick={onClaim} loading={claiming}>
              Claim {list.number}
            </Button>
          )}
          {!mine && (
            <Button variant="ghost" size="lg" onClick={onOpen}>
              View
            </Button>
          )}
          <PrintPickSheetButton pickListId={list._id} number={list.number} />
        </div>
      )}
    </li>
  );
}
