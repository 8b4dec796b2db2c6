/** Counts in words, the same in the server's sentences and on the client's pages. */

/** A whole number as people read it: "1,250". */
export const formatCount = (n: number) => n.toLocaleString("en-US");

/** A count with its noun: "1 package", "3 packages", "1,250 units". */
export const countOf = (n: number, noun: string) => `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
