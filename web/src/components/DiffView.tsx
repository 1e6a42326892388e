// The diff between two versions of a list: counts, then each added, removed
// or changed entity (changed ones open to show field-level before/after).
// Pages of kPageSize changes are fetched on demand.
import { useEffect, useState } from "preact/hooks";
import { diff as fetchDiff, type EntityChange, type FieldChange, type ListDiff, type ListVersion } from "../api";
import { ErrorBox, Loading } from "./Status";
import { count, versionLabel } from "../format";
import { entityHref, listHref } from "../router";

const kPageSize = 500;
type Kind = "all" | EntityChange["kind"];

interface Props {
  list: string;
  versions: ListVersion[];
  from: number;
  to: number;
}

export function DiffView({ list, versions, from, to }: Props) {
  const [pages, setPages] = useState<ListDiff[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [kind, setKind] = useState<Kind>("all");
  const [filter, setFilter] = useState("");

  const loadPage = (offset: number, signal?: AbortSignal) =>
    fetchDiff(list, from, to, offset, kPageSize, signal).then(
      (page) => setPages((loaded) => [...loaded, page]),
      (e) => signal?.aborted || setError(e),
    );

  useEffect(() => {
    const controller = new AbortController();
    loadPage(0, controller.signal);
    return () => controller.abort();
  }, []);

  const go = (f: number, t: number) => (location.hash = listHref(list, f, t));
  const picker = (
    <div class="diff-pick">
      Compare
      <VersionSelect label="From version" versions={versions} value={from} onPick={(v) => go(v, to)} />
      →
      <VersionSelect label="To version" versions={versions} value={to} onPick={(v) => go(from, v)} />
    </div>
  );
  if (error) return <>{picker}<ErrorBox error={error} /></>;
  if (pages.length === 0) return <>{picker}<Loading what="diff" /></>;

  const head = pages[0];
  const changes = pages.flatMap((p) => p.changes);
  const needle = filter.trim().toLowerCase();
  const shown = changes.filter(
    (c) => (kind === "all" || c.kind === kind) && (!needle || c.name.toLowerCase().includes(needle) || c.id.toLowerCase().includes(needle)),
  );
  const kinds: [Kind, number][] = [["all", head.total], ["added", head.added], ["removed", head.removed], ["changed", head.changed]];

  return (
    <section class="diff" aria-label="Diff">
      {picker}
      <h2>
        {versionLabel(head.from)} → {versionLabel(head.to)}
      </h2>
      <div class="diff-bar">
        <div role="tablist" aria-label="Change kind">
          {kinds.map(([k, n]) => (
            <button key={k} role="tab" aria-selected={kind === k} class={`tab ${k}`} onClick={() => setKind(k)}>
              {k} <b>{count(n)}</b>
            </button>
          ))}
        </div>
        <input type="search" aria-label="Filter changes" placeholder="Filter by name or id" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
      </div>
      {head.total === 0 && <p class="muted">The two versions hold the same entities.</p>}
      <ul class="changes-list">
        {shown.map((c) => (
          <ChangeRow key={c.id} change={c} from={head.from} />
        ))}
      </ul>
      {changes.length < head.total && (
        <button class="more" onClick={() => loadPage(changes.length)}>
          Load more ({count(changes.length)} of {count(head.total)} shown)
        </button>
      )}
    </section>
  );
}

function VersionSelect(props: { label: string; versions: ListVersion[]; value: number; onPick: (n: number) => void }) {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onPick(Number((e.target as HTMLSelectElement).value))}>
      {props.versions.map((v) => (
        <option key={v.id} value={v.number}>
          {versionLabel(v)}
        </option>
      ))}
    </select>
  );
}

// A removed entity is linked as it was in the `from` version.
function ChangeRow({ change: c, from }: { change: EntityChange; from: ListVersion }) {
  const title = (
    <>
      <span class={`kind ${c.kind}`}>{c.kind === "added" ? "+" : c.kind === "removed" ? "−" : "~"}</span>
      <a href={entityHref(c.id, c.kind === "removed" ? from.id : undefined)}>{c.name || c.id}</a> <span class="id">{c.id}</span>
    </>
  );
  if (c.kind !== "changed" || !c.fields?.length)
    return (
      <li class={`change ${c.kind}`} data-kind={c.kind}>
        {title}
      </li>
    );
  return (
    <li class={`change ${c.kind}`} data-kind={c.kind}>
      <details>
        <summary>
          {title} <span class="muted">{c.fields.length} field{c.fields.length === 1 ? "" : "s"}</span>
        </summary>
        <table class="fields">
          <tbody>
            {c.fields.map((f, i) => (
              <FieldRow key={i} field={f} />
            ))}
          </tbody>
        </table>
      </details>
    </li>
  );
}

// Field values are JSON text; strings are shown without their quotes.
function valueText(json: string): string {
  if (!json) return "—";
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "string" ? value : JSON.stringify(value, null, 1);
  } catch {
    return json;
  }
}

function FieldRow({ field: f }: { field: FieldChange }) {
  return (
    <tr>
      <th class="mono">{f.path}</th>
      <td class="before">{valueText(f.before)}</td>
      <td class="after">{valueText(f.after)}</td>
    </tr>
  );
}
