/**
 * The action bar of a list's selection: one button per bulk action (the list's own and any a
 * feature exports, see ./bulk.ts), a reason asked for when the action needs one, then the run in
 * pages with a progress bar, "Stop after this page", and a summary in words: how many were done,
 * how many refused and why.
 */
import { useRef, useState, type FormEvent } from "react";
import { useConvex } from "convex/react";
import { Button } from "./Button";
import { runBulk, summaryText, type BulkAction, type BulkProgress, type BulkSummary } from "./bulk";
import type { Selection } from "./selection";
import { countOf } from "../../lib/format";

type Phase =
  | { kind: "idle" }
  | { kind: "asking"; action: BulkAction; text: string; problem?: string }
  | { kind: "confirming"; action: BulkAction }
  | { kind: "running"; action: BulkAction; progress: BulkProgress; stopping: boolean }
  | { kind: "finished"; action: BulkAction; summary: BulkSummary };

/** How refused ids are named in the summary (e.g. order numbers of the rows loaded). */
export type NameOf = (id: string) => string | undefined;

const SHOWN_REASONS = 20;

export function BulkActionBar({
  selection,
  actions,
  noun,
  nameOf,
}: {
  selection: Selection;
  actions: readonly BulkAction[];
  noun: string;
  nameOf?: NameOf;
}) {
  const client = useConvex();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const stop = useRef(false);
  const ids = [...selection.selected];

  const start = async (action: BulkAction, state: Record<string, unknown>) => {
    stop.current = false;
    setPhase({
      kind: "running",
      action,
      stopping: false,
      progress: { processed: 0, total: ids.length, done: 0, refused: 0 },
    });
    const summary = await runBulk({
      action,
      ids,
      client,
      state,
      isCancelled: () => stop.current,
      onProgress: (progress) => setPhase((p) => (p.kind === "running" ? { ...p, progress } : p)),
    });
    setPhase({ kind: "finished", action, summary });
    // What was done leaves the selection; refused ones stay selected to act on again.
    const refused = new Set(summary.refused.map((r) => r.id));
    selection.setMany(
      ids.filter((id, i) => i < summary.processed && !refused.has(id)),
      false,
    );
  };

  const onAction = (action: BulkAction) => {
    if (action.prompt) setPhase({ kind: "asking", action, text: "" });
    // More than one call's worth (e.g. everything a filter matches): the count first, then the run.
    else if (ids.length > action.pageSize) setPhase({ kind: "confirming", action });
    else void start(action, {});
  };

  const onSubmitPrompt = (e: FormEvent) => {
    e.preventDefault();
    if (phase.kind !== "asking" || !phase.action.prompt) return;
    const text = phase.text.trim();
    if (text.length < phase.action.prompt.minLength) {
      setPhase({ ...phase, problem: `At least ${phase.action.prompt.minLength} characters.` });
      return;
    }
    void start(phase.action, { [phase.action.prompt.key]: text });
  };

  if (ids.length === 0 && phase.kind !== "finished" && phase.kind !== "running") return null;
  /** Backs out of a prompt (asking for a text, or confirming) without doing anything. */
  const cancelPrompt = (
    <Button size="sm" onClick={() => setPhase({ kind: "idle" })}>
      Cancel
    </Button>
  );
  return (
    <section className="bulk-bar" aria-label={`Actions on the selected ${noun}s`}>
      {phase.kind !== "running" && ids.length > 0 && (
        <div className="bulk-actions" role="group" aria-label="Bulk actions">
          <span className="bulk-count">{`${ids.length.toLocaleString("en-US")} selected`}</span>
          {actions.map((a) => (
            <Button key={a.key} size="sm" onClick={() => onAction(a)}>
              {a.label}
            </Button>
          ))}
        </div>
      )}
      {phase.kind === "asking" && phase.action.prompt && (
        <form className="bulk-prompt" onSubmit={onSubmitPrompt}>
          <label htmlFor="bulk-prompt-input">{phase.action.prompt.label}</label>
          <input
            id="bulk-prompt-input"
            autoFocus
            value={phase.text}
            aria-invalid={phase.problem ? true : undefined}
            aria-describedby={phase.problem ? "bulk-prompt-problem" : undefined}
            onChange={(e) => setPhase({ ...phase, text: e.target.value, problem: undefined })}
          />
          {phase.problem && (
            <p id="bulk-prompt-problem" className="field-error">
              {phase.problem}
            </p>
          )}
          <Button type="submit" variant="primary" size="sm">
            {`${phase.action.label} ${ids.length.toLocaleString("en-US")}`}
          </Button>
          {cancelPrompt}
        </form>
      )}
      {phase.kind === "confirming" && (
        <div className="bulk-prompt" role="group" aria-label={`Confirm: ${phase.action.label}`}>
          <p>
            {`${phase.action.label}: ${countOf(ids.length, noun)}, sent ${Math.ceil(ids.length / phase.action.pageSize).toLocaleString("en-US")} pages of up to ${phase.action.pageSize}. `}
            You can stop after any page.
          </p>
          <Button variant="primary" size="sm" autoFocus onClick={() => void start(phase.action, {})}>
            {`${phase.action.label}: ${ids.length.toLocaleString("en-US")}`}
          </Button>
          {cancelPrompt}
        </div>
      )}
      {phase.kind === "running" && (
        <div className="bulk-progress">
          <label htmlFor="bulk-progress-bar">{`${phase.action.label}: ${phase.progress.processed.toLocaleString("en-US")} of ${phase.progress.total.toLocaleString("en-US")}`}</label>
          <progress id="bulk-progress-bar" max={phase.progress.total} value={phase.progress.processed} />
          <Button
            size="sm"
            disabled={phase.stopping}
            onClick={() => {
              stop.current = true;
              setPhase({ ...phase, stopping: true });
            }}
          >
            {phase.stopping ? "Stopping after this page…" : "Stop after this page"}
          </Button>
        </div>
      )}
      {phase.kind === "finished" && (
        <Summary phase={phase} noun={noun} nameOf={nameOf} onClose={() => setPhase({ kind: "idle" })} />
      )}
    </section>
  );
}

function Summary({
  phase,
  noun,
  nameOf,
  onClose,
}: {
  phase: Extract<Phase, { kind: "finished" }>;
  noun: string;
  nameOf?: NameOf;
  onClose: () => void;
}) {
  const { summary: s, action } = phase;
  return (
    <div className="bulk-summary" role="status">
      <p className="strong">{`${action.label}: ${summaryText(s, noun, action.doneLabel)}`}</p>
      {s.refused.length > 0 && (
        <ul className="bulk-refused">
          {s.refused.slice(0, SHOWN_REASONS).map((r) => (
            <li key={r.id}>
              {nameOf?.(r.id) ? <strong>{nameOf(r.id)}: </strong> : null}
              {r.reason}
            </li>
          ))}
          {s.refused.length > SHOWN_REASONS && (
            <li>{`…and ${s.refused.length - SHOWN_REASONS} more (they stay selected).`}</li>
          )}
        </ul>
      )}
      {s.open.map((href, i) => (
        <a key={href} href={href} className="btn btn-secondary btn-sm">
          {i === 0 ? "Open" : `Open (${i + 1})`}
        </a>
      ))}
      <Button size="sm" onClick={onClose}>
        Close
      </Button>
    </div>
  );
}
