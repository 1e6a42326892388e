// An alert's status as a coloured badge with its words (colour is never the
// only cue), including the four-eyes proposal and a delisted entity.
import type { Alert } from "../api";

const LABELS: Record<string, string> = {
  open: "open",
  in_review: "in review",
  awaiting_confirmation: "awaiting confirmation",
  closed_true_match: "true match",
  closed_false_positive: "false positive",
  closed_delisted: "closed: delisted",
};

export function statusLabel(status: string): string {
  return LABELS[status] ?? status;
}

export function AlertStatusBadge({ alert }: { alert: Alert }) {
  return (
    <span class={`badge status-${alert.status}`}>
      {statusLabel(alert.status)}
      {alert.status === "awaiting_confirmation" && alert.proposed ? ` (${statusLabel(alert.proposed)})` : ""}
      {alert.entity_delisted ? " · delisted" : ""}
    </span>
  );
}
