// Loading and error states, shared by every page.
import { ApiError } from "../api";

export function ErrorBox({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiError && error.status ? ` (HTTP ${error.status})` : "";
  return (
    <div class="error" role="alert">
      {message}
      {status}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div class="loading" aria-busy="true">
      Loading {what}…
    </div>
  );
}
