// Entry point: the shell (header and navigation) and the hash router.
import { render } from "preact";
import { useEffect } from "preact/hooks";
import "./styles.css";
import { useRoute } from "./router";
import { SearchPage } from "./pages/SearchPage";
import { EntityPage } from "./pages/EntityPage";
import { ListsPage } from "./pages/ListsPage";
import { AlertsPage } from "./pages/AlertsPage";
import { AlertPage } from "./pages/AlertPage";
import { AllowlistPage } from "./pages/AllowlistPage";
import { DesignationsPage } from "./pages/DesignationsPage";
import { KeyBox } from "./components/KeyBox";
import { installKeyHeader } from "./auth";

installKeyHeader();

function App() {
  const route = useRoute();

  // "/" jumps to the search box from anywhere, as on most search tools.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
      if (e.key !== "/" || typing || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      if (route.page !== "search") location.hash = "#/search";
      else document.getElementById("search-name")?.focus();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [route.page]);

  return (
    <>
      <header class="topbar">
        <a class="brand" href="#/search">
          Interdict
        </a>
        <nav>
          <a href="#/search" aria-current={route.page === "search" ? "page" : undefined}>
            Search
          </a>
          <a href="#/lists" aria-current={route.page === "lists" ? "page" : undefined}>
            Lists
          </a>
          <a href="#/alerts" aria-current={route.page === "alerts" || route.page === "alert" ? "page" : undefined}>
            Alerts
          </a>
          <a href="#/allowlist" aria-current={route.page === "allowlist" ? "page" : undefined}>
            Allowlist
          </a>
          <a href="#/designations" aria-current={route.page === "designations" ? "page" : undefined}>
            Designations
          </a>
        </nav>
        <span class="hint">
          <kbd>/</kbd> search · <kbd>↑</kbd>
          <kbd>↓</kbd> move · <kbd>Enter</kbd> open
        </span>
        <KeyBox />
      </header>
      <main>
        {route.page === "search" && <SearchPage key={route.visit} params={route.params} />}
        {route.page === "entity" && <EntityPage key={route.visit} id={route.arg} version={Number(route.params.get("version")) || 0} />}
        {route.page === "lists" && <ListsPage list={route.arg} params={route.params} />}
        {route.page === "alerts" && <AlertsPage params={route.params} />}
        {route.page === "alert" && <AlertPage key={route.arg} id={Number(route.arg)} />}
        {route.page === "allowlist" && <AllowlistPage />}
        {route.page === "designations" && <DesignationsPage />}
      </main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
