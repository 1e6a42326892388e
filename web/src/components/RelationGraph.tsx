// The relations of one entity as a graph: the entity in the middle, the
// entities it links to around it, each edge labelled with the relation. A node is a link: click it (or focus it and
// press Enter) to follow the relation to that entity's page.
import { entityHref } from "../router";

export interface GraphEdge {
  other: string; // the linked entity's id ("" when the list named it but it is not resolved)
  label: string; // what the linked entity is called
  relation: string; // "linked_to", "owned_by", ... (+ role)
}

// The viewBox is about as wide as the card on a laptop screen, so text keeps
// its CSS size.
const kWidth = 1100;
const kRowHeight = 46;
const kMaxNodes = 24;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}

// Nodes on an ellipse around the centre, rotated so that one neighbour sits
// to the right and two sit left and right; with many neighbours the ellipse
// grows so labels do not overlap.
function layout(n: number): { x: number; y: number; height: number }[] {
  const height = n <= 2 ? 200 : Math.max(360, Math.min(n, kMaxNodes) * kRowHeight * 0.55 + 160);
  const rx = kWidth / 2 - 190;
  const ry = height / 2 - 50;
  const start = n === 1 ? 0 : -Math.PI / 2 + Math.PI / n;
  return Array.from({ length: n }, (_, i) => {
    const angle = start + (2 * Math.PI * i) / n;
    return { x: kWidth / 2 + rx * Math.cos(angle), y: height / 2 + ry * Math.sin(angle), height };
  });
}

// `crossLinks`: pairs of entity ids among the neighbours that are related to
// each other too (drawn dashed), so a network shows as one.
export function RelationGraph(props: { centre: string; edges: GraphEdge[]; crossLinks: [string, string][] }) {
  const { centre, edges } = props;
  const shown = edges.slice(0, kMaxNodes);
  const points = layout(shown.length);
  const height = points[0]?.height ?? 300;
  const cx = kWidth / 2;
  const cy = height / 2;
  return (
    <figure class="graph">
      <svg viewBox={`0 0 ${kWidth} ${height}`} role="group" aria-label="Relations graph">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        </defs>
        {props.crossLinks.map(([a, b]) => {
          const i = shown.findIndex((e) => e.other === a);
          const j = shown.findIndex((e) => e.other === b);
          if (i < 0 || j < 0) return null;
          return <line class="cross" key={a + b} x1={points[i].x} y1={points[i].y} x2={points[j].x} y2={points[j].y} />;
        })}
        {shown.map((e, i) => {
          const p = points[i];
          return (
            <g class="edge" key={"e" + i}>
              <line
                x1={cx}
                y1={cy}
                x2={p.x}
                y2={p.y}
                marker-end="url(#arrow)"
              />
              <text x={cx + (p.x - cx) * 0.6} y={cy + (p.y - cy) * 0.6 - 4} class="edge-label">
                {e.relation.replace(/_/g, " ")}
              </text>
            </g>
          );
        })}
        <g class="node centre">
          <circle cx={cx} cy={cy} r={12} />
          <text x={cx} y={cy + 32}>
            {shorten(centre, 40)}
          </text>
        </g>
        {shown.map((e, i) => {
          const p = points[i];
          const body = (
            <>
              <circle cx={p.x} cy={p.y} r={9} />
              {/* Above a node in the upper half, below one in the lower half:
                  away from its edge, which comes from the centre. */}
              <text x={p.x} y={p.y < cy ? p.y - 16 : p.y + 26}>
                {shorten(e.label, 40)}
              </text>
            </>
          );
          return e.other ? (
            <a class="node linked" href={entityHref(e.other)} key={"n" + i} data-target={e.other} aria-label={`${e.relation}: ${e.label}`}>
              <title>{`${e.label} (${e.other}) — click to open`}</title>
              {body}
            </a>
          ) : (
            <g class="node unresolved" key={"n" + i}>
              <title>{`${e.label}: named by the list but not found in it`}</title>
              {body}
            </g>
          );
        })}
      </svg>
      {edges.length > kMaxNodes && (
        <figcaption class="muted">
          Showing {kMaxNodes} of {edges.length} relations; all are listed below.
        </figcaption>
      )}
    </figure>
  );
}
