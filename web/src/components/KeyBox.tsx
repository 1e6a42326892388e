// Who the UI acts as, in the top bar: the key's user and role from
// GET /v1/me, or, when the server asks for a key (401), a field to paste
// one (kept in sessionStorage, see auth.ts).
import { useEffect, useState } from "preact/hooks";
import { ApiError, me as fetchMe, type Me } from "../api";
import { storedKey, storeKey } from "../auth";

// The current identity; null while unknown or without a valid key.
export function useMe(): Me | null {
  const [value, setValue] = useState<Me | null>(null);
  useEffect(() => {
    const load = () => fetchMe().then(setValue, () => setValue(null));
    load();
    addEventListener("interdict-key", load);
    return () => removeEventListener("interdict-key", load);
  }, []);
  return value;
}

export function KeyBox() {
  const [identity, setIdentity] = useState<Me | null>(null);
  const [needKey, setNeedKey] = useState(false);
  const [draft, setDraft] = useState("");
  useEffect(() => {
    const load = () =>
      fetchMe().then(
        (m) => {
          setIdentity(m);
          setNeedKey(false);
        },
        (e) => {
          setIdentity(null);
          setNeedKey(e instanceof ApiError && e.status === 401);
        },
      );
    load();
    addEventListener("interdict-key", load);
    return () => removeEventListener("interdict-key", load);
  }, []);
  if (needKey) {
    return (
      <form
        class="keybox"
        onSubmit={(e) => {
          e.preventDefault();
          storeKey(draft.trim());
          location.reload();
        }}
      >
        <input id="api-key" type="password" placeholder={storedKey() ? "Key refused: paste another" : "API key"} value={draft} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} />
        <button type="submit">Use key</button>
      </form>
    );
  }
  if (!identity) return null;
  return (
    <span class="keybox" id="identity">
      {identity.user} · {identity.role}
      {identity.keys && (
        <button
          class="link"
          onClick={() => {
            storeKey("");
            location.reload();
          }}
        >
          forget key
        </button>
      )}
    </span>
  );
}
