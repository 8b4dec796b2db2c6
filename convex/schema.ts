import { defineSchema } from "convex/server";
import { memberTables } from "./model/members/tables";
import { catalogTables } from "./model/catalog/tables";
import { warehouseTables } from "./model/warehouses/tables";
import { inventoryTables } from "./model/inventory/tables";
import { orderTables } from "./model/orders/tables";
import { auditTables } from "./model/audit/tables";
import { allocationTables } from "./model/allocation/tables";
import { floorTables } from "./model/floor/tables";
import { boardTables } from "./model/boards/tables";
import { channelTables } from "./model/channels/tables";
import { exceptionTables } from "./model/holds/tables";
import { notificationTables } from "./model/notifications/tables";
import { returnTables } from "./model/returns/tables";
import { shippingTables } from "./model/shipping/tables";
import { geoTables } from "./model/geo/tables";
import { deskTables } from "./model/desk/tables";
import { batchTables } from "./model/batches/tables";
import { trackingTables } from "./model/tracking/tables";
import { financeTables } from "./model/finance/tables";
import { pickupTables } from "./model/pickup/tables";
import { portalTables } from "./model/portal/tables";

export default defineSchema({
  ...memberTables,
  ...catalogTables,
  ...warehouseTables,
  ...inventoryTables,
  ...orderTables,
  ...auditTables,
  ...allocationTables,
  ...floorTables,
  ...boardTables,
  ...channelTables,
  ...exceptionTables,
  ...notificationTables,
  ...returnTables,
  ...shippingTables,
  ...geoTables,
  ...deskTables,
  ...batchTables,
  ...trackingTables,
  ...financeTables,
  ...pickupTables,
  ...portalTables,
});
