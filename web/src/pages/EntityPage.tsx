// The entity page: everything the list says about one entity: names with
// their kind and script, identifiers, programmes, dates, addresses,
// remarks, relations (as a graph to follow) and the list versions it is in.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { entity as fetchEntity, type Entity, type EntityDetail } from "../api";
import { ErrorBox, Loading } from "../components/Status";
import { RelationGraph, type GraphEdge } from "../components/RelationGraph";
import { addressText, dateText, versionLabel } from "../format";
import { entityHref, listHref } from "../router";
import { useFetch } from "../useFetch";

// `version`: a store-wide version id to show the entity as it was then
// (0: the current version of its list).
// Neighbours whose own relations are fetched to draw links among them.
const kMaxCrossFetch = 24;

export function EntityPage({ id, version }: { id: string; version: number }) {
  const fetched = useFetch(`${id}@${version}`, (signal) => fetchEntity(id, version, signal));
  if (fetched.state === "loading") return <Loading what={id} />;
  if (fetched.state === "error") return <ErrorBox error={fetched.error} />;
  return <EntityView detail={fetched.value} version={version} />;
}

function primaryName(e: Entity): string {
  return e.names.find((n) => n.kind === "primary")?.name ?? e.names[0]?.name ?? e.id;
}

function EntityView({ detail, version }: { detail: EntityDetail; version: number }) {
  const e = detail.entity;
  document.title = `${primaryName(e)} · Interdict`;
  const shown = detail.versions.find((v) => v.id === version);
  return (
    <article class="entity">
      {shown && (
        <p class="notice">
          As in {e.list} {versionLabel(shown)}. <a href={entityHref(e.id)}>Current version</a>
        </p>
      )}
      <header class="entity-head">
        <h1>{primaryName(e)}</h1>
        <div class="meta">
          <span class={`badge schema-${e.schema}`}>{e.schema}</span>
          <a class="badge list" href={listHref(e.list)}>
            {e.list}
          </a>
          <span class="id">{e.id}</span>
          {e.listed_on && <span class="muted">listed {e.listed_on}</span>}
        </div>
        {e.programs && e.programs.length > 0 && (
          <div class="programs" aria-label="Programs">
            {e.programs.map((p) => (
              <span class="chip" key={p}>
                {p}
              </span>
            ))}
          </div>
        )}
      </header>
      <div class="grid">
        <NamesSection e={e} />
        <FactsSection e={e} />
        <IdentifiersSection e={e} />
        {e.addresses && e.addresses.length > 0 && (
          <Section title={`Addresses (${e.addresses.length})`}>
            <ul class="plain">
              {e.addresses.map((a, i) => (
                <li key={i}>{addressText(a)}</li>
              ))}
            </ul>
          </Section>
        )}
        {e.remarks && (
          <Section title="Remarks" wide>
            <p class="remarks">{e.remarks}</p>
          </Section>
        )}
        <RelationsSection detail={detail} />
        <VersionsSection detail={detail} />
        {e.attributes && e.attributes.length > 0 && (
          <Section title="Other attributes">
            <dl class="facts">
              {e.attributes.map((a, i) => (
                <Fact key={i} label={a.key} value={a.value} />
              ))}
            </dl>
          </Section>
        )}
      </div>
    </article>
  );
}

function Section({ title, wide, children }: { title: string; wide?: boolean; children: ComponentChildren }) {
  return (
    <section class={`card ${wide ? "wide" : ""}`} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Fact({ label, value }: { label: string; value: string | undefined }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function NamesSection({ e }: { e: Entity }) {
  return (
    <Section title={`Names (${e.names.length})`}>
      <table class="names">
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            <th>Script</th>
          </tr>
        </thead>
        <tbody>
          {e.names.map((n, i) => (
            <tr key={i} class={n.quality === "weak" || n.quality === "low" ? "weak" : ""}>
              <td dir="auto">{n.name}</td>
              <td>
                {n.kind}
                {n.quality && n.quality !== "strong" ? ` (${n.quality})` : ""}
              </td>
              <td>{[n.script, n.lang].filter(Boolean).join(" · ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function FactsSection({ e }: { e: Entity }) {
  const join = (xs: string[] | undefined) => (xs && xs.length ? xs.join("; ") : undefined);
  const upper = (xs: string[] | undefined) => join(xs?.map((c) => c.toUpperCase()));
  return (
    <Section title="Facts">
      <dl class="facts">
        <Fact label="Gender" value={e.gender} />
        <Fact label="Born" value={join(e.birth_dates?.map(dateText))} />
        <Fact label="Birth place" value={join(e.birth_places)} />
        <Fact label="Nationality" value={upper(e.nationalities)} />
        <Fact label="Citizenship" value={upper(e.citizenships)} />
        <Fact label="Countries" value={upper(e.countries)} />
        <Fact label="Titles" value={join(e.titles)} />
        <Fact label="Positions" value={join(e.positions)} />
        <Fact label="Listed on" value={e.listed_on} />
      </dl>
    </Section>
  );
}

function IdentifiersSection({ e }: { e: Entity }) {
  if (!e.identifiers || e.identifiers.length === 0) return null;
  return (
    <Section title={`Identifiers (${e.identifiers.length})`}>
      <table class="identifiers">
        <tbody>
          {e.identifiers.map((id, i) => (
            <tr key={i}>
              <th>{id.label || id.type.replace(/_/g, " ")}</th>
              <td class="mono">{id.value}</td>
              <td>{[id.country?.toUpperCase(), id.note].filter(Boolean).join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function graphEdges(detail: EntityDetail): GraphEdge[] {
  const describe = (type: string, role?: string) => (role ? `${type} (${role})` : type);
  return detail.entity.relations.map((r) => ({
    other: r.target,
    label: r.target_name || r.target,
    relation: describe(r.type, r.role),
  }));
}

// Which of the linked entities link to each other: each neighbour's own
// relations are fetched (in parallel, after the page shows).
function useCrossLinks(edges: GraphEdge[]): [string, string][] {
  const [links, setLinks] = useState<[string, string][]>([]);
  const ids = [...new Set(edges.map((e) => e.other).filter(Boolean))].slice(0, kMaxCrossFetch);
  useEffect(() => {
    const controller = new AbortController();
    const shown = new Set(ids);
    Promise.all(ids.map((id) => fetchEntity(id, 0, controller.signal).catch(() => null))).then((details) => {
      if (controller.signal.aborted) return;
      const found: [string, string][] = [];
      for (const d of details) {
        for (const r of d?.entity.relations ?? []) {
          const pair: [string, string] = d!.entity.id < r.target ? [d!.entity.id, r.target] : [r.target, d!.entity.id];
          if (shown.has(r.target) && r.target !== d!.entity.id && !found.some(([a, b]) => a === pair[0] && b === pair[1])) found.push(pair);
        }
      }
      setLinks(found);
    });
    return () => controller.abort();
  }, [ids.join(" ")]);
  return links;
}

function RelationsSection({ detail }: { detail: EntityDetail }) {
  const edges = graphEdges(detail);
  const crossLinks = useCrossLinks(edges);
  if (edges.length === 0) return null;
  return (
    <Section title={`Relations (${edges.length})`} wide>
      <RelationGraph centre={primaryName(detail.entity)} edges={edges} crossLinks={crossLinks} />
      <table class="relations">
        <tbody>
          {edges.map((edge, i) => (
            <tr key={i}>
              <td>{edge.relation.replace(/_/g, " ")}</td>
              <td>{edge.other ? <a href={entityHref(edge.other)}>{edge.label}</a> : <span class="muted">{edge.label} (not resolved)</span>}</td>
              <td class="id">{edge.other}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function VersionsSection({ detail }: { detail: EntityDetail }) {
  const versions = detail.versions;
  if (versions.length === 0) return null;
  return (
    <Section title={`In ${versions.length} version${versions.length === 1 ? "" : "s"} of ${detail.entity.list}`}>
      <ul class="plain versions">
        {versions.map((v) => (
          <li key={v.id}>
            <a href={listHref(v.list)}>{versionLabel(v)}</a>
            {v.published && <span class="muted"> · published {v.published}</span>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
