/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as allocation from "../allocation.js";
import type * as channelSync from "../channelSync.js";
import type * as channels from "../channels.js";
import type * as crons from "../crons.js";
import type * as dashboards from "../dashboards.js";
import type * as exceptions from "../exceptions.js";
import type * as floor from "../floor.js";
import type * as functions from "../functions.js";
import type * as http from "../http.js";
import type * as integrations_carriers_easypost from "../integrations/carriers/easypost.js";
import type * as integrations_carriers_rateShop from "../integrations/carriers/rateShop.js";
import type * as integrations_carriers_registry from "../integrations/carriers/registry.js";
import type * as integrations_carriers_shippo from "../integrations/carriers/shippo.js";
import type * as integrations_carriers_shipstation from "../integrations/carriers/shipstation.js";
import type * as integrations_carriers_tableRate from "../integrations/carriers/tableRate.js";
import type * as integrations_carriers_types from "../integrations/carriers/types.js";
import type * as integrations_channels_amazon from "../integrations/channels/amazon.js";
import type * as integrations_channels_http from "../integrations/channels/http.js";
import type * as integrations_channels_rateLimit from "../integrations/channels/rateLimit.js";
import type * as integrations_channels_registry from "../integrations/channels/registry.js";
import type * as integrations_channels_sandbox from "../integrations/channels/sandbox.js";
import type * as integrations_channels_shopify from "../integrations/channels/shopify.js";
import type * as integrations_channels_shopifyQueries from "../integrations/channels/shopifyQueries.js";
import type * as integrations_channels_shopifyWebhook from "../integrations/channels/shopifyWebhook.js";
import type * as integrations_channels_types from "../integrations/channels/types.js";
import type * as integrations_channels_webhook from "../integrations/channels/webhook.js";
import type * as integrations_channels_worker from "../integrations/channels/worker.js";
import type * as inventory from "../inventory.js";
import type * as lib_address from "../lib/address.js";
import type * as lib_allocation_builder from "../lib/allocation/builder.js";
import type * as lib_allocation_fallback from "../lib/allocation/fallback.js";
import type * as lib_allocation_fifoCost from "../lib/allocation/fifoCost.js";
import type * as lib_allocation_proximity from "../lib/allocation/proximity.js";
import type * as lib_allocation_registry from "../lib/allocation/registry.js";
import type * as lib_allocation_singleWarehouse from "../lib/allocation/singleWarehouse.js";
import type * as lib_allocation_sources from "../lib/allocation/sources.js";
import type * as lib_allocation_types from "../lib/allocation/types.js";
import type * as lib_barcode from "../lib/barcode.js";
import type * as lib_boards from "../lib/boards.js";
import type * as lib_channels_csv from "../lib/channels/csv.js";
import type * as lib_channels_env from "../lib/channels/env.js";
import type * as lib_channels_order from "../lib/channels/order.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_floor from "../lib/floor.js";
import type * as lib_geo_coordinates from "../lib/geo/coordinates.js";
import type * as lib_lines from "../lib/lines.js";
import type * as lib_money from "../lib/money.js";
import type * as lib_notifications_render from "../lib/notifications/render.js";
import type * as lib_notifications_templates from "../lib/notifications/templates.js";
import type * as lib_orderStatus from "../lib/orderStatus.js";
import type * as lib_returns from "../lib/returns.js";
import type * as lib_shipping_rules from "../lib/shipping/rules.js";
import type * as lib_shipping_tableRates from "../lib/shipping/tableRates.js";
import type * as lib_shipping_types from "../lib/shipping/types.js";
import type * as lib_validation_engine from "../lib/validation/engine.js";
import type * as lib_validation_fraud from "../lib/validation/fraud.js";
import type * as lib_validation_types from "../lib/validation/types.js";
import type * as members from "../members.js";
import type * as model_allocation_allocate from "../model/allocation/allocate.js";
import type * as model_allocation_apply from "../model/allocation/apply.js";
import type * as model_allocation_settings from "../model/allocation/settings.js";
import type * as model_allocation_tables from "../model/allocation/tables.js";
import type * as model_allocation_whatif from "../model/allocation/whatif.js";
import type * as model_audit_record from "../model/audit/record.js";
import type * as model_audit_tables from "../model/audit/tables.js";
import type * as model_boards_buffer from "../model/boards/buffer.js";
import type * as model_boards_contributions from "../model/boards/contributions.js";
import type * as model_boards_deadlines from "../model/boards/deadlines.js";
import type * as model_boards_demand from "../model/boards/demand.js";
import type * as model_boards_read from "../model/boards/read.js";
import type * as model_boards_rebuild from "../model/boards/rebuild.js";
import type * as model_boards_tables from "../model/boards/tables.js";
import type * as model_boards_triggers from "../model/boards/triggers.js";
import type * as model_catalog_products from "../model/catalog/products.js";
import type * as model_catalog_tables from "../model/catalog/tables.js";
import type * as model_channels_channels from "../model/channels/channels.js";
import type * as model_channels_csv from "../model/channels/csv.js";
import type * as model_channels_imports from "../model/channels/imports.js";
import type * as model_channels_labels from "../model/channels/labels.js";
import type * as model_channels_mapping from "../model/channels/mapping.js";
import type * as model_channels_outbox from "../model/channels/outbox.js";
import type * as model_channels_tables from "../model/channels/tables.js";
import type * as model_exceptions_holds from "../model/exceptions/holds.js";
import type * as model_exceptions_hooks from "../model/exceptions/hooks.js";
import type * as model_exceptions_payment from "../model/exceptions/payment.js";
import type * as model_exceptions_queue from "../model/exceptions/queue.js";
import type * as model_exceptions_resolve from "../model/exceptions/resolve.js";
import type * as model_exceptions_settings from "../model/exceptions/settings.js";
import type * as model_exceptions_stuck from "../model/exceptions/stuck.js";
import type * as model_exceptions_tables from "../model/exceptions/tables.js";
import type * as model_exceptions_validate from "../model/exceptions/validate.js";
import type * as model_floor_packing from "../model/floor/packing.js";
import type * as model_floor_pickLists from "../model/floor/pickLists.js";
import type * as model_floor_picking from "../model/floor/picking.js";
import type * as model_floor_presence from "../model/floor/presence.js";
import type * as model_floor_seed from "../model/floor/seed.js";
import type * as model_floor_tables from "../model/floor/tables.js";
import type * as model_fulfillment_ship from "../model/fulfillment/ship.js";
import type * as model_inventory_ledger from "../model/inventory/ledger.js";
import type * as model_inventory_operations from "../model/inventory/operations.js";
import type * as model_inventory_tables from "../model/inventory/tables.js";
import type * as model_inventory_verify from "../model/inventory/verify.js";
import type * as model_members_members from "../model/members/members.js";
import type * as model_members_tables from "../model/members/tables.js";
import type * as model_orders_create from "../model/orders/create.js";
import type * as model_orders_lifecycle from "../model/orders/lifecycle.js";
import type * as model_orders_tables from "../model/orders/tables.js";
import type * as model_orders_transition from "../model/orders/transition.js";
import type * as model_returns_issue from "../model/returns/issue.js";
import type * as model_returns_label from "../model/returns/label.js";
import type * as model_returns_lifecycle from "../model/returns/lifecycle.js";
import type * as model_returns_lookup from "../model/returns/lookup.js";
import type * as model_returns_receive from "../model/returns/receive.js";
import type * as model_returns_refund from "../model/returns/refund.js";
import type * as model_returns_seed from "../model/returns/seed.js";
import type * as model_returns_stats from "../model/returns/stats.js";
import type * as model_returns_tables from "../model/returns/tables.js";
import type * as model_shipping_tables from "../model/shipping/tables.js";
import type * as model_warehouses_tables from "../model/warehouses/tables.js";
import type * as model_warehouses_warehouses from "../model/warehouses/warehouses.js";
import type * as orders from "../orders.js";
import type * as products from "../products.js";
import type * as returnLabels from "../returnLabels.js";
import type * as returns from "../returns.js";
import type * as seed from "../seed.js";
import type * as warehouses from "../warehouses.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  allocation: typeof allocation;
  channelSync: typeof channelSync;
  channels: typeof channels;
  crons: typeof crons;
  dashboards: typeof dashboards;
  exceptions: typeof exceptions;
  floor: typeof floor;
  functions: typeof functions;
  http: typeof http;
  "integrations/carriers/easypost": typeof integrations_carriers_easypost;
  "integrations/carriers/rateShop": typeof integrations_carriers_rateShop;
  "integrations/carriers/registry": typeof integrations_carriers_registry;
  "integrations/carriers/shippo": typeof integrations_carriers_shippo;
  "integrations/carriers/shipstation": typeof integrations_carriers_shipstation;
  "integrations/carriers/tableRate": typeof integrations_carriers_tableRate;
  "integrations/carriers/types": typeof integrations_carriers_types;
  "integrations/channels/amazon": typeof integrations_channels_amazon;
  "integrations/channels/http": typeof integrations_channels_http;
  "integrations/channels/rateLimit": typeof integrations_channels_rateLimit;
  "integrations/channels/registry": typeof integrations_channels_registry;
  "integrations/channels/sandbox": typeof integrations_channels_sandbox;
  "integrations/channels/shopify": typeof integrations_channels_shopify;
  "integrations/channels/shopifyQueries": typeof integrations_channels_shopifyQueries;
  "integrations/channels/shopifyWebhook": typeof integrations_channels_shopifyWebhook;
  "integrations/channels/types": typeof integrations_channels_types;
  "integrations/channels/webhook": typeof integrations_channels_webhook;
  "integrations/channels/worker": typeof integrations_channels_worker;
  inventory: typeof inventory;
  "lib/address": typeof lib_address;
  "lib/allocation/builder": typeof lib_allocation_builder;
  "lib/allocation/fallback": typeof lib_allocation_fallback;
  "lib/allocation/fifoCost": typeof lib_allocation_fifoCost;
  "lib/allocation/proximity": typeof lib_allocation_proximity;
  "lib/allocation/registry": typeof lib_allocation_registry;
  "lib/allocation/singleWarehouse": typeof lib_allocation_singleWarehouse;
  "lib/allocation/sources": typeof lib_allocation_sources;
  "lib/allocation/types": typeof lib_allocation_types;
  "lib/barcode": typeof lib_barcode;
  "lib/boards": typeof lib_boards;
  "lib/channels/csv": typeof lib_channels_csv;
  "lib/channels/env": typeof lib_channels_env;
  "lib/channels/order": typeof lib_channels_order;
  "lib/errors": typeof lib_errors;
  "lib/floor": typeof lib_floor;
  "lib/geo/coordinates": typeof lib_geo_coordinates;
  "lib/lines": typeof lib_lines;
  "lib/money": typeof lib_money;
  "lib/notifications/render": typeof lib_notifications_render;
  "lib/notifications/templates": typeof lib_notifications_templates;
  "lib/orderStatus": typeof lib_orderStatus;
  "lib/returns": typeof lib_returns;
  "lib/shipping/rules": typeof lib_shipping_rules;
  "lib/shipping/tableRates": typeof lib_shipping_tableRates;
  "lib/shipping/types": typeof lib_shipping_types;
  "lib/validation/engine": typeof lib_validation_engine;
  "lib/validation/fraud": typeof lib_validation_fraud;
  "lib/validation/types": typeof lib_validation_types;
  members: typeof members;
  "model/allocation/allocate": typeof model_allocation_allocate;
  "model/allocation/apply": typeof model_allocation_apply;
  "model/allocation/settings": typeof model_allocation_settings;
  "model/allocation/tables": typeof model_allocation_tables;
  "model/allocation/whatif": typeof model_allocation_whatif;
  "model/audit/record": typeof model_audit_record;
  "model/audit/tables": typeof model_audit_tables;
  "model/boards/buffer": typeof model_boards_buffer;
  "model/boards/contributions": typeof model_boards_contributions;
  "model/boards/deadlines": typeof model_boards_deadlines;
  "model/boards/demand": typeof model_boards_demand;
  "model/boards/read": typeof model_boards_read;
  "model/boards/rebuild": typeof model_boards_rebuild;
  "model/boards/tables": typeof model_boards_tables;
  "model/boards/triggers": typeof model_boards_triggers;
  "model/catalog/products": typeof model_catalog_products;
  "model/catalog/tables": typeof model_catalog_tables;
  "model/channels/channels": typeof model_channels_channels;
  "model/channels/csv": typeof model_channels_csv;
  "model/channels/imports": typeof model_channels_imports;
  "model/channels/labels": typeof model_channels_labels;
  "model/channels/mapping": typeof model_channels_mapping;
  "model/channels/outbox": typeof model_channels_outbox;
  "model/channels/tables": typeof model_channels_tables;
  "model/exceptions/holds": typeof model_exceptions_holds;
  "model/exceptions/hooks": typeof model_exceptions_hooks;
  "model/exceptions/payment": typeof model_exceptions_payment;
  "model/exceptions/queue": typeof model_exceptions_queue;
  "model/exceptions/resolve": typeof model_exceptions_resolve;
  "model/exceptions/settings": typeof model_exceptions_settings;
  "model/exceptions/stuck": typeof model_exceptions_stuck;
  "model/exceptions/tables": typeof model_exceptions_tables;
  "model/exceptions/validate": typeof model_exceptions_validate;
  "model/floor/packing": typeof model_floor_packing;
  "model/floor/pickLists": typeof model_floor_pickLists;
  "model/floor/picking": typeof model_floor_picking;
  "model/floor/presence": typeof model_floor_presence;
  "model/floor/seed": typeof model_floor_seed;
  "model/floor/tables": typeof model_floor_tables;
  "model/fulfillment/ship": typeof model_fulfillment_ship;
  "model/inventory/ledger": typeof model_inventory_ledger;
  "model/inventory/operations": typeof model_inventory_operations;
  "model/inventory/tables": typeof model_inventory_tables;
  "model/inventory/verify": typeof model_inventory_verify;
  "model/members/members": typeof model_members_members;
  "model/members/tables": typeof model_members_tables;
  "model/orders/create": typeof model_orders_create;
  "model/orders/lifecycle": typeof model_orders_lifecycle;
  "model/orders/tables": typeof model_orders_tables;
  "model/orders/transition": typeof model_orders_transition;
  "model/returns/issue": typeof model_returns_issue;
  "model/returns/label": typeof model_returns_label;
  "model/returns/lifecycle": typeof model_returns_lifecycle;
  "model/returns/lookup": typeof model_returns_lookup;
  "model/returns/receive": typeof model_returns_receive;
  "model/returns/refund": typeof model_returns_refund;
  "model/returns/seed": typeof model_returns_seed;
  "model/returns/stats": typeof model_returns_stats;
  "model/returns/tables": typeof model_returns_tables;
  "model/shipping/tables": typeof model_shipping_tables;
  "model/warehouses/tables": typeof model_warehouses_tables;
  "model/warehouses/warehouses": typeof model_warehouses_warehouses;
  orders: typeof orders;
  products: typeof products;
  returnLabels: typeof returnLabels;
  returns: typeof returns;
  seed: typeof seed;
  warehouses: typeof warehouses;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
