// How the UI authenticates (docs/ui.md#keys). On loopback without keys the
// server needs none and the UI just works. When the server runs with
// --keys, the user pastes an API key once; it is kept in sessionStorage
// (gone when the tab closes, never in a URL or cookie) and sent as
// "Authorization: Bearer KEY" on every API request of this origin.
const STORAGE = "interdict.key";

export function storedKey(): string {
  try {
    return sessionStorage.getItem(STORAGE) ?? "";
  } catch {
    return "";
  }
}

export function storeKey(key: string): void {
  try {
    if (key) sessionStorage.setItem(STORAGE, key);
    else sessionStorage.removeItem(STORAGE);
  } catch {
    // Storage disabled: the key lasts until the page reloads.
  }
  memoryKey = key;
  dispatchEvent(new Event("interdict-key"));
}

let memoryKey = storedKey();

// Wraps fetch once at start-up, so every API call (api.ts) carries the key
// without each one having to know about it.
export function installKeyHeader(): void {
  const original = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const sameOrigin = url.startsWith("/") || url.startsWith(location.origin + "/");
    if (!memoryKey || !sameOrigin) return original(input, init);
    const headers = new Headers(init.headers);
    if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + memoryKey);
    return original(input, { ...init, headers });
  };
}
