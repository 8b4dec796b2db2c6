/**
 * The app shell: skip link, header with the member and sign-out, navigation grouped by job and
 * trimmed by role (a collapsible drawer on phones), the offline banner, the connection banner (lost
 * or unreachable backend), and the page in an error boundary and a Suspense boundary for its lazy
 * chunk. Focus moves to the new page's heading on every route change (`useRouteFocus`).
 */
import { Suspense, useEffect, useRef, useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import { MeContext, type Me } from "../../features/members/hooks/useMe";
import { ROLE_LABELS } from "../../../convex/lib/roles";
import { useSession } from "../../auth/session";
import { Button, ErrorBoundary, ErrorState, Loading } from "../ui";
import { errorCode } from "../../lib/errors";
import { ConnectionBanner } from "./ConnectionBanner";
import { navGroupsFor } from "./nav";
import { PageFallback } from "./lazyPage";
import { useRouteFocus } from "./useRouteFocus";

export { NAV_ITEMS, navFor, navGroupsFor } from "./nav";
import { GlobalSearch } from "./GlobalSearch";

export function OfflineBanner() {
  const { offline } = useSession();
  if (!offline) return null;
  return (
    <div className="offline-banner" role="note">
      <strong>Offline demo</strong> — running on the local offline runtime with demo data and demo sign-in. Nothing
      leaves this machine.
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
  const mainRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  useRouteFocus(mainRef, location.pathname);
  // A followed link closes the drawer on phones.
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setNavOpen(false);
  }
  useEffect(() => {
    if (!navOpen) return;
    // Escape closes the drawer and gives the focus back to the button that opened it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setNavOpen(false);
      toggleRef.current?.focus();
    };
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
          ref={toggleRef}
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
        <GlobalSearch />
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
          {navGroupsFor(me.role).map((group) => (
            <div key={group.name} className="nav-group">
              <h2 className="nav-group-title" id={`nav-${group.name}`}>
                {group.name}
              </h2>
              <ul aria-labelledby={`nav-${group.name}`}>
                {group.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        {navOpen && <div className="nav-scrim" onClick={() => setNavOpen(false)} aria-hidden />}
        <main id="main" className="main" tabIndex={-1} ref={mainRef}>
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageFallback />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
