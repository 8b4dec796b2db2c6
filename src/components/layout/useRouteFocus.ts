/**
 * Focus follows the page: after a route change (a new pathname, not the first load and not a
 * change of filters in the query string) focus moves to the new page's <h1>, so a keyboard or
 * screen-reader user starts at the top of the page they asked for and hears its name. The heading
 * may arrive late (a lazy page's chunk, the page's data): we wait for it, up to `HEADING_WAIT_MS`,
 * and fall back to <main>. A page that puts the focus in one of its own fields (a scanner's input,
 * marked or not with `data-keep-focus`) keeps it.
 */
import { useEffect, useRef, type RefObject } from "react";

export const HEADING_WAIT_MS = 5_000;
const KEEPS_FOCUS = "input, textarea, select, [contenteditable], [data-keep-focus]";

export function focusHeading(main: HTMLElement): boolean {
  const heading = main.querySelector<HTMLElement>("h1");
  if (!heading) return false;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus({ preventScroll: false });
  return true;
}

export function useRouteFocus(main: RefObject<HTMLElement | null>, pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const el = main.current;
    if (!el) return;
    /** The page focused one of its own fields itself. */
    const pagePlacedFocus = () => {
      const now = document.activeElement;
      return now instanceof HTMLElement && now !== el && el.contains(now) && now.matches(KEEPS_FOCUS);
    };
    if (pagePlacedFocus() || focusHeading(el)) return;
    const observer = new MutationObserver(() => {
      if (pagePlacedFocus()) return stop();
      if (focusHeading(el)) stop();
    });
    const timer = setTimeout(() => {
      stop();
      if (!pagePlacedFocus()) el.focus();
    }, HEADING_WAIT_MS);
    function stop() {
      observer.disconnect();
      clearTimeout(timer);
    }
    observer.observe(el, { childList: true, subtree: true });
    return stop;
  }, [main, pathname]);
}
