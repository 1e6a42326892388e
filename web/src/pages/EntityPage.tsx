// The entity page: everything the list says about one entity: names with
// their kind and script, identifiers, programmes, dates, addresses,
// remarks, its sanctions basis per regime, the relation network around it
// (as a graph to follow) and the list versions it is in.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { entity as fetchEntity, network as fetchNetwork, type Entity, type EntityDetail, type Neighbourhood, type Regime } from "../api";
import { ErrorBox, Loading } from "../components/Status";
import { BasisBadge, RelationGraph, edgeLabel } from "../components/RelationGraph";
import { addressText, dateText, versionLabel } from "../format";
import { entityHref, listHref } from "../router";
import { useFetch } from "../useFetch";

// `version`: a store-wide version id to show the entity as it was then
// (0: the current version of its list).

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
        <BasisSection detail={detail} />
        <NetworkSection id={e.id} />
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

interface ListedRelation {
  other: string; // the related entity's id ("" when the list names it but it is not resolved)
  label: string;
  relation: string; // "linked_to", "owned_by", ... (+ role)
}

function listedRelations(detail: EntityDetail): ListedRelation[] {
  const describe = (type: string, role?: string) => (role ? `${type} (${role})` : type);
  return detail.entity.relations.map((r) => ({
    other: r.target,
    label: r.target_name || r.target,
    relation: describe(r.type, r.role),
  }));
}

// How the entity stands under each regime now: listed, derived (with the
// owners, shares and the path from a listed entity) or linked.
function BasisSection({ detail }: { detail: EntityDetail }) {
  const bases = detail.basis;
  if (!bases) return null;
  return (
    <Section title="Sanctions basis" wide>
      {bases.length === 0 ? (
        <p class="muted" data-testid="basis-none">
          Not listed, and neither owned, controlled nor linked to a listed entity under the OFAC, EU or UK rules.
        </p>
      ) : (
        <table class="basis" data-testid="basis-table">
          <tbody>
            {bases.map((b) => (
              <tr key={b.regime} data-regime={b.regime} data-basis={b.basis}>
                <th>{b.regime.toUpperCase()}</th>
                <td>
                  <BasisBadge basis={b.basis} />
                </td>
                <td>
                  <div class="basis-explanation">{b.explanation}</div>
                  {b.path.length > 1 && (
                    <div class="path muted" aria-label="Path">
                      {b.path.map((step, i) => (
                        <span key={i}>
                          {i > 0 && ` → ${step.relation.replace(/_/g, " ")} → `}
                          {step.id === detail.entity.id ? step.name || step.id : <a href={entityHref(step.id)}>{step.name || step.id}</a>}
                        </span>
                      ))}
                    </div>
                  )}
                  {b.rule && <div class="rule muted">{b.rule}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

// The network around the entity from the relation graph (every list plus
// the user's own relations), coloured by basis under the chosen regime.
function NetworkSection({ id }: { id: string }) {
  const [regime, setRegime] = useState<Regime>("ofac");
  const [depth, setDepth] = useState(2);
  const fetched = useFetch(`${id}/network@${depth}`, (signal) => fetchNetwork(id, depth, signal));
  if (fetched.state === "loading") return <Loading what="the network" />;
  if (fetched.state === "error") return null; // no relations known for this entity
  const hood = fetched.value;
  if (hood.nodes.length <= 1) return null;
  return (
    <Section title={`Network (${hood.nodes.length - 1} related within ${depth} hop${depth === 1 ? "" : "s"})`} wide>
      <div class="graph-controls">
        <label>
          Regime{" "}
          <select value={regime} onChange={(e) => setRegime((e.target as HTMLSelectElement).value as Regime)} aria-label="Regime">
            <option value="ofac">OFAC</option>
            <option value="eu">EU</option>
            <option value="uk">UK</option>
          </select>
        </label>{" "}
        <label>
          Depth{" "}
          <select value={String(depth)} onChange={(e) => setDepth(Number((e.target as HTMLSelectElement).value))} aria-label="Depth">
            <option value="1">1</option>
            <option value="2">2</option>
            <option value="3">3</option>
          </select>
        </label>
      </div>
      <RelationGraph hood={hood} regime={regime} />
      <table class="relations network-edges">
        <tbody>
          {hood.edges.map((e, i) => (
            <tr key={i} class={e.current ? "" : "ended"}>
              <td>{nameIn(hood, e.from)}</td>
              <td>{edgeLabel(e)}</td>
              <td>{nameIn(hood, e.to)}</td>
              <td class="muted">{e.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function nameIn(hood: Neighbourhood, id: string) {
  const node = hood.nodes.find((n) => n.id === id);
  const label = node?.name || id;
  return id === hood.center ? <strong>{label}</strong> : <a href={entityHref(id)}>{label}</a>;
}

// The relations as the entity's own list states them.
function RelationsSection({ detail }: { detail: EntityDetail }) {
  const edges = listedRelations(detail);
  if (edges.length === 0) return null;
  return (
    <Section title={`Relations on the list (${edges.length})`} wide>
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
