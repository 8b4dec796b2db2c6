/** Display helpers for dates and numbers. Money formatting lives in convex/lib/money.ts. */
const dateFmt = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric" });
const dateTimeFmt = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

export function formatDate(ms: number | undefined): string {
  return ms === undefined ? "—" : dateFmt.format(new Date(ms));
}

export function formatDateTime(ms: number | undefined): string {
  return ms === undefined ? "—" : dateTimeFmt.format(new Date(ms));
}

/** "2025-03-14" from an <input type="date"> → the end of that local day, epoch ms. */
export function endOfLocalDay(isoDate: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999).getTime();
}

/** Minor units → "12.50" for an amount input. */
export function minorToMajorText(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function formatSigned(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** Counts in words ("1 package", "1,250 units"): the server's sentences use the same. */
export { countOf, formatCount } from "../../convex/lib/count";
