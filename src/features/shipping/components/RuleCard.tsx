/**
 * One rule of the set: its place, name, conditions, action and constraints as sentences, how many
 * shipments it chose, a flag when an earlier rule shadows it, who else is editing it, and (for
 * admins) an edit form per part, move up/down, on/off and delete, each against the rule's version.
 * When an editor closes (saved, cancelled or Escape) the focus goes back to the button that opened it.
 */
import { useEffect, useRef, useState } from "react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { describeAction, describeConditions, describeConstraints } from "../../../../convex/lib/shipping/rules";
import { Badge, Button, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { countOf, formatDateTime } from "../../../lib/format";
import { ActionEditor, ConditionsEditor, ConstraintsEditor, NameEditor, type EditField } from "./RuleEditors";

type ListResult = FunctionReturnType<typeof api.shippingRules.list>;
export type RuleView = ListResult["rules"][number];
export type EditorView = ListResult["editors"][number];
type Warehouse = ListResult["warehouses"][number];

/** The conditions sentence with warehouses by code ("from EWR/RNO") instead of a count. */
const whenText = (rest: string, warehouses: string[]) =>
  [rest === "every shipment" ? "" : rest, warehouses.length ? `from ${warehouses.join("/")}` : ""]
    .filter(Boolean)
    .join(" · ") || "every shipment";

const FIELD_WORDS: Record<string, string> = {
  name: "the name",
  conditions: "the conditions",
  action: "the action",
  constraints: "the constraints",
};

export function RuleCard(props: {
  rule: RuleView;
  index: number;
  isLastOrdinary: boolean;
  editors: EditorView[];
  meId: Id<"members"> | undefined;
  canEdit: boolean;
  editing: EditField | undefined;
  onEdit: (field: EditField | undefined) => void;
  warehouses: Warehouse[];
}) {
  const { rule, editors, canEdit, editing, onEdit } = props;
  // The edit buttons by part, to give the focus back when that part's editor closes.
  const editButtons = useRef(new Map<EditField, HTMLButtonElement>());
  const [refocus, setRefocus] = useState<EditField>();
  const close = (field: EditField) => {
    setRefocus(field);
    onEdit(undefined);
  };
  useEffect(() => {
    if (refocus === undefined || editing === refocus) return;
    editButtons.current.get(refocus)?.focus();
    setRefocus(undefined);
  }, [refocus, editing]);
  const buttonRef = (field: EditField) => (el: HTMLButtonElement | null) => {
    if (el) editButtons.current.set(field, el);
    else editButtons.current.delete(field);
  };
  const toast = useToast();
  const move = useAppMutation(api.shippingRules.move);
  const setEnabled = useAppMutation(api.shippingRules.setEnabled);
  const remove = useAppMutation(api.shippingRules.remove);
  const others = editors.filter((e) => e.memberId !== props.meId);
  const warehouseNames = (rule.conditions.warehouseIds ?? []).map(
    (id) => props.warehouses.find((w) => w._id === id)?.code ?? "?",
  );
  const act = async <T,>(p: Promise<{ ok: true; value: T } | { ok: false; message: string }>, done: string) => {
    const r = await p;
    toast.show(r.ok ? done : r.message, r.ok ? "success" : "error");
  };
  const versioned = { ruleId: rule._id, expectedVersion: rule.version };
  const part = (field: EditField, title: string, text: string, editor: React.ReactNode) => (
    <div className="rule-part">
      <dt>{title}</dt>
      <dd>
        {editing === field ? (
          editor
        ) : (
          <>
            <span data-testid={`rule-${field}`}>{text}</span>
            {canEdit && !(rule.isDefault && field === "conditions") && (
              <Button
                ref={buttonRef(field)}
                size="sm"
                variant="ghost"
                onClick={() => onEdit(field)}
                aria-label={`Edit ${title.toLowerCase()} of ${rule.name}`}
              >
                Edit
              </Button>
            )}
          </>
        )}
      </dd>
    </div>
  );
  return (
    <li
      className={["card", "rule-card", rule.enabled ? "" : "rule-off", rule.shadow ? "rule-shadowed" : ""].join(" ")}
      aria-label={`Rule ${props.index + 1}: ${rule.name}`}
    >
      <header className="rule-head">
        <span className="rule-pos" aria-hidden>
          {props.index + 1}
        </span>
        {editing === "name" ? (
          <NameEditor rule={rule} onDone={() => close("name")} />
        ) : (
          <h3>
            <span data-testid="rule-name">{rule.name}</span>
            {canEdit && (
              <Button
                ref={buttonRef("name")}
                size="sm"
                variant="ghost"
                onClick={() => onEdit("name")}
                aria-label={`Rename ${rule.name}`}
              >
                Rename
              </Button>
            )}
          </h3>
        )}
        {rule.isDefault && <Badge tone="info">default</Badge>}
        {!rule.enabled && <Badge tone="muted">off</Badge>}
        <Badge tone={rule.hits > 0 ? "success" : "neutral"}>{countOf(rule.hits, "shipment")} chosen</Badge>
      </header>
      {rule.shadow && (
        <p className="rule-flag" role="note">
          <Badge tone="warning">never matches</Badge> {rule.shadow.reason}
        </p>
      )}
      {others.length > 0 && (
        <p className="rule-editing" role="status">
          {others.map((e) => `${e.name} is editing ${FIELD_WORDS[e.field ?? ""] ?? "this rule"}`).join(" · ")}
        </p>
      )}
      <dl className="rule-parts">
        {part(
          "conditions",
          "When",
          rule.isDefault
            ? "every shipment no earlier rule matched"
            : whenText(describeConditions({ ...rule.conditions, warehouseIds: undefined }), warehouseNames),
          <ConditionsEditor rule={rule} warehouses={props.warehouses} onDone={() => close("conditions")} />,
        )}
        {part(
          "action",
          "Choose",
          describeAction(rule.action),
          <ActionEditor rule={rule} onDone={() => close("action")} />,
        )}
        {part(
          "constraints",
          "Constraints",
          describeConstraints(rule.constraints),
          <ConstraintsEditor rule={rule} onDone={() => close("constraints")} />,
        )}
      </dl>
      <footer className="rule-foot">
        <span className="muted">
          v{rule.version} · {rule.updatedByName}, {formatDateTime(rule.updatedAt)}
          {rule.lastHitAt !== undefined && <> · last chose {formatDateTime(rule.lastHitAt)}</>}
        </span>
        {canEdit && !rule.isDefault && (
          <span className="rule-buttons">
            <Button
              size="sm"
              disabled={props.index === 0}
              onClick={() => void act(move.attempt({ ...versioned, direction: "up" }), "Moved up")}
              aria-label={`Move ${rule.name} up`}
            >
              ↑
            </Button>
            <Button
              size="sm"
              disabled={props.isLastOrdinary}
              onClick={() => void act(move.attempt({ ...versioned, direction: "down" }), "Moved down")}
              aria-label={`Move ${rule.name} down`}
            >
              ↓
            </Button>
            <Button
              size="sm"
              onClick={() =>
                void act(
                  setEnabled.attempt({ ...versioned, enabled: !rule.enabled }),
                  rule.enabled ? "Rule turned off" : "Rule turned on",
                )
              }
            >
              {rule.enabled ? "Turn off" : "Turn on"}
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={() => {
                if (window.confirm(`Delete the rule "${rule.name}"?`))
                  void act(remove.attempt(versioned), "Rule deleted");
              }}
            >
              Delete
            </Button>
          </span>
        )}
      </footer>
    </li>
  );
}
