/**
 * The scanner of every floor page (pick, pack, receiving returns): the camera, an input for
 * hardware scanners that type like a keyboard (a scan ends with Enter) with capture wherever the
 * focus is (useWedgeCapture), de-duplication of repeated camera decodes, and a big green/red
 * result with sound and vibration.
 *
 * The page says what a code means through `onScan`, which resolves to the result to show; a
 * throw shows red with the error's sentence. Scans are handled one at a time in arrival order, so
 * each sees the state the previous one left. Camera decodes of the same code within
 * `dedupeWindowMs` count once (`acceptDecode`); a wedge Enter is always a new physical scan. A
 * scan read while scanning is paused is shown in red with `pausedReason`, never dropped silently.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useDomId } from "../../../lib/useDomId";
import { acceptDecode, type DedupeState } from "../../../../convex/lib/floor";
import { errorMessage } from "../../../lib/errors";
import { beep, markScan, vibrate, type ScanFeedback } from "../lib/feedback";
import { useWedgeCapture } from "../hooks/useWedgeCapture";
import { isTypingField } from "../lib/wedge";
import { CameraScanner } from "./CameraScanner";
import { ScanBanner } from "./ScanBanner";
import "../floor.css";

export type ScanSource = "camera" | "wedge";

export type ScannerProps = {
  onScan: (code: string, source: ScanSource) => Promise<ScanFeedback>;
  /** What the banner says before the first scan ("Scan SKU-1"). */
  prompt: string;
  disabled?: boolean;
  /** Why scanning is paused, said when a scan arrives anyway ("Claim PL-1001 first."). */
  pausedReason?: string;
  dedupeWindowMs?: number;
  /** Hide the camera (e.g. a desk station with a hand scanner only). */
  camera?: boolean;
  /** Milliseconds clock for telling scanner bursts from typing (tests pass their own). */
  clock?: () => number;
  /**
   * Filled with a function that runs a page action (a keypad count, a box choice) in the scans'
   * queue, so it is ordered with them and its result shows in the same banner with sound.
   */
  actions?: { current: ScannerAction | null };
};

export type ScannerAction = (label: string, action: () => Promise<ScanFeedback>) => void;

type Shown = ScanFeedback & { seq: number; code: string };

/** Asks the page's scanner to take the focus back (after a dialog closes, an action finishes). */
export function refocusScanner() {
  window.dispatchEvent(new Event("floor-scanner-refocus"));
}

export function Scanner({
  onScan,
  prompt,
  disabled,
  pausedReason,
  dedupeWindowMs = 1500,
  camera = true,
  clock,
  actions,
}: ScannerProps) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(0);
  const [typing, setTyping] = useState(false);
  const [focused, setFocused] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useDomId("wedge");
  const dedupe = useRef<DedupeState>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const seq = useRef(0);
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  const enqueue = useCallback((label: string, run: () => Promise<ScanFeedback>) => {
    setBusy((n) => n + 1);
    queue.current = queue.current.then(async () => {
      let result: ScanFeedback;
      try {
        result = await run();
      } catch (e) {
        result = { tone: "refused", message: errorMessage(e) };
      }
      setShown({ ...result, code: label, seq: ++seq.current });
      setBusy((n) => n - 1);
    });
  }, []);
  const submit = useCallback(
    (raw: string, source: ScanSource) => {
      const code = raw.trim();
      if (code) enqueue(code, () => onScanRef.current(code, source));
    },
    [enqueue],
  );
  useEffect(() => {
    if (!actions) return;
    actions.current = enqueue;
    return () => {
      actions.current = null;
    };
  }, [actions, enqueue]);

  const reject = useCallback(
    (code: string) =>
      setShown({
        tone: "refused",
        message: `Scan ${code} not taken: ${pausedReason ?? "scanning is paused here."}`,
        code,
        seq: ++seq.current,
      }),
    [pausedReason],
  );

  useWedgeCapture({
    input,
    enabled: !disabled,
    onCode: (code) => submit(code, "wedge"),
    onRejected: reject,
    now: clock,
  });

  const onDecode = useCallback(
    (code: string) => {
      const r = acceptDecode(dedupe.current, code, Date.now(), dedupeWindowMs);
      dedupe.current = r.state;
      if (!r.accept) return;
      if (disabled) return reject(code);
      markScan("floor-scan-decoded", { code });
      submit(code, "camera");
    },
    [dedupeWindowMs, disabled, submit, reject],
  );

  // Each new result: sound, vibration, a mark for the e2e timing once it is on screen.
  useEffect(() => {
    if (!shown) return;
    beep(shown.tone, shown.done);
    vibrate(shown.tone, shown.done);
    const frame = requestAnimationFrame(() =>
      markScan("floor-scan-shown", { code: shown.code, tone: shown.tone, message: shown.message }),
    );
    return () => cancelAnimationFrame(frame);
  }, [shown]);

  // The input takes the focus back after each result, each new prompt (next task, new package)
  // and whenever the page asks (a dialog closed), so a hardware scanner types into it without a tap.
  // A person typing in another field (a count, a weight, a dialog) keeps their focus.
  const takeFocus = useCallback(() => {
    const active = document.activeElement;
    if (
      disabled ||
      !input.current ||
      (active !== input.current && isTypingField(active)) ||
      document.querySelector('[role="dialog"]')
    )
      return;
    input.current.focus({ preventScroll: true });
  }, [disabled]);
  useEffect(() => {
    takeFocus();
  }, [takeFocus, shown, prompt]);
  useEffect(() => {
    const back = () => setTimeout(takeFocus, 0);
    window.addEventListener("floor-scanner-refocus", back);
    return () => window.removeEventListener("floor-scanner-refocus", back);
  }, [takeFocus]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const el = input.current;
    if (!el) return;
    const code = el.value;
    el.value = "";
    submit(code, "wedge");
  };

  const placeholder = disabled
    ? (pausedReason ?? "Scanning paused")
    : typing
      ? "Type a code, then Enter"
      : focused
        ? "Hardware scanner ready"
        : "Scanner listening";
  return (
    <section className="scanner" aria-label="Scanner" data-wedge={disabled ? "paused" : "listening"}>
      <ScanBanner tone={shown?.tone} message={shown?.message ?? prompt} pending={busy > 0} seq={shown?.seq ?? 0} />
      <form className="wedge" onSubmit={onSubmit}>
        <label htmlFor={inputId} className="visually-hidden">
          Scan or type a code
        </label>
        <input
          id={inputId}
          ref={input}
          className="wedge-input"
          defaultValue=""
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          placeholder={placeholder}
          inputMode={typing ? "text" : "none"}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="go"
          disabled={disabled}
          data-testid="wedge-input"
        />
        <button
          type="button"
          className="btn btn-secondary btn-lg floor-big"
          onClick={() => {
            setTyping((t) => !t);
            input.current?.focus();
          }}
          aria-pressed={typing}
        >
          {typing ? "Hide keyboard" : "Type code"}
        </button>
      </form>
      {camera && <CameraScanner onDecode={onDecode} disabled={disabled} />}
    </section>
  );
}
