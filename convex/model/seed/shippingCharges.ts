/**
 * What the demo's orders charge for shipping (issue 20), as the merchants behind each channel price
 * it: the web shop (Shopify) ships free from 75.00, else standard 5.99 or, one order in four,
 * express 12.99; Amazon sellers charge per unit (3.99 for the first of a line, 0.99 each further);
 * phone orders pay a flat 7.50 and wholesale orders a 25.00 freight charge. Chosen from the order's
 * seed number, so the rest of the seed's random stream is unchanged.
 */
export function demoShippingCharge(a: {
  n: number;
  channel: string;
  kind: string;
  lines: { quantity: number; unitPriceMinor: number }[];
}): number | undefined {
  const subtotal = a.lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0);
  if (a.channel === "shopify") return subtotal >= 7500 ? undefined : a.n % 4 === 0 ? 1299 : 599;
  if (a.channel === "amazon") return a.lines.reduce((s, l) => s + 399 + 99 * (l.quantity - 1), 0);
  return a.kind === "wholesale" ? 2500 : 750;
}
