/**
 * Never lose a scan: on a scanner page, keystrokes from a keyboard-wedge scanner are taken wherever
 * the focus is.
 *  - Focus on the scanner's own input: it types there and Enter submits, as a keyboard would.
 *  - Focus anywhere else that is not a typing field (the page after a tap, a button, a link, a
 *    summary): every character goes into the scanner's input (and never presses the focused
 *    button); Enter with a code typed submits it and is swallowed, so a scan's Enter never presses
 *    a focused button. Enter with nothing typed stays a keyboard user's Enter.
 *  - Focus in a real field (a count, a weight, a dialog): only a burst at scanner speed ending in
 *    Enter is a scan; the burst is taken back out of the field and the field's form is not submitted.
 *  - Scanning paused (`enabled` false): the code is still read to its Enter and `onRejected` says so.
 * After a tap or a dialog closing, the focus goes back to the scanner's input (keyboard Tab
 * navigation is left alone).
 */
import { useEffect, useRef, type RefObject } from "react";
import { burstCode, isCharacterKey, isTypingField, pushStroke, type Stroke } from "../lib/wedge";

type Options = {
  input: RefObject<HTMLInputElement | null>;
  enabled: boolean;
  /** A code read from a burst inside another field, or typed while the focus was elsewhere. */
  onCode: (code: string) => void;
  /** A code read while scanning is paused: the page says why it was not taken. */
  onRejected: (code: string) => void;
  now?: () => number;
};

type FieldStroke = Stroke & { field: Element; before: string };

const inDialog = (el: Element | null) => Boolean(el?.closest('[role="dialog"], dialog'));
const dialogOpen = () => Boolean(document.querySelector('[role="dialog"], dialog[open]'));

/** Sets a field's value the way a person would, so React's onChange sees it. */
function restoreValue(field: Element, value: string) {
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
  const proto = field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(field, value);
  field.dispatchEvent(new Event("input", { bubbles: true }));
  // Also through the element's own setter: tools tracking the field's value (test drivers, IMEs) see it too.
  field.value = value;
}

export function useWedgeCapture({ input, enabled, onCode, onRejected, now = () => performance.now() }: Options) {
  const latest = useRef({ enabled, onCode, onRejected, now });
  useEffect(() => {
    latest.current = { enabled, onCode, onRejected, now };
  });

  useEffect(() => {
    let burst: FieldStroke[] = [];
    let paused = "";
    let lastTab = -Infinity;
    const swallowKeyup = new Set<string>();

    const refocus = () => {
      const el = input.current;
      if (!latest.current.enabled || !el || el.disabled || dialogOpen()) return;
      if (document.activeElement === el || isTypingField(document.activeElement)) return;
      el.focus({ preventScroll: true });
    };

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing || e.defaultPrevented) return;
      const { enabled: on, now: clock } = latest.current;
      const el = input.current;
      const active = document.activeElement;
      if (e.key === "Tab") lastTab = clock();
      if (el && active === el) return;
      if (isTypingField(active)) {
        if (isCharacterKey(e)) {
          const before = "value" in active ? String((active as HTMLInputElement).value) : "";
          const next = pushStroke(burst, { char: e.key, at: clock() });
          burst =
            next.length === 1
              ? [{ ...next[0], field: active, before }]
              : [...burst, { ...next.at(-1)!, field: active, before: burst[0]?.before ?? before }];
          return;
        }
        if (e.key === "Enter") {
          const code = burst.length && burst[0].field === active ? burstCode(burst, clock()) : null;
          const first = burst[0];
          burst = [];
          if (!code) return;
          e.preventDefault();
          e.stopImmediatePropagation();
          restoreValue(first.field, first.before);
          if (on) latest.current.onCode(code);
          else latest.current.onRejected(code);
          return;
        }
        if (e.key !== "Shift") burst = [];
        return;
      }
      // Focus is on the page, a button or a link: the keystroke belongs to the scanner.
      if (isCharacterKey(e)) {
        e.preventDefault();
        e.stopImmediatePropagation();
        swallowKeyup.add(e.key);
        if (on && el && !el.disabled) {
          el.value += e.key;
          el.focus({ preventScroll: true });
        } else {
          paused += e.key;
        }
        return;
      }
      if (e.key === "Enter") {
        const code = (on && el && !el.disabled ? el.value : paused).trim();
        if (!code) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        swallowKeyup.add("Enter");
        paused = "";
        if (el) el.value = "";
        if (on) latest.current.onCode(code);
        else latest.current.onRejected(code);
      }
    };
    // A button pressed with Space or Enter fires on key up; a key the scanner took must not.
    const onKeyUp = (e: KeyboardEvent) => {
      if (!swallowKeyup.delete(e.key)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const onClick = () => setTimeout(refocus, 0);
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as Element | null;
      if (target === input.current || isTypingField(target) || inDialog(target)) return;
      if (latest.current.now() - lastTab < 500) return; // keyboard navigation: leave it
      setTimeout(refocus, 0);
    };
    window.addEventListener("keydown", onKeyDown, true);
    window.addEventListener("keyup", onKeyUp, true);
    window.addEventListener("click", onClick);
    window.addEventListener("focus", onClick);
    document.addEventListener("focusin", onFocusIn);
    return () => {
      window.removeEventListener("keydown", onKeyDown, true);
      window.removeEventListener("keyup", onKeyUp, true);
      window.removeEventListener("click", onClick);
      window.removeEventListener("focus", onClick);
      document.removeEventListener("focusin", onFocusIn);
    };
  }, [input]);
}
