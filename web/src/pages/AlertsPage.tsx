// The alert queue (#/alerts?status=…&list=…&assignee=…&min_score=…&max_age_days=…&offset=…):
// filters in the URL so a queue view can be shared, the page sortable by
// column, j/k or ↑/↓ to move and Enter to open, and the customer import box.
import { useEffect, useMemo, useState } from "preact/hooks";
import { alerts as fetchAlerts, type Alert } from "../api";
import { ErrorBox, Loading } from "../components/Status";
import { CustomerImport } from "../components/CustomerImport";
import { AlertStatusBadge } from "../components/AlertStatusBadge";
import { percent, scoreBand, when } from "../format";
import { alertHref, alertsHref } from "../router";
import { useFetch } from "../useFetch";

const PAGE = 50;
const FILTERS = ["status", "list", "assignee", "min_score", "max_age_days"] as const;
type SortKey = "id" | "score" | "customer_name" | "entity_name" | "list" | "status" | "opened_at" | "assignee";

export function AlertsPage({ params }: { params: URLSearchParams }) {
  const filters: Record<string, string> = {};
  for (const name of FILTERS) filters[name] = params.get(name) ?? (name === "status" ? "active" : "");
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const [reload, setReload] = useState(0);
  const query = { ...filters, offset: String(offset), limit: String(PAGE) };
  const key = JSON.stringify(query) + reload;
  const fetched = useFetch(key, (signal) => fetchAlerts(query, signal));
  const go = (changes: Record<string, string>) => {
    location.hash = alertsHref({ ...filters, offset: "0", ...changes });
  };

  return (
    <section class="alerts">
      <h1>Alerts</h1>
      <Filters filters={filters} onChange={go} />
      {fetched.state === "loading" && <Loading what="alerts" />}
      {fetched.state === "error" && <ErrorBox error={fetched.error} />}
      {fetched.state === "done" && (
        <>
          <AlertTable alerts={fetched.value.alerts} />
          <div class="pager">
            <button disabled={offset === 0} onClick={() => go({ offset: String(Math.max(0, offset - PAGE)) })}>
              ← Previous
            </button>
            <span class="muted">
              {fetched.value.alerts.length ? `${offset + 1}–${offset + fetched.value.alerts.length}` : "none"}
            </span>
            <button disabled={!fetched.value.more} onClick={() => go({ offset: String(offset + PAGE) })}>
              Next →
            </button>
          </div>
        </>
      )}
      <CustomerImport onImported={() => setReload((n) => n + 1)} />
    </section>
  );
}

function Filters({ filters, onChange }: { filters: Record<string, string>; onChange: (c: Record<string, string>) => void }) {
  // Text filters apply on Enter or when the field is left, not per key.
  const text = (name: string, label: string, width: string, placeholder = "") => (
    <label class="filter">
      {label}
      <input
        name={name}
        style={{ width }}
        placeholder={placeholder}
        value={filters[name]}
        onChange={(e) => onChange({ [name]: (e.target as HTMLInputElement).value.trim() })}
      />
    </label>
  );
  return (
    <form class="query filters" onSubmit={(e) => e.preventDefault()}>
      <label class="filter">
        Status
        <select name="status" value={filters.status} onChange={(e) => onChange({ status: (e.target as HTMLSelectElement).value })}>
          <option value="active">Active</option>
          <option value="open">Open</option>
          <option value="in_review">In review</option>
          <option value="awaiting_confirmation">Awaiting confirmation</option>
          <option value="closed">Closed</option>
          <option value="">All</option>
        </select>
      </label>
      {text("list", "List", "110px", "any")}
      {text("assignee", "Assignee", "110px", "anyone")}
      {text("min_score", "Min score", "70px", "0.80")}
      {text("max_age_days", "Max age (days)", "70px", "any")}
    </form>
  );
}

function AlertTable({ alerts }: { alerts: Alert[] }) {
  const [sort, setSort] = useState<{ key: SortKey; down: boolean }>({ key: "opened_at", down: true });
  const [selected, setSelected] = useState(0);
  const rows = useMemo(() => {
    const sorted = [...alerts].sort((a, b) => {
      const x = a[sort.key], y = b[sort.key];
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return sort.down ? -order : order;
    });
    return sorted;
  }, [alerts, sort]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "j" || e.key === "ArrowDown") setSelected((i) => Math.min(rows.length - 1, i + 1));
      else if (e.key === "k" || e.key === "ArrowUp") setSelected((i) => Math.max(0, i - 1));
      else if (e.key === "Enter" && rows[selected]) location.hash = alertHref(rows[selected].id);
      else return;
      e.preventDefault();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [rows, selected]);

  useEffect(() => {
    document.querySelector("tr.picked")?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  if (alerts.length === 0) return <p class="muted">No alerts match these filters.</p>;
  const header = (key: SortKey, label: string, cls = "") => (
    <th class={cls} aria-sort={sort.key === key ? (sort.down ? "descending" : "ascending") : "none"}>
      <button class="sort" onClick={() => setSort({ key, down: sort.key === key ? !sort.down : key === "score" || key === "opened_at" })}>
        {label}
        {sort.key === key ? (sort.down ? " ▼" : " ▲") : ""}
      </button>
    </th>
  );
  return (
    <table class="data alert-queue">
      <thead>
        <tr>
          {header("id", "#", "num")}
          {header("score", "Score", "num")}
          {header("customer_name", "Customer")}
          {header("entity_name", "Listed entity")}
          {header("list", "List")}
          {header("status", "Status")}
          {header("opened_at", "Opened")}
          {header("assignee", "Assignee")}
        </tr>
      </thead>
      <tbody>
        {rows.map((a, i) => (
          <tr key={a.id} class={i === selected ? "picked" : ""} onClick={() => (location.hash = alertHref(a.id))} data-alert={a.id} data-entity={a.entity_id} data-customer={a.customer_id}>
            <td class="num">
              <a href={alertHref(a.id)}>{a.id}</a>
            </td>
            <td class="num">
              <span class={`pill ${scoreBand(a.score)}`}>{percent(a.score)}</span>
            </td>
            <td>
              {a.customer_name} <span class="id">{a.customer_id}</span>
            </td>
            <td>
              {a.entity_name} <span class="id">{a.entity_id}</span>
            </td>
            <td>{a.list}</td>
            <td>
              <AlertStatusBadge alert={a} />
            </td>
            <td>{when(a.opened_at)}</td>
            <td>{a.assignee || "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
