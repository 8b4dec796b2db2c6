/** A list's progress: picked (green) and short (amber) out of the total, with the numbers in words. */
export function Progress({
  picked,
  short,
  total,
  label,
}: {
  picked: number;
  short: number;
  total: number;
  label: string;
}) {
  const pct = (n: number) => (total > 0 ? `${Math.min(100, (n / total) * 100)}%` : "0%");
  return (
    <div>
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={picked + short}
      >
        <span className="progress-picked" style={{ width: pct(picked) }} />
        <span className="progress-short" style={{ width: pct(short) }} />
      </div>
      <p className="progress-label">
        {picked} of {total} picked{short > 0 ? `, ${short} short` : ""}
      </p>
    </div>
  );
}
