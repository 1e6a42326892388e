// The decision buttons of an alert page. Every request carries the revision
// the page was drawn from, so a decision made meanwhile by someone else is
// refused (409) and shown as a conflict rather than silently overwritten.
// A closure needs a comment. With four-eyes on, a closure is a proposal
// that a reviewer other than its proposer confirms or rejects.
import { useState } from "preact/hooks";
import { ApiError, assign, confirm, decide, type AlertDetail, type DecisionKind } from "../api";
import { statusLabel } from "./AlertStatusBadge";
import { ErrorBox } from "./Status";

export function DecisionPanel({ detail, onChange }: { detail: AlertDetail; onChange: () => void }) {
  const a = detail.alert;
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const closed = a.status.startsWith("closed_");

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setNote("");
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const onDecide = (kind: DecisionKind) => {
    if (kind !== "in_review" && !note.trim()) {
      setError(new ApiError(400, "invalid_argument", "Closing an alert needs a comment saying why.", "comment"));
      return;
    }
    run(() => decide(a.id, kind, note.trim(), a.revision));
  };

  if (closed) {
    return (
      <div class="card decision">
        <h2>Decision</h2>
        <p>
          Closed as <b>{statusLabel(a.status)}</b> by {a.decided_by || "the system"} on {a.closed_at}.
        </p>
        {a.decision_note && <blockquote>{a.decision_note}</blockquote>}
      </div>
    );
  }
  const awaiting = a.status === "awaiting_confirmation";
  const ownProposal = awaiting && a.proposed_by === detail.user;
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <div class="card decision">
      <h2>Decision</h2>
      {detail.four_eyes && !awaiting && <p class="muted">Four-eyes is on: a closure waits for a reviewer's confirmation.</p>}
      {awaiting && (
        <p class="four-eyes" role="status">
          <b>{a.proposed_by}</b> proposed closing as <b>{statusLabel(a.proposed ?? "")}</b>
          {a.decision_note ? `: “${a.decision_note}”` : ""}.{" "}
          {ownProposal ? "Another reviewer must confirm it." : "A reviewer may confirm or reject it."}
        </p>
      )}
      <textarea
        id="decision-note"
        rows={3}
        aria-invalid={error instanceof ApiError && error.field === "comment" ? "true" : undefined}
        placeholder={awaiting ? "Comment (optional)" : "Why? (required to close)"}
        value={note}
        onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
      />
      <div class="row buttons">
        {awaiting ? (
          <>
            <button class="primary" disabled={busy || ownProposal} onClick={() => run(() => confirm(a.id, true, note.trim(), a.revision))}>
              Confirm
            </button>
            <button disabled={busy || ownProposal} onClick={() => run(() => confirm(a.id, false, note.trim(), a.revision))}>
              Reject
            </button>
          </>
        ) : (
          <>
            <button class="danger" disabled={busy} onClick={() => onDecide("true_match")}>
              True match
            </button>
            <button class="primary" disabled={busy} onClick={() => onDecide("false_positive")}>
              False positive
            </button>
            <button disabled={busy || a.status !== "open"} onClick={() => onDecide("in_review")}>
              In review
            </button>
            {a.assignee !== detail.user && (
              <button disabled={busy} onClick={() => run(() => assign(a.id, detail.user, a.revision))}>
                Assign to me
              </button>
            )}
          </>
        )}
      </div>
      {conflict ? (
        <div class="error conflict" role="alert">
          Someone else changed this alert while you were looking at it ({(error as ApiError).message}). Your decision was not saved.{" "}
          <button onClick={onChange}>Reload the alert</button>
        </div>
      ) : (
        error !== null && <ErrorBox error={error} />
      )}
    </div>
  );
}
