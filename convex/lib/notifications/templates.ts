/**
 * Notification events, the placeholders each may use, and the default templates an operator
 * starts from. Pure data: the server renders with it and the template editor previews with it.
 */
/** Each event with the label people see, in the order the template editor lists them: the events are its keys. */
export const EVENT_LABELS = {
  order_confirmed: "Order confirmed",
  backordered: "Backordered (new estimate)",
  shipped: "Shipped (tracking per package)",
  delivered: "Delivered",
  return_received: "Return received",
  refund_issued: "Refund issued",
  ready_for_pickup: "Ready for pickup (code)",
  pickup_reminder: "Pickup reminder",
} as const;
export type NotificationEvent = keyof typeof EVENT_LABELS;
export const NOTIFICATION_EVENTS = Object.keys(EVENT_LABELS) as NotificationEvent[];
export const NOTIFICATION_CHANNELS = ["email", "sms"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Scalars every event has. */
const COMMON = ["customerName", "orderNumber", "orderNote", "trackingPageUrl"];
/** An order line's fields in a `lines` section. */
const LINE_FIELDS = ["sku", "name", "quantity"];

/** Scalar placeholders and list sections (with their item fields) allowed per event. */
export const PLACEHOLDERS: Record<NotificationEvent, { scalars: string[]; sections: Record<string, string[]> }> = {
  order_confirmed: { scalars: [...COMMON, "total"], sections: { lines: LINE_FIELDS } },
  backordered: { scalars: [...COMMON, "estimate"], sections: { lines: LINE_FIELDS } },
  shipped: { scalars: [...COMMON, "shipmentNumber"], sections: { packages: ["carrier", "service", "trackingNumber"] } },
  delivered: { scalars: [...COMMON, "shipmentNumber"], sections: {} },
  return_received: { scalars: [...COMMON, "rmaNumber"], sections: {} },
  refund_issued: { scalars: [...COMMON, "rmaNumber", "refundAmount"], sections: {} },
  ready_for_pickup: {
    scalars: [...COMMON, "pickupCode", "storeName", "storeAddress", "storeHours", "collectBy"],
    sections: {},
  },
  pickup_reminder: {
    scalars: [...COMMON, "pickupCode", "storeName", "storeAddress", "storeHours", "collectBy"],
    sections: {},
  },
};

export type TemplateText = { subject: string; body: string; enabled: boolean };

const sign = "<p>Track your order any time: {{trackingPageUrl}}</p>";

export const DEFAULT_TEMPLATES: Record<NotificationEvent, Record<NotificationChannel, TemplateText>> = {
  order_confirmed: {
    email: {
      subject: "Order {{orderNumber}} confirmed",
      body: `<p>Hi {{customerName}},</p><p>Thank you — we have your order {{orderNumber}} ({{total}}).</p><ul>{{#lines}}<li>{{quantity}} × {{name}}</li>{{/lines}}</ul><p>Your note: {{orderNote}}</p>${sign}`,
      enabled: true,
    },
    sms: { subject: "", body: "Order {{orderNumber}} confirmed. Thank you, {{customerName}}!", enabled: false },
  },
  backordered: {
    email: {
      subject: "Part of order {{orderNumber}} is on backorder",
      body: `<p>Hi {{customerName}},</p><p>These items are waiting for stock; we now expect them by {{estimate}}:</p><ul>{{#lines}}<li>{{quantity}} × {{name}}</li>{{/lines}}</ul>${sign}`,
      enabled: true,
    },
    sms: {
      subject: "",
      body: "Part of order {{orderNumber}} is backordered; new estimate {{estimate}}.",
      enabled: false,
    },
  },
  shipped: {
    email: {
      subject: "Order {{orderNumber}} has shipped",
      body: `<p>Hi {{customerName}},</p><p>Shipment {{shipmentNumber}} is on its way.</p><ul>{{#packages}}<li>{{carrier}} {{service}}: {{trackingNumber}}</li>{{/packages}}</ul>${sign}`,
      enabled: true,
    },
    sms: {
      subject: "",
      body: "Order {{orderNumber}} shipped: {{#packages}}{{carrier}} {{trackingNumber}} {{/packages}}",
      enabled: true,
    },
  },
  delivered: {
    email: {
      subject: "Order {{orderNumber}} was delivered",
      body: `<p>Hi {{customerName}},</p><p>Shipment {{shipmentNumber}} has been delivered. Enjoy!</p>${sign}`,
      enabled: true,
    },
    sms: { subject: "", body: "Order {{orderNumber}} was delivered.", enabled: false },
  },
  return_received: {
    email: {
      subject: "We received your return {{rmaNumber}}",
      body: "<p>Hi {{customerName}},</p><p>Your return {{rmaNumber}} for order {{orderNumber}} has arrived; we are processing it.</p>",
      enabled: true,
    },
    sms: { subject: "", body: "Return {{rmaNumber}} received.", enabled: false },
  },
  refund_issued: {
    email: {
      subject: "Refund of {{refundAmount}} issued",
      body: "<p>Hi {{customerName}},</p><p>We refunded {{refundAmount}} for return {{rmaNumber}} (order {{orderNumber}}).</p>",
      enabled: true,
    },
    sms: { subject: "", body: "Refund of {{refundAmount}} issued for {{rmaNumber}}.", enabled: false },
  },
  ready_for_pickup: {
    email: {
      subject: "Order {{orderNumber}} is ready for pickup",
      body: `<p>Hi {{customerName}},</p><p>Your order {{orderNumber}} is ready at {{storeName}}, {{storeAddress}} ({{storeHours}}).</p><p>Your pickup code: <strong>{{pickupCode}}</strong>. Show it (or its QR code on the order page) at the counter with your name. Please collect by {{collectBy}}.</p>${sign}`,
      enabled: true,
    },
    sms: {
      subject: "",
      body: "Order {{orderNumber}} is ready at {{storeName}}. Pickup code {{pickupCode}}; collect by {{collectBy}}.",
      enabled: true,
    },
  },
  pickup_reminder: {
    email: {
      subject: "Reminder: order {{orderNumber}} is waiting for you",
      body: `<p>Hi {{customerName}},</p><p>Your order {{orderNumber}} is still waiting at {{storeName}}, {{storeAddress}} ({{storeHours}}). Pickup code <strong>{{pickupCode}}</strong>. After {{collectBy}} it goes back to stock and the order is cancelled and refunded.</p>${sign}`,
      enabled: true,
    },
    sms: {
      subject: "",
      body: "Order {{orderNumber}} is waiting at {{storeName}} (code {{pickupCode}}) until {{collectBy}}.",
      enabled: true,
    },
  },
};

/** Sample data for previews (realistic; tests pass hostile values explicitly to check escaping). */
export const SAMPLE_DATA: Record<string, string | Record<string, string>[]> = {
  customerName: "Ada Lovelace",
  orderNumber: "SO-100042",
  orderNote: "Please leave the parcel with the concierge.",
  trackingPageUrl: "https://shop.example.com/track",
  total: "$128.00",
  estimate: "Mar 14",
  shipmentNumber: "SO-100042-1",
  rmaNumber: "RMA-1007",
  refundAmount: "$42.00",
  pickupCode: "PU-7KQ4XM2D",
  storeName: "Downtown store",
  storeAddress: "12 Market St, Springfield",
  storeHours: "Mon–Sat 9:00–19:00",
  collectBy: "Mar 21",
  lines: [
    { sku: "MUG-01", name: "Mug", quantity: "2" },
    { sku: "TEA-7", name: "Tea & honey", quantity: "1" },
  ],
  packages: [
    { carrier: "UPS", service: "Ground", trackingNumber: "1Z999AA10123456784" },
    { carrier: "USPS", service: "Priority", trackingNumber: "9400111899223197428490" },
  ],
};
