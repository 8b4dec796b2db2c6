/**
 * The scanner of every floor page (pick, pack, and receiving): the camera, a focused input for
 * hardware scanners that type like a keyboard (a scan ends with Enter), de-duplication of repeated
 * camera decodes, and a big green/red result with sound and vibration.
 *
 * The page says what a code means through `onScan`, which resolves to the result to show; a
 * throw shows red with the error's sentence. Scans are handled one at a time in arrival order, so
 * each sees the state the previous one left. Camera decodes of the same code within
 * `dedupeWindowMs` count once (`acceptDecode`); a wedge Enter is always a new physical scan.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { acceptDecode, type DedupeState } from "../../../../convex/lib/floor";
import { errorMessage } from "../../../lib/errors";
import { beep, markScan, vibrate, type ScanFeedback } from "../lib/feedback";
import { CameraScanner } from "./CameraScanner";
import { ScanBanner } from "./ScanBanner";
import "../floor.css";

export type ScanSource = "camera" | "wedge";

export type ScannerProps = {
  onScan: (code: string, source: ScanSource) => Promise<ScanFeedback>;
  /** What the banner says before the first scan ("Scan SKU-1"). */
  prompt: string;
  disabled?: boolean;
  dedupeWindowMs?: number;
  /** Hide the camera (e.g. a desk station with a hand scanner only). */
  camera?: boolean;
};

type Shown = ScanFeedback & { seq: number; code: string };

export function Scanner({ onScan, prompt, disabled, dedupeWindowMs = 1500, camera = true }: ScannerProps) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(0);
  const [typing, setTyping] = useState(false);
  const [text, setText] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const inputId = `wedge-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const dedupe = useRef<DedupeState>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const seq = useRef(0);
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  const submit = useCallback((raw: string, source: ScanSource) => {
    const code = raw.trim();
    if (!code) return;
    setBusy((n) => n + 1);
    queue.current = queue.current.then(async () => {
      let result: ScanFeedback;
      try {
        result = await onScanRef.current(code, source);
      } catch (e) {
        result = { tone: "refused", message: errorMessage(e) };
      }
      setShown({ ...result, code, seq: ++seq.current });
      setBusy((n) => n - 1);
    });
  }, []);

  const onDecode = useCallback(
    (code: string) => {
      const r = acceptDecode(dedupe.current, code, Date.now(), dedupeWindowMs);
      dedupe.current = r.state;
      if (!r.accept || disabled) return;
      markScan("floor-scan-decoded", { code });
      submit(code, "camera");
    },
    [dedupeWindowMs, disabled, submit],
  );

  // Each new result: sound, vibration, a mark for the e2e timing once it is on screen.
  useEffect(() => {
    if (!shown) return;
    beep(shown.tone);
    vibrate(shown.tone);
    const frame = requestAnimationFrame(() => markScan("floor-scan-shown", { code: shown.code, tone: shown.tone, message: shown.message }));
    return () => cancelAnimationFrame(frame);
  }, [shown]);

  // The wedge input takes the focus back after each result and each new prompt (next task, new
  // package), so a hardware scanner types into it without a tap.
  useEffect(() => {
    if (!disabled) input.current?.focus();
  }, [disabled, shown, prompt]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(text, "wedge");
    setText("");
  };

  return (
    <section className="scanner" aria-label="Scanner">
      <ScanBanner tone={shown?.tone} message={shown?.message ?? prompt} pending={busy > 0} seq={shown?.seq ?? 0} />
      <form className="wedge" onSubmit={onSubmit}>
        <label htmlFor={inputId} className="visually-hidden">
          Scan or type a code
        </label>
        <input
          id={inputId}
          ref={input}
          className="wedge-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={typing ? "Type a code, then Enter" : "Hardware scanner ready"}
          inputMode={typing ? "text" : "none"}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="go"
          disabled={disabled}
          data-testid="wedge-input"
        />
        <button type="button" className="btn btn-secondary btn-lg floor-big" onClick={() => { setTyping((t) => !t); input.current?.focus(); }} aria-pressed={typing}>
          {typing ? "Hide keyboard" : "Type code"}
        </button>
      </form>
      {camera && <CameraScanner onDecode={onDecode} disabled={disabled} />}
    </section>
  );
}
