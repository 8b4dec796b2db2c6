/** Where the order is on its way (lib/journey.ts): an ordered list of steps, each linking to the section that tells it. */
import type { OrderStatus } from "../../../../convex/lib/orderStatus";
import { orderJourney, type StepState } from "../lib/journey";
import "./orderJourney.css";

const STATE_WORDS: Record<StepState, string> = {
  done: "done",
  partial: "in part",
  current: "next",
  todo: "to come",
  stopped: "stopped",
};

export function OrderJourney({ status, lines }: { status: OrderStatus; lines: Parameters<typeof orderJourney>[1] }) {
  return (
    <nav aria-label="Order journey" className="order-journey">
      <ol>
        {orderJourney(status, lines).map((s) => (
          <li
            key={s.key}
            className={`journey-step journey-${s.state}`}
            aria-current={s.state === "current" ? "step" : undefined}
          >
            <a href={`#${s.anchor}`}>
              <span className="journey-mark" aria-hidden>
                {s.state === "done" ? "✓" : s.state === "partial" ? "◐" : s.state === "stopped" ? "✕" : "○"}
              </span>
              <span className="journey-label">{s.label}</span>
              <span className="journey-note">{s.note ?? STATE_WORDS[s.state]}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
