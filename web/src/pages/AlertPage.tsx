// One alert (#/alert/<id>): the customer record and the listed entity side
// by side, the explanation and basis, the decision panel (with four-eyes
// and a conflict message when someone else decided first), comments and
// the alert's audit history.
import { useState } from "preact/hooks";
import { alert as fetchAlert, type AlertDetail, type CustomerRecord, type Entity } from "../api";
import { ErrorBox, Loading } from "../components/Status";
import { ExplanationView } from "../components/Explanation";
import { AlertStatusBadge } from "../components/AlertStatusBadge";
import { DecisionPanel } from "../components/DecisionPanel";
import { CommentBox } from "../components/CommentBox";
import { dateText, percent, scoreBand, when } from "../format";
import { alertHref, alertsHref, entityHref } from "../router";
import { useFetch } from "../useFetch";

export function AlertPage({ id }: { id: number }) {
  const [reload, setReload] = useState(0);
  const fetched = useFetch(`${id}/${reload}`, (signal) => fetchAlert(id, signal));
  if (fetched.state === "loading") return <Loading what={`alert ${id}`} />;
  if (fetched.state === "error") return <ErrorBox error={fetched.error} />;
  return <AlertView detail={fetched.value} onChange={() => setReload((n) => n + 1)} />;
}

function AlertView({ detail, onChange }: { detail: AlertDetail; onChange: () => void }) {
  const a = detail.alert;
  return (
    <section class="alert-page">
      <p class="crumbs">
        <a href={alertsHref({})}>← Alerts</a>
      </p>
      <h1>
        Alert {a.id} <AlertStatusBadge alert={a} /> <span class={`pill ${scoreBand(a.score)}`}>{percent(a.score)}</span>
      </h1>
      <p class="muted">
        {a.reason} · opened {when(a.opened_at)} on {a.list} (version id {a.list_version}) · assignee {a.assignee || "none"} · revision {a.revision}
      </p>
      <div class="grid side-by-side">
        <CustomerCard record={detail.customer} fallbackName={a.customer_name} id={a.customer_id} />
        <EntityCard entity={detail.entity} id={a.entity_id} name={a.entity_name} version={a.list_version} />
        <div class="card wide">
          <h2>Why it matched</h2>
          <p>
            “{a.customer_name}” ↔ “{a.matched_name}”
          </p>
          {a.explanation ? <ExplanationView explanation={a.explanation} /> : <p class="muted">No explanation recorded.</p>}
          {a.explanation?.summary && <p class="muted">{a.explanation.summary}</p>}
        </div>
        <div class="card">
          <h2>Basis</h2>
          <table>
            <tbody>
              {Object.entries(a.basis ?? {}).map(([regime, b]) => (
                <tr key={regime}>
                  <th>{regime}</th>
                  <td>
                    <b>{b.basis}</b> {b.explanation && <span class="muted">{b.explanation}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <DecisionPanel detail={detail} onChange={onChange} />
        <div class="card">
          <h2>Comments</h2>
          {detail.comments.length === 0 && <p class="muted">No comments yet.</p>}
          <ul class="comments">
            {detail.comments.map((c) => (
              <li key={c.id}>
                <b>{c.author}</b> <span class="muted">{when(c.at)}</span>
                <div>{c.text}</div>
              </li>
            ))}
          </ul>
          <CommentBox alertId={a.id} onAdded={onChange} />
        </div>
        <div class="card">
          <h2>History</h2>
          <ol class="history">
            {detail.history.map((h) => (
              <li key={h.seq}>
                <span class="muted">{when(h.at)}</span> <b>{h.actor}</b> {h.action.replace(/^alert\./, "")}
                {typeof h.details?.note === "string" && h.details.note ? `: ${h.details.note}` : ""}
              </li>
            ))}
          </ol>
          {detail.related.length > 0 && (
            <>
              <h2>Earlier alerts on this pair</h2>
              <ul>
                {detail.related.map((r) => (
                  <li key={r.id}>
                    <a href={alertHref(r.id)}>alert {r.id}</a> <AlertStatusBadge alert={r} /> {when(r.opened_at)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function CustomerCard({ record, fallbackName, id }: { record: CustomerRecord | null; fallbackName: string; id: string }) {
  return (
    <div class="card customer">
      <h2>Customer</h2>
      <div class="title">{record?.name ?? fallbackName}</div>
      <table>
        <tbody>
          <Row label="Id" value={id} />
          <Row label="Type" value={record?.type} />
          <Row label="Born" value={record?.dob} />
          <Row label="Country" value={record?.country?.toUpperCase()} />
          {(record?.identifiers ?? []).map((i, n) => (
            <Row key={n} label={i.type} value={i.value} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntityCard({ entity, id, name, version }: { entity: Entity | null; id: string; name: string; version: number }) {
  const names = entity?.names ?? [];
  return (
    <div class="card entity">
      <h2>Listed entity</h2>
      <div class="title">
        <a href={entityHref(id, version)}>{names[0]?.name ?? name}</a> <span class="id">{id}</span>
      </div>
      <table>
        <tbody>
          <Row label="Type" value={entity?.schema} />
          <Row label="Also" value={names.slice(1, 6).map((n) => n.name).join(" · ")} />
          <Row label="Born" value={(entity?.birth_dates ?? []).map(dateText).join(", ")} />
          <Row label="Countries" value={[...(entity?.nationalities ?? []), ...(entity?.countries ?? [])].map((c) => c.toUpperCase()).join(", ")} />
          {(entity?.identifiers ?? []).slice(0, 6).map((i, n) => (
            <Row key={n} label={i.type} value={i.value} />
          ))}
          <Row label="Programs" value={(entity?.programs ?? []).join(", ")} />
          <Row label="Listed on" value={entity?.listed_on} />
        </tbody>
      </table>
    </div>
  );
}

function Row({ label, value }: { label: string; value?: string }) {
  if (!value) return null;
  return (
    <tr>
      <th>{label}</th>
      <td>{value}</td>
    </tr>
  );
}
