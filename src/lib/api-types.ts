/**
 * The server's types, as the client sees them: every alias is taken from the generated API
 * (`FunctionReturnType` / `FunctionArgs` of a public function), so the client never imports from
 * `convex/model`. Pure helpers the client shares (money, barcodes, status sets, labels) stay in
 * `convex/lib` and are imported from there.
 */
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import type { api } from "../../convex/_generated/api";

export type Role = FunctionReturnType<typeof api.members.me>["role"];
export type ScanResult = FunctionReturnType<typeof api.floor.scan>["result"];
export type ManualOrderInput = FunctionArgs<typeof api.orders.createManual>["order"];
export type WarehouseInput = FunctionArgs<typeof api.warehouses.create>["warehouse"];
export type WarehouseKind = WarehouseInput["kind"];
export type ProductInput = FunctionArgs<typeof api.products.create>["product"];
export type QueueRow = FunctionReturnType<typeof api.holds.queue>["page"][number];
export type ExceptionSettings = FunctionReturnType<typeof api.holds.settings>;
export type NotificationStatus = FunctionReturnType<typeof api.notifications.outbox>["page"][number]["status"];
export type Template = FunctionReturnType<typeof api.notifications.templates>["templates"][number];
export type RuleConditionsDoc = FunctionArgs<typeof api.shippingRules.add>["conditions"];
export type RuleActionDoc = FunctionArgs<typeof api.shippingRules.add>["action"];
export type RuleConstraintsDoc = FunctionArgs<typeof api.shippingRules.add>["constraints"];
export type MovementKind = FunctionReturnType<typeof api.inventory.ledger>["page"][number]["kind"];
export type ChannelStatus = FunctionReturnType<typeof api.channels.list>[number]["status"];
export type BatchStatus = FunctionReturnType<typeof api.batches.list>["page"][number]["status"];
export type BatchItemStatus = FunctionReturnType<typeof api.batches.items>["page"][number]["status"];
