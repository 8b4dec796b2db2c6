/**
 * The app shell: skip link, header with the member and sign-out, navigation by role (a
 * collapsible drawer on phones), the offline banner, the connection banner (lost or unreachable
 * backend), and the page in an error boundary.
 */
import { useEffect, useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import type { Role } from "../../../convex/model/members/tables";
import { MeContext, type Me } from "../../features/members/hooks/useMe";
import { roleAtLeast, ROLE_LABELS } from "../../lib/roles";
import { useSession } from "../../auth/session";
import { Button, ErrorBoundary, ErrorState, Loading } from "../ui";
import { errorCode } from "../../lib/errors";
import { ConnectionBanner } from "./ConnectionBanner";

type NavItem = { to: string; label: string; min: Role; end?: boolean; floorFirst?: boolean };

export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/boards", label: "Boards", min: "supervisor" },
  { to: "/orders", label: "Orders", min: "floor", end: true },
  { to: "/orders/new", label: "New order", min: "supervisor" },
  { to: "/inventory", label: "Inventory", min: "floor" },
  { to: "/backorders", label: "Backorders", min: "floor" },
  { to: "/exceptions", label: "Exceptions", min: "supervisor", end: true },
  { to: "/notifications/outbox", label: "Messages", min: "supervisor" },
  { to: "/notifications/templates", label: "Message templates", min: "supervisor" },
  { to: "/exceptions/settings", label: "Exception rules", min: "admin" },
  { to: "/allocation/what-if", label: "What if…", min: "supervisor" },
  { to: "/allocation/settings", label: "Allocation", min: "admin" },
  { to: "/shipping/rules", label: "Shipping rules", min: "supervisor" },
  { to: "/products", label: "Products", min: "supervisor" },
  { to: "/warehouses", label: "Warehouses", min: "supervisor" },
  { to: "/channels", label: "Channels", min: "supervisor", end: true },
  { to: "/channels/mappings", label: "SKU mappings", min: "supervisor" },
  { to: "/channels/import", label: "Import CSV", min: "supervisor" },
  { to: "/members", label: "Members", min: "admin" },
  { to: "/floor/pick", label: "Pick", min: "floor", floorFirst: true },
  { to: "/floor/pack", label: "Pack", min: "floor", floorFirst: true },
  { to: "/returns", label: "Returns", min: "floor", end: true },
  { to: "/returns/receive", label: "Receive returns", min: "floor", floorFirst: true },
  { to: "/store/pickups", label: "Pickups", min: "floor", floorFirst: true },
  { to: "/stores", label: "Stores", min: "admin" },
];

export function navFor(role: Role | undefined): NavItem[] {
  const items = NAV_ITEMS.filter((i) => roleAtLeast(role, i.min));
  // Floor staff work on phones: their pick and pack pages lead the menu.
  return role === "floor" ? [...items.filter((i) => i.floorFirst), ...items.filter((i) => !i.floorFirst)] : items;
}

export function OfflineBanner() {
  const { offline } = useSession();
  if (!offline) return null;
  return (
    <div className="offline-banner" role="note">
      <strong>Offline demo</strong> — running on the local offline runtime with demo data and demo sign-in. Nothing leaves this machine.
    </div>
  );
}

export function Shell() {
  const session = useSession();
  return (
    <ErrorBoundary
      fallback={(error) => (
        <div className="app">
          <OfflineBanner />
          <ConnectionBanner />
          <main id="main" className="main narrow">
            <ErrorState
              error={error}
              title={errorCode(error) === "FORBIDDEN" ? "No access" : "We could not load your account"}
            >
              <Button variant="primary" onClick={() => void session.signOut()}>
                Sign out
              </Button>
            </ErrorState>
          </main>
        </div>
      )}
    >
      <MemberShell />
    </ErrorBoundary>
  );
}

function MemberShell() {
  const me = useQuery(api.members.me);
  if (me === undefined)
    return (
      <>
        <ConnectionBanner />
        <Loading label="Loading your workspace…" />
      </>
    );
  return (
    <MeContext.Provider value={me}>
      <Layout me={me} />
    </MeContext.Provider>
  );
}

function Layout({ me }: { me: Me }) {
  const { signOut } = useSession();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  // A followed link closes the drawer on phones.
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setNavOpen(false);
  }
  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setNavOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navOpen]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <OfflineBanner />
      <ConnectionBanner />
      <header className="topbar">
        <button
          type="button"
          className="nav-toggle btn btn-ghost btn-md"
          aria-expanded={navOpen}
          aria-controls="primary-nav"
          onClick={() => setNavOpen((o) => !o)}
        >
          <span aria-hidden>☰</span>
          <span className="visually-hidden">Menu</span>
        </button>
        <NavLink to="/" className="brand">
          Order platform
        </NavLink>
        <div className="topbar-user">
          <span className="user-name">
            {me.name} <span className="user-role">{ROLE_LABELS[me.role]}</span>
          </span>
          <Button variant="ghost" size="sm" onClick={() => void signOut()}>
            Sign out
          </Button>
        </div>
      </header>
      <div className="body">
        <nav id="primary-nav" className={["sidenav", navOpen ? "open" : ""].join(" ")} aria-label="Main">
          <ul>
            {navFor(me.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {navOpen && <div className="nav-scrim" onClick={() => setNavOpen(false)} aria-hidden />}
        <main id="main" className="main" tabIndex={-1}>
          <ErrorBoundary resetKey={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
