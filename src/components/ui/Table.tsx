import type { ReactNode } from "react";
import { ScrollRegion } from "./ScrollRegion";

/**
 * A scrollable table with a caption for screen readers. Rows stay dense; cells wrap on phones.
 * When it is wider than its box, the box is a focusable region named by the caption (ScrollRegion).
 */
export function Table({ caption, children, className }: { caption: string; children: ReactNode; className?: string }) {
  return (
    <ScrollRegion className="table-wrap" label={`${caption} (scrolls sideways)`}>
      <table className={["table", className].filter(Boolean).join(" ")}>
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
    </ScrollRegion>
  );
}

/** "Load more" for a paginated list, with its states. */
export function LoadMore({
  status,
  onLoadMore,
}: {
  status: "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";
  onLoadMore: () => void;
}) {
  if (status === "Exhausted" || status === "LoadingFirstPage") return null;
  return (
    <div className="load-more">
      <button
        type="button"
        className="btn btn-secondary btn-md"
        onClick={onLoadMore}
        disabled={status === "LoadingMore"}
      >
        {status === "LoadingMore" ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}
