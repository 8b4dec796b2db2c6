/**
 * Shipping rules: the ordered rule set rate shopping applies (first match wins, the default rule
 * last), edited by admins together. Everything is live: another admin's saved edit shows at once,
 * and heartbeats show who is on the page and which part of which rule they are editing.
 * The default is the server's: with no stored rule, rate shopping takes the cheapest quote (the
 * engine's built-in default), the first rule added stores the default rule after it, and an admin
 * may store it on purpose ("Set up the default rule"); the page itself never writes on render.
 */
import "../shipping.css";
import { useState } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, EmptyState, FormError, Loading, PageHeader } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useNow } from "../../../lib/useNow";
import { usePresence } from "../../../lib/usePresence";
import { isPresent, PRESENCE_HEARTBEAT_MS } from "../../../../convex/lib/presence";
import { useCan, useMe } from "../../members/hooks/useMe";
import { AddRuleDialog } from "../components/AddRuleDialog";
import { RuleCard } from "../components/RuleCard";
import type { EditField } from "../components/RuleEditors";

type Editing = { ruleId: Id<"shippingRules">; field: EditField } | undefined;

export function ShippingRulesPage() {
  const data = useQuery(api.shippingRules.list, {});
  const canEdit = useCan("admin");
  const me = useMe();
  const [editing, setEditing] = useState<Editing>();
  const [adding, setAdding] = useState(false);
  const ensureDefault = useAppMutation(api.shippingRules.ensureDefault);
  const now = useNow({ everyMs: 5_000 });
  // Says "I am here (editing this)" now and every few seconds; leaves when the page closes.
  usePresence({
    heartbeat: api.shippingRules.heartbeat,
    heartbeatArgs: { ruleId: editing?.ruleId, field: editing?.field },
    leave: api.shippingRules.leave,
    leaveArgs: {},
    everyMs: PRESENCE_HEARTBEAT_MS,
    enabled: canEdit,
  });

  if (data === undefined) return <Loading label="Loading shipping rules…" />;
  const editors = data.editors.filter((e) => isPresent(e, now));
  const ordinary = data.rules.filter((r) => !r.isDefault);
  return (
    <>
      <PageHeader
        title="Shipping rules"
        actions={
          canEdit && (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add rule
            </Button>
          )
        }
      >
        <p className="muted">
          Every rate shop asks all carriers, then the first rule that matches the shipment chooses among the quotes.
          Rules below a broader rule can never match and are flagged.
        </p>
      </PageHeader>
      <p className="editors-bar" role="status" aria-label="Who is here">
        {editors.length === 0 ? (
          "Nobody else is editing."
        ) : (
          <>On this page: {editors.map((e) => (e.memberId === me?._id ? `${e.name} (you)` : e.name)).join(", ")}</>
        )}
      </p>
      {data.rules.length === 0 ? (
        <EmptyState title="No rules yet">
          <p>Every shipment takes the cheapest quote (the built-in default) until rules are added.</p>
          {canEdit && (
            <>
              <Button loading={ensureDefault.pending} onClick={() => void ensureDefault.run({})}>
                Set up the default rule
              </Button>
              <FormError message={ensureDefault.error} />
            </>
          )}
        </EmptyState>
      ) : (
        <ol className="rule-list">
          {data.rules.map((rule, i) => (
            <RuleCard
              key={rule._id}
              rule={rule}
              index={i}
              isLastOrdinary={rule._id === ordinary.at(-1)?._id}
              editors={editors.filter((e) => e.ruleId === rule._id)}
              meId={me?._id}
              canEdit={canEdit}
              editing={editing?.ruleId === rule._id ? editing.field : undefined}
              onEdit={(field) => setEditing(field ? { ruleId: rule._id, field } : undefined)}
              warehouses={data.warehouses}
            />
          ))}
        </ol>
      )}
      {adding && (
        <AddRuleDialog
          onClose={() => setAdding(false)}
          onAdded={(ruleId) => setEditing({ ruleId, field: "conditions" })}
        />
      )}
    </>
  );
}
