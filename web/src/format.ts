// Small display helpers shared by the pages.
import type { Address, DateValue, ListVersion } from "./api";

export function percent(score: number): string {
  return (score * 100).toFixed(1) + "%";
}

// Score bands follow docs/scoring.md: at or above the default threshold (0.80)
// is an alert; 0.92 and up is a near-certain name match.
export function scoreBand(score: number): "strong" | "alert" | "weak" {
  return score >= 0.92 ? "strong" : score >= 0.8 ? "alert" : "weak";
}

export function dateText(d: DateValue): string {
  let s = d.date ?? "";
  if (d.to) s += " – " + d.to;
  if (d.approximate) s = "circa " + s;
  if (d.text && !s) return d.text;
  if (d.text && d.text !== s) s += ` (${d.text})`;
  return s;
}

export function addressText(a: Address): string {
  if (a.full) return a.full;
  const parts = [a.street, a.city, a.region, a.postal_code, a.country_text || a.country?.toUpperCase()];
  return parts.filter(Boolean).join(", ");
}

export function when(iso: string): string {
  // "2026-11-27T10:00:00Z" -> "2026-11-27 10:00 UTC"
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export function versionLabel(v: ListVersion): string {
  return `v${v.number} · ${when(v.loaded_at)}`;
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}
