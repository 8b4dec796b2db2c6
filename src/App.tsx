/** Routes. Everything but /signin needs a signed-in member; pages check finer rights themselves. */
import { Route, Routes } from "react-router-dom";
import { RequireAuth } from "./components/layout/RequireAuth";
import { Shell } from "./components/layout/Shell";
import { SignInPage } from "./auth/SignInPage";
import { OrdersPage } from "./features/orders/pages/OrdersPage";
import { OrderDetailPage } from "./features/orders/pages/OrderDetailPage";
import { NewOrderPage } from "./features/orders/pages/NewOrderPage";
import { InventoryPage } from "./features/inventory/pages/InventoryPage";
import { ProductsPage } from "./features/products/pages/ProductsPage";
import { WarehousesPage } from "./features/warehouses/pages/WarehousesPage";
import { MembersPage } from "./features/members/pages/MembersPage";
import { ReturnsPage } from "./features/returns/pages/ReturnsPage";
import { RmaDetailPage } from "./features/returns/pages/RmaDetailPage";
import { NewRmaPage } from "./features/returns/pages/NewRmaPage";
import { ReceiveReturnPage } from "./features/returns/pages/ReceiveReturnPage";
import { NotFoundPage } from "./components/layout/NotFoundPage";
import { RoleHome } from "./components/layout/RoleHome";
import { ChannelsPage } from "./features/channels/pages/ChannelsPage";
import { SkuMappingsPage } from "./features/channels/pages/SkuMappingsPage";
import { CsvImportPage } from "./features/channels/pages/CsvImportPage";
import { PickListsPage } from "./features/floor/pages/PickListsPage";
import { PickScannerPage } from "./features/floor/pages/PickScannerPage";
import { PackQueuePage } from "./features/floor/pages/PackQueuePage";
import { PackStationPage } from "./features/floor/pages/PackStationPage";
import { BackordersPage } from "./features/allocation/pages/BackordersPage";
import { WhatIfPage } from "./features/allocation/pages/WhatIfPage";
import { AllocationSettingsPage } from "./features/allocation/pages/AllocationSettingsPage";
import { ShippingRulesPage } from "./features/shipping/pages/ShippingRulesPage";
import { ExceptionQueuePage } from "./features/exceptions/pages/ExceptionQueuePage";
import { ExceptionSettingsPage } from "./features/exceptions/pages/ExceptionSettingsPage";
import { TemplatesPage } from "./features/notifications/pages/TemplatesPage";
import { OutboxPage } from "./features/notifications/pages/OutboxPage";
import { TrackPage } from "./features/tracking/pages/TrackPage";
import { BoardsPage } from "./features/boards/pages/BoardsPage";
import { StorePickupsPage } from "./features/pickup/pages/StorePickupsPage";
import { StorePickupPage } from "./features/pickup/pages/StorePickupPage";
import { StoresPage } from "./features/pickup/pages/StoresPage";

export function App() {
  return (
    <Routes>
      <Route path="/signin/*" element={<SignInPage />} />
      {/* The customer tracking page: public, outside the signed-in shell. */}
      <Route path="/track" element={<TrackPage />} />
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<RoleHome />} />
        <Route path="boards" element={<BoardsPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/new" element={<NewOrderPage />} />
        <Route path="orders/:id" element={<OrderDetailPage />} />
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
        <Route path="store/pickups" element={<StorePickupsPage />} />
        <Route path="store/pickups/:pickupId" element={<StorePickupPage />} />
        <Route path="stores" element={<StoresPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
