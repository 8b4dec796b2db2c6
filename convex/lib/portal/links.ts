/** The carrier's public tracking page for a tracking number, or null for a carrier we have no link for. Pure. */
const PAGES: Record<string, (n: string) => string> = {
  USPS: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  UPS: (n) => `https://www.ups.com/track?tracknum=${n}`,
  FEDEX: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  DHL: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id=${n}`,
  CANADAPOST: (n) => `https://www.canadapost-postescanada.ca/track-reperage/en#/details/${n}`,
};

export function trackingUrl(carrier: string, trackingNumber: string): string | null {
  const key = carrier.toUpperCase().replace(/[^A-Z]/g, "");
  const page = PAGES[key] ?? PAGES[Object.keys(PAGES).find((k) => key.startsWith(k)) ?? ""];
  return page ? page(encodeURIComponent(trackingNumber)) : null;
}
