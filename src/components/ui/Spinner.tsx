export function Spinner({ size = "md", label = "Loading…" }: { size?: "sm" | "md"; label?: string }) {
  return (
    <span
      className={`spinner spinner-${size}`}
      role={label ? "status" : undefined}
      aria-hidden={label ? undefined : true}
    >
      {label && <span className="visually-hidden">{label}</span>}
    </span>
  );
}

/** A page-sized loading state. */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading-block" role="status" aria-live="polite">
      <span className="spinner spinner-md" aria-hidden />
      <span>{label}</span>
    </div>
  );
}
