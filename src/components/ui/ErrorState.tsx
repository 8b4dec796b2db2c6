import type { ReactNode } from "react";
import { errorMessage } from "../../lib/errors";

/** What a page shows when its data could not be loaded. Never a stack trace. */
export function ErrorState({
  error,
  title = "This could not be loaded",
  onRetry,
  children,
}: {
  error?: unknown;
  title?: string;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="error-state" role="alert">
      <p className="error-title">{title}</p>
      {error !== undefined && <p>{errorMessage(error)}</p>}
      {children}
      {onRetry && (
        <button type="button" className="btn btn-secondary btn-md" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
