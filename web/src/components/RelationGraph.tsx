// The relation network around one entity (GET /v1/entities/{id}/network):
// the entity in the middle, the entities one hop away on an inner ring and
// two hops away on an outer ring. Each node is coloured by its basis under
// the chosen regime (listed, owned, controlled, possibly owned, linked; a
// legend says which colour is which), ownership edges carry their shares,
// and ended relations are dashed. A node is a link: click it (or focus it
// and press Enter) to follow it to that entity's page.
import type { Basis, Neighbourhood, NetworkEdge, NetworkNode, Regime } from "../api";
import { entityHref } from "../router";

export const kBasisColour: Record<Basis, string> = {
  listed: "#c62828",
  owned: "#ef6c00",
  controlled: "#8e24aa",
  possibly_owned: "#c9a000",
  linked: "#1e88e5",
  none: "#9e9e9e",
};

export const kBasisLabel: Record<Basis, string> = {
  listed: "listed",
  owned: "owned",
  controlled: "controlled",
  possibly_owned: "possibly owned",
  linked: "linked",
  none: "no basis",
};

// A small coloured badge naming a basis, for result rows and headers.
export function BasisBadge({ basis }: { basis: Basis }) {
  return (
    <span
      class={`badge basis basis-${basis}`}
      data-basis={basis}
      style={{ background: kBasisColour[basis], color: "#fff", borderColor: kBasisColour[basis] }}
      title={`basis: ${kBasisLabel[basis]}`}
    >
      {kBasisLabel[basis]}
    </span>
  );
}

// The viewBox is about as wide as the card on a laptop screen, so text keeps
// its CSS size.
const kWidth = 1100;
const kMaxNodes = 40;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}

// "owner of 35%", "owner of 25-50%", "director of (ended)".
export function edgeLabel(e: NetworkEdge): string {
  let label = e.type.replace(/_/g, " ");
  if (e.share_min !== undefined || e.share_max !== undefined) {
    const low = e.share_min ?? 0;
    const high = e.share_max ?? low;
    label += ` ${high - low < 1e-4 ? `${low}%` : `${low}-${high}%`}`;
  }
  if (e.role) label += ` (${e.role})`;
  if (!e.current) label += " (ended)";
  return label;
}

// Hops from the centre over edges in either direction.
function distances(hood: Neighbourhood): Map<string, number> {
  const hops = new Map<string, number>([[hood.center, 0]]);
  let frontier = [hood.center];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of hood.edges) {
        const other = e.from === id ? e.to : e.to === id ? e.from : null;
        if (other !== null && !hops.has(other)) {
          hops.set(other, hops.get(id)! + 1);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return hops;
}

interface Placed {
  node: NetworkNode;
  x: number;
  y: number;
}

// Rings by distance; the ellipse of ring r has radii growing with r, and
// the nodes of a ring are spread evenly, offset so labels do not stack.
function layout(hood: Neighbourhood): { placed: Placed[]; height: number } {
  const hops = distances(hood);
  const nodes = hood.nodes.slice(0, kMaxNodes);
  const rings = new Map<number, NetworkNode[]>();
  for (const n of nodes) {
    const d = hops.get(n.id) ?? 1;
    rings.set(d, [...(rings.get(d) ?? []), n]);
  }
  const deepest = Math.max(0, ...rings.keys());
  const height = deepest <= 1 && nodes.length <= 3 ? 260 : deepest <= 1 ? 420 : 640;
  const placed: Placed[] = [];
  for (const [d, ring] of rings) {
    if (d === 0) {
      placed.push({ node: ring[0], x: kWidth / 2, y: height / 2 });
      continue;
    }
    const rx = ((kWidth / 2 - 150) * d) / Math.max(deepest, 1);
    const ry = ((height / 2 - 40) * d) / Math.max(deepest, 1);
    const start = -Math.PI / 2 + Math.PI / Math.max(ring.length, 1) + d * 0.3;
    ring.forEach((node, i) => {
      const angle = start + (2 * Math.PI * i) / ring.length;
      placed.push({ node, x: kWidth / 2 + rx * Math.cos(angle), y: height / 2 + ry * Math.sin(angle) });
    });
  }
  return { placed, height };
}

export function RelationGraph(props: { hood: Neighbourhood; regime: Regime }) {
  const { hood, regime } = props;
  const { placed, height } = layout(hood);
  const at = new Map(placed.map((p) => [p.node.id, p]));
  const shownEdges = hood.edges.filter((e) => at.has(e.from) && at.has(e.to));
  const used = [...new Set(placed.map((p) => p.node.basis[regime]))];
  return (
    <figure class="graph network-graph" data-regime={regime}>
      <svg viewBox={`0 0 ${kWidth} ${height}`} role="group" aria-label="Relations graph">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        </defs>
        {shownEdges.map((e, i) => {
          const a = at.get(e.from)!;
          const b = at.get(e.to)!;
          // Stop the arrow at the target's circle.
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const len = Math.hypot(dx, dy) || 1;
          const x2 = b.x - (dx / len) * 12;
          const y2 = b.y - (dy / len) * 12;
          return (
            <g class={`edge ${e.type}`} key={"e" + i} data-from={e.from} data-to={e.to}>
              <line x1={a.x} y1={a.y} x2={x2} y2={y2} marker-end="url(#arrow)" stroke-dasharray={e.current ? undefined : "6 4"} />
              <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 4} class="edge-label">
                {edgeLabel(e)}
              </text>
            </g>
          );
        })}
        {placed.map(({ node, x, y }) => {
          const basis = node.basis[regime];
          const centre = node.id === hood.center;
          const body = (
            <>
              {/* Inline style: the stylesheet's .node circle rule would beat a fill attribute. */}
              <circle cx={x} cy={y} r={centre ? 12 : 9} style={{ fill: kBasisColour[basis], stroke: centre ? "#222" : kBasisColour[basis] }} />
              <text x={x} y={y < height / 2 ? y - 16 : y + 26}>
                {shorten(node.name || node.id, 36)}
              </text>
            </>
          );
          const title = `${node.name} (${node.id}) — ${kBasisLabel[basis]} under ${regime.toUpperCase()}`;
          return centre ? (
            <g class="node centre" key={node.id} data-id={node.id} data-basis={basis}>
              <title>{title}</title>
              {body}
            </g>
          ) : (
            <a class="node linked" href={entityHref(node.id)} key={node.id} data-id={node.id} data-basis={basis} aria-label={`${node.name}: ${kBasisLabel[basis]}`}>
              <title>{`${title} — click to open`}</title>
              {body}
            </a>
          );
        })}
      </svg>
      <figcaption class="legend" aria-label="Legend" style={{ display: "flex", flexWrap: "wrap", gap: "1.2em", alignItems: "center" }}>
        {used.map((b) => (
          <span class="legend-item" key={b} data-basis={b} style={{ display: "inline-flex", alignItems: "center", gap: "0.3em" }}>
            <svg width="12" height="12" aria-hidden="true" style={{ display: "inline", width: "12px", height: "12px" }}>
              <circle cx="6" cy="6" r="5" style={{ fill: kBasisColour[b] }} />
            </svg>{" "}
            {kBasisLabel[b]}
          </span>
        ))}
        {hood.nodes.length > kMaxNodes && (
          <span class="muted">
            {" "}
            · showing {kMaxNodes} of {hood.nodes.length} entities
          </span>
        )}
      </figcaption>
    </figure>
  );
}
