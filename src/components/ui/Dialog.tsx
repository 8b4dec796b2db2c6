/**
 * A modal dialog: labelled, focus moved inside on open and returned on close, Escape closes,
 * Tab stays inside. Rendered inline (no portal) so tests and screen readers see it in place.
 * The return target is recorded while the dialog renders open for the first time — before any
 * field inside takes the focus with autoFocus — and is the element that had the focus then (the
 * button that opened it). If that element is gone or disabled when the dialog closes, the page
 * heading gets it — unless the page has already put the focus somewhere on purpose.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  wide,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // Adjusting state while rendering (React's pattern for "on change of a prop"): runs before the
  // commit, so before autoFocus moves the focus into the dialog.
  const [returnTo, setReturnTo] = useState<HTMLElement | null>(() => (open ? activeElement() : null));
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setReturnTo(activeElement());
  }
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    if (!open) return;
    const node = ref.current;
    const focusable = () =>
      Array.from(
        node?.querySelectorAll<HTMLElement>(
          'input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])',
        ) ?? [],
      ).filter((el) => !el.hasAttribute("disabled"));
    if (!node?.contains(document.activeElement)) {
      (focusable().find((el) => el.tagName !== "BUTTON" || !el.classList.contains("dialog-close")) ?? node)?.focus();
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        onCloseRef.current();
      } else if (e.key === "Tab") {
        const items = focusable();
        if (items.length === 0) return;
        const first = items[0];
        const last = items[items.length - 1];
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    node?.addEventListener("keydown", onKey);
    return () => {
      node?.removeEventListener("keydown", onKey);
      restoreFocus(returnTo);
    };
  }, [open, returnTo]);

  if (!open) return null;
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={["dialog", wide ? "dialog-wide" : ""].join(" ")}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-close btn btn-ghost btn-sm" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>
  );
}

function activeElement(): HTMLElement | null {
  return typeof document !== "undefined" && document.activeElement instanceof HTMLElement
    ? document.activeElement
    : null;
}

/**
 * Back to where the focus was before the dialog; the page heading when that element is gone. Only
 * when the focus was lost with the dialog: if the page has put it somewhere on purpose meanwhile
 * (an editor the dialog's action opened), it stays there.
 */
function restoreFocus(target: HTMLElement | null) {
  // After this commit: the dialog is gone and the page has settled.
  setTimeout(() => {
    const now = document.activeElement;
    if (now && now !== document.body && now.isConnected) return;
    if (target && target.isConnected && target !== document.body && !target.matches(":disabled")) return target.focus();
    const heading = document.querySelector<HTMLElement>("#main h1");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus();
  }, 0);
}
