// Hash routing, so every view has a shareable URL that the static server
// needs no rewrite rules for:
//   #/search?q=…&type=…&dob=…&country=…   #/entity/<id>
//   #/lists   #/lists/<list>?from=N&to=M
//   #/alerts?status=…&list=…&assignee=…&min_score=…&max_age_days=…&offset=…
//   #/alert/<id>   #/allowlist   #/designations
import { useEffect, useState } from "preact/hooks";

export interface Route {
  page: "search" | "entity" | "lists" | "alerts" | "alert" | "allowlist" | "designations";
  arg: string; // entity id or list name, decoded; "" when absent
  params: URLSearchParams;
  // Counts hash changes, so a page can start afresh when a link leads to it
  // again (e.g. a search link followed from the search page).
  visit: number;
}

export function parseHash(hash: string, visit = 0): Route {
  const raw = hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
  const slash = path.indexOf("/");
  const head = slash < 0 ? path : path.slice(0, slash);
  const arg = slash < 0 ? "" : safeDecode(path.slice(slash + 1));
  if (head === "entity" && arg) return { page: "entity", arg, params, visit };
  if (head === "lists") return { page: "lists", arg, params, visit };
  if (head === "alerts") return { page: "alerts", arg: "", params, visit };
  if (head === "alert" && /^\d+$/.test(arg)) return { page: "alert", arg, params, visit };
  if (head === "allowlist" || head === "designations") return { page: head, arg: "", params, visit };
  return { page: "search", arg: "", params, visit };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// `version` (a store-wide version id) shows the entity as it was then, for
// entities no longer in the current version.
export function entityHref(id: string, version?: number): string {
  return "#/entity/" + encodeURIComponent(id) + (version ? `?version=${version}` : "");
}

export function listHref(list: string, from?: number, to?: number): string {
  const range = from && to ? `?from=${from}&to=${to}` : "";
  return "#/lists/" + encodeURIComponent(list) + range;
}

export function searchHref(params: Record<string, string>): string {
  const kept = Object.entries(params).filter(([, v]) => v !== "");
  return "#/search" + (kept.length ? "?" + new URLSearchParams(kept).toString() : "");
}

export function alertsHref(params: Record<string, string>): string {
  const kept = Object.entries(params).filter(([k, v]) => v !== "" && !(k === "offset" && v === "0"));
  return "#/alerts" + (kept.length ? "?" + new URLSearchParams(kept).toString() : "");
}

export function alertHref(id: number): string {
  return "#/alert/" + id;
}

// Rewrites the hash without adding a history entry (for state such as the
// search text, which should be shareable but not fill the back button).
export function replaceHash(href: string): void {
  if (location.hash !== href) history.replaceState(null, "", href);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute((previous) => parseHash(location.hash, previous.visit + 1));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
