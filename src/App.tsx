/**
 * Routes. Everything but /signin needs a signed-in member; pages check finer rights themselves.
 * Every page is split out with `lazyPage` (one chunk per page, loaded on first visit); the shell's
 * <main> shows `PageFallback` while a chunk arrives.
 */
import { Suspense } from "react";
import { Route, Routes } from "react-router-dom";
import { lazyPage, PageFallback } from "./components/layout/lazyPage";
import { RequireAuth } from "./components/layout/RequireAuth";
import { Shell } from "./components/layout/Shell";
import { SignInPage } from "./auth/SignInPage";
import { NotFoundPage } from "./components/layout/NotFoundPage";
import { RoleHome } from "./components/layout/RoleHome";

// Bulk actions the batches feature adds to the orders and shipments lists (issue 19).
import { orderBulkActions, shipmentBulkActions } from "./features/batches/bulkActions";
const OrdersPage = lazyPage(() => import("./features/orders/pages/OrdersPage"), "OrdersPage");
const OrderDetailPage = lazyPage(() => import("./features/orders/pages/OrderDetailPage"), "OrderDetailPage");
const NewOrderPage = lazyPage(() => import("./features/orders/pages/NewOrderPage"), "NewOrderPage");
const InventoryPage = lazyPage(() => import("./features/inventory/pages/InventoryPage"), "InventoryPage");
const ProductsPage = lazyPage(() => import("./features/products/pages/ProductsPage"), "ProductsPage");
const WarehousesPage = lazyPage(() => import("./features/warehouses/pages/WarehousesPage"), "WarehousesPage");
const MembersPage = lazyPage(() => import("./features/members/pages/MembersPage"), "MembersPage");
const ReturnsPage = lazyPage(() => import("./features/returns/pages/ReturnsPage"), "ReturnsPage");
const RmaDetailPage = lazyPage(() => import("./features/returns/pages/RmaDetailPage"), "RmaDetailPage");
const NewRmaPage = lazyPage(() => import("./features/returns/pages/NewRmaPage"), "NewRmaPage");
const ReceiveReturnPage = lazyPage(() => import("./features/returns/pages/ReceiveReturnPage"), "ReceiveReturnPage");
const ChannelsPage = lazyPage(() => import("./features/channels/pages/ChannelsPage"), "ChannelsPage");
const SkuMappingsPage = lazyPage(() => import("./features/channels/pages/SkuMappingsPage"), "SkuMappingsPage");
const CsvImportPage = lazyPage(() => import("./features/channels/pages/CsvImportPage"), "CsvImportPage");
const PickListsPage = lazyPage(() => import("./features/floor/pages/PickListsPage"), "PickListsPage");
const PickScannerPage = lazyPage(() => import("./features/floor/pages/PickScannerPage"), "PickScannerPage");
const PackQueuePage = lazyPage(() => import("./features/floor/pages/PackQueuePage"), "PackQueuePage");
const PackStationPage = lazyPage(() => import("./features/floor/pages/PackStationPage"), "PackStationPage");
const BackordersPage = lazyPage(() => import("./features/allocation/pages/BackordersPage"), "BackordersPage");
const WhatIfPage = lazyPage(() => import("./features/allocation/pages/WhatIfPage"), "WhatIfPage");
const AllocationSettingsPage = lazyPage(
  () => import("./features/allocation/pages/AllocationSettingsPage"),
  "AllocationSettingsPage",
);
const ShippingRulesPage = lazyPage(() => import("./features/shipping/pages/ShippingRulesPage"), "ShippingRulesPage");
const ExceptionQueuePage = lazyPage(
  () => import("./features/exceptions/pages/ExceptionQueuePage"),
  "ExceptionQueuePage",
);
const ExceptionSettingsPage = lazyPage(
  () => import("./features/exceptions/pages/ExceptionSettingsPage"),
  "ExceptionSettingsPage",
);
const TemplatesPage = lazyPage(() => import("./features/notifications/pages/TemplatesPage"), "TemplatesPage");
const OutboxPage = lazyPage(() => import("./features/notifications/pages/OutboxPage"), "OutboxPage");
const TrackPage = lazyPage(() => import("./features/tracking/pages/TrackPage"), "TrackPage");
const BoardsPage = lazyPage(() => import("./features/boards/pages/BoardsPage"), "BoardsPage");
const ShipmentsPage = lazyPage(() => import("./features/shipments/pages/ShipmentsPage"), "ShipmentsPage");
const BatchesPage = lazyPage(() => import("./features/batches/pages/BatchesPage"), "BatchesPage");
const BatchDetailPage = lazyPage(() => import("./features/batches/pages/BatchDetailPage"), "BatchDetailPage");
const PrintStationPage = lazyPage(() => import("./features/batches/pages/PrintStationPage"), "PrintStationPage");
const CarrierBoardPage = lazyPage(() => import("./features/carriers/pages/CarrierBoardPage"), "CarrierBoardPage");
const FinanceExportsPage = lazyPage(() => import("./features/finance/pages/FinanceExportsPage"), "FinanceExportsPage");
const StorePickupsPage = lazyPage(() => import("./features/pickup/pages/StorePickupsPage"), "StorePickupsPage");
const StorePickupPage = lazyPage(() => import("./features/pickup/pages/StorePickupPage"), "StorePickupPage");
const StoresPage = lazyPage(() => import("./features/pickup/pages/StoresPage"), "StoresPage");

export function App() {
  return (
    <Routes>
      <Route path="/signin/*" element={<SignInPage />} />
      {/* The customer tracking page: public, outside the signed-in shell. */}
      <Route
        path="/track"
        element={
          <Suspense fallback={<PageFallback />}>
            <TrackPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<RoleHome />} />
        <Route path="boards" element={<BoardsPage />} />
        <Route path="boards/carriers" element={<CarrierBoardPage />} />
        <Route path="finance/exports" element={<FinanceExportsPage />} />
        <Route path="orders" element={<OrdersPage extraActions={orderBulkActions} />} />
        <Route path="orders/new" element={<NewOrderPage />} />
        <Route path="orders/:id" element={<OrderDetailPage />} />
        <Route path="shipments" element={<ShipmentsPage extraActions={shipmentBulkActions} />} />
        <Route path="inventory" element={<InventoryPage />} />
        <Route path="products" element={<ProductsPage />} />
        <Route path="warehouses" element={<WarehousesPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="floor/pick" element={<PickListsPage />} />
        <Route path="floor/pick/:pickListId" element={<PickScannerPage />} />
        <Route path="floor/pack" element={<PackQueuePage />} />
        <Route path="floor/pack/:shipmentId" element={<PackStationPage />} />
        <Route path="backorders" element={<BackordersPage />} />
        <Route path="allocation/what-if" element={<WhatIfPage />} />
        <Route path="allocation/settings" element={<AllocationSettingsPage />} />
        <Route path="shipping/rules" element={<ShippingRulesPage />} />
        <Route path="orders/:id/return" element={<NewRmaPage />} />
        <Route path="returns" element={<ReturnsPage />} />
        <Route path="returns/receive" element={<ReceiveReturnPage />} />
        <Route path="returns/:rmaId" element={<RmaDetailPage />} />
        <Route path="channels" element={<ChannelsPage />} />
        <Route path="channels/mappings" element={<SkuMappingsPage />} />
        <Route path="channels/import" element={<CsvImportPage />} />
        <Route path="exceptions" element={<ExceptionQueuePage />} />
        <Route path="exceptions/settings" element={<ExceptionSettingsPage />} />
        <Route path="notifications/templates" element={<TemplatesPage />} />
        <Route path="notifications/outbox" element={<OutboxPage />} />
        <Route path="batches" element={<BatchesPage />} />
        <Route path="batches/:batchId" element={<BatchDetailPage />} />
        <Route path="floor/print" element={<PrintStationPage />} />
        <Route path="store/pickups" element={<StorePickupsPage />} />
        <Route path="store/pickups/:pickupId" element={<StorePickupPage />} />
        <Route path="stores" element={<StoresPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
