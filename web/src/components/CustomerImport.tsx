// Importing monitored customers: paste or pick a CSV (header
// id,name,type,dob,country,identifiers) or JSON lines file. The server
// screens the new and changed customers at once; a bad row refuses the
// whole import, and every bad row is listed.
import { useState } from "preact/hooks";
import { importCustomers, ImportError, type ImportResult } from "../api";
import { ErrorBox } from "./Status";

export function CustomerImport({ onImported }: { onImported: () => void }) {
  const [text, setText] = useState("");
  const [name, setName] = useState("pasted.csv");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const pick = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    setName(file.name);
    setText(await file.text());
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await importCustomers(text, name));
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="card import">
      <summary>Import customers</summary>
      <form onSubmit={submit}>
        <p class="muted">
          CSV with a header <code>id,name,type,dob,country,identifiers</code>, or JSON lines. Re-importing updates changed customers.
        </p>
        <textarea
          id="import-text"
          rows={6}
          value={text}
          placeholder={"id,name,type,dob,country,identifiers\nC-1,Jane Doe,person,1980-01-02,gb,"}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
        <div class="row">
          <input type="file" accept=".csv,.jsonl,.json,.txt" onChange={pick} />
          <button type="submit" class="primary" disabled={busy || !text.trim()}>
            {busy ? "Importing and screening…" : "Import and screen"}
          </button>
        </div>
      </form>
      {result && (
        <p class="ok" role="status">
          {result.rows} rows: {result.added} added, {result.updated} updated, {result.unchanged} unchanged; {result.screened} screened,{" "}
          {result.alerts_opened} alerts opened.
        </p>
      )}
      {error instanceof ImportError ? (
        <div class="error" role="alert">
          {error.message}
          <ul>
            {error.rows.map((r, i) => (
              <li key={i}>
                line {r.line}
                {r.field ? ` (${r.field})` : ""}: {r.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        error !== null && <ErrorBox error={error} />
      )}
    </details>
  );
}
