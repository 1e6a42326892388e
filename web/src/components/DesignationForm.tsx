// The add/edit form of an own designation: names, type, birth date,
// country, identifiers (one "type: value" a line), reason, evidence links
// (one a line) and an optional expiry. The server checks every field and
// names the one it refuses, which is marked here.
import { useState } from "preact/hooks";
import { ApiError, saveDesignation, type Designation, type DesignationInput } from "../api";
import { ErrorBox } from "./Status";

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
}

function initial(d: Designation | null) {
  const e = d?.entity;
  return {
    type: e?.schema ?? "person",
    name: e?.names[0]?.name ?? "",
    aliases: (e?.names.slice(1) ?? []).map((n) => n.name).join("\n"),
    dob: e?.birth_dates?.[0]?.date ?? "",
    country: e?.countries?.[0] ?? "",
    identifiers: (e?.identifiers ?? []).map((i) => `${i.type}: ${i.value}`).join("\n"),
    reason: d?.reason ?? "",
    evidence: (d?.evidence ?? []).join("\n"),
    expires: d?.expires ?? "",
  };
}

export function DesignationForm({ designation, onSaved, onCancel }: { designation: Designation | null; onSaved: () => void; onCancel: () => void }) {
  const [form, setForm] = useState(() => initial(designation));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = error instanceof ApiError ? error.field.split("/")[0] : "";
  const bind = (name: keyof typeof form) => ({
    name,
    id: "designation-" + name,
    value: form[name],
    "aria-invalid": field === name ? ("true" as const) : undefined,
    onInput: (e: Event) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value }),
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    const input: DesignationInput = {
      type: form.type,
      name: form.name.trim(),
      aliases: lines(form.aliases),
      dob: form.dob.trim(),
      country: form.country.trim(),
      identifiers: lines(form.identifiers).map((line) => {
        const colon = line.indexOf(":");
        return colon < 0 ? { type: "other", value: line } : { type: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
      }),
      reason: form.reason.trim(),
      evidence: lines(form.evidence),
      expires: form.expires.trim(),
    };
    setBusy(true);
    setError(null);
    try {
      await saveDesignation(designation?.number ?? 0, input);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card designation-form" onSubmit={submit}>
      <h2>{designation ? `Edit ${designation.id}` : "New designation"}</h2>
      <div class="form-grid">
        <label>
          Name
          <input {...bind("name")} required />
        </label>
        <label>
          Type
          <select {...bind("type")}>
            <option value="person">person</option>
            <option value="organization">organization</option>
            <option value="vessel">vessel</option>
            <option value="aircraft">aircraft</option>
          </select>
        </label>
        <label>
          Other names (one a line)
          <textarea rows={2} {...bind("aliases")} />
        </label>
        <label>
          Born (YYYY[-MM[-DD]])
          <input {...bind("dob")} />
        </label>
        <label>
          Country
          <input {...bind("country")} />
        </label>
        <label>
          Identifiers (“passport: X123”, one a line)
          <textarea rows={2} {...bind("identifiers")} />
        </label>
        <label>
          Reason
          <input {...bind("reason")} required={!designation} />
        </label>
        <label>
          Evidence links (one a line)
          <textarea rows={2} {...bind("evidence")} />
        </label>
        <label>
          Expires (YYYY-MM-DD, optional)
          <input {...bind("expires")} />
        </label>
      </div>
      <div class="row buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error !== null && <ErrorBox error={error} />}
    </form>
  );
}
