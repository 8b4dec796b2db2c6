import type { PageStatus } from "./DataTable";

/** "Load more" for a paginated list, with its states. */
export function LoadMore({ status, onLoadMore }: { status: PageStatus; onLoadMore: () => void }) {
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
