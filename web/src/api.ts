// The HTTP API of `interdict serve` (docs/openapi.json), as the UI uses it.
// Shapes mirror the server's JSON: screening results as in
// include/interdict/screen_io.h, entities as in src/model/entity_json.cpp,
// versions and diffs as the CLI's --json output.

export type Schema = "person" | "organization" | "vessel" | "aircraft" | "unknown";

export interface TokenAlignment {
  query: string;
  list: string; // "" when the query token found no partner
  rule: string; // "exact", "variant", "phonetic", "skeleton", "edit:1", "initial", ...
  similarity: number;
  weight: number;
}

export interface ScoreAdjustment {
  factor: string;
  delta: number;
  detail: string;
}

export interface Explanation {
  name_score: number;
  tokens: TokenAlignment[];
  unmatched_list: string[];
  adjustments: ScoreAdjustment[];
  summary: string;
}

export interface ScreenMatch {
  entity_id: string;
  score: number;
  name: string;
  list: string;
  primary_name: string;
  schema: Schema;
  explanation: Explanation;
  basis?: Basis; // from the relation network (docs/graph.md)
  derivation?: RegimeBasis[];
}

// Why an entity matters under sanctions law: on a list, derived from listed
// owners or controllers under a regime's rule, or linked (for review).
export type Basis = "listed" | "owned" | "controlled" | "possibly_owned" | "linked" | "none";
export type Regime = "ofac" | "eu" | "uk";

export interface BasisStep {
  id: string;
  name: string;
  relation: string; // how this step is reached from the previous: "owner_of 51%"
}

export interface RegimeBasis {
  regime: Regime;
  basis: Basis;
  rule: string;
  aggregate_min?: number; // percent held by blocked owners (owned, possibly owned)
  aggregate_max?: number;
  explanation: string;
  path: BasisStep[]; // from a listed entity to this one
}

// GET /v1/entities/{id}/network: the same shape as `interdict network --format json`.
export interface NetworkNode {
  id: string;
  name: string;
  list: string;
  basis: Record<Regime, Basis>;
}

export interface NetworkEdge {
  from: string; // owner, controller, director, ...
  to: string;
  type: string; // "owner_of", "controls", "director_of", ...
  share_min?: number;
  share_max?: number;
  role?: string;
  source?: string;
  current: boolean;
}

export interface Neighbourhood {
  center: string;
  depth: number;
  nodes: NetworkNode[]; // the centre first
  edges: NetworkEdge[];
}

export interface ScreenQuery {
  name: string;
  type?: Schema | null;
  dob?: string | null;
  country?: string | null;
}

export interface ScreenResult {
  id: string | null;
  matches: ScreenMatch[];
}

export interface DateValue {
  date?: string;
  to?: string;
  approximate?: boolean;
  text?: string;
}

export interface EntityName {
  name: string;
  kind: string;
  quality?: string;
  script?: string;
  lang?: string;
  parts?: { type: string; value: string }[];
}

export interface Address {
  full?: string;
  street?: string;
  city?: string;
  region?: string;
  postal_code?: string;
  country?: string;
  country_text?: string;
}

export interface Identifier {
  type: string;
  value: string;
  label?: string;
  country?: string;
  note?: string;
}

export interface Relation {
  type: string;
  target: string; // "" when the source's name could not be resolved
  target_name?: string;
  share_min?: number;
  share_max?: number;
  role?: string;
  start?: DateValue;
  end?: DateValue;
  source?: string;
}

export interface ListVersion {
  id: number;
  list: string;
  number: number;
  format: string;
  sha256: string;
  source: string;
  published: string;
  loaded_at: string;
  entities: number;
  names: number;
  relations: number;
  added: number;
  removed: number;
  changed: number;
}

export interface Entity {
  id: string;
  list: string;
  schema: Schema;
  names: EntityName[];
  gender?: string;
  birth_dates?: DateValue[];
  birth_places?: string[];
  nationalities?: string[];
  citizenships?: string[];
  countries?: string[];
  addresses?: Address[];
  identifiers?: Identifier[];
  titles?: string[];
  positions?: string[];
  programs?: string[];
  listed_on?: string;
  remarks?: string;
  relations: Relation[];
  attributes?: { key: string; value: string }[];
}

// An entity page's data: the entity and the versions of its list it
// appears in, oldest first.
export interface EntityDetail {
  entity: Entity;
  versions: ListVersion[];
  basis?: RegimeBasis[]; // the regimes under which it is listed, derived or linked now
}

export interface ListSummary {
  list: string;
  current: ListVersion;
  versions: number; // how many versions the store holds
}

export interface IndexInfo {
  generation: number;
  built_at: string;
  build_ms: number;
  entities: number;
  names: number;
}

export interface UpdateResult {
  started_at: string;
  finished_at: string;
  ok: boolean;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ListsOverview {
  lists: ListSummary[];
  index: IndexInfo | null;
  last_update: UpdateResult | null;
  update_interval_seconds: number;
}

export interface FieldChange {
  path: string;
  before: string; // JSON text, "" when absent
  after: string;
}

export interface EntityChange {
  id: string;
  name: string;
  kind: "added" | "removed" | "changed";
  fields?: FieldChange[];
}

export interface ListDiff {
  list: string;
  from: ListVersion;
  to: ListVersion;
  added: number;
  removed: number;
  changed: number;
  total: number; // changes in all; `changes` is the page from `offset`
  offset: number;
  limit: number;
  changes: EntityChange[];
}

export interface SearchHit {
  entity_id: string;
  list: string;
  name: string; // the name that matched
  primary_name: string;
  schema: Schema;
  score: number; // 1 for a prefix hit
  match: "prefix" | "fuzzy";
  basis?: Basis;
}

export interface SearchResponse {
  query: string;
  total: number;
  offset: number;
  limit: number;
  results: SearchHit[];
}

// An error as the server reports it ({"error": {code, message, field}}), or a
// network failure (status 0).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field = "",
  ) {
    super(message);
  }
}

async function request<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, signal, headers: { Accept: "application/json", ...init.headers } });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "unavailable", "The Interdict server cannot be reached.");
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, "bad_response", `The server sent a response that is not JSON (${response.status}).`);
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? "http_" + response.status, error?.message ?? response.statusText, error?.field ?? "");
  }
  return body as T;
}

const enc = encodeURIComponent;

export function screen(query: ScreenQuery, threshold: number, limit: number, signal?: AbortSignal): Promise<ScreenResult> {
  const body = JSON.stringify({ id: "ui", ...query });
  const init = { method: "POST", body, headers: { "Content-Type": "application/json" } };
  return request<ScreenResult>(`/v1/screen?threshold=${threshold}&limit=${limit}`, init, signal);
}

export function search(q: string, offset: number, limit: number, signal?: AbortSignal): Promise<SearchResponse> {
  return request<SearchResponse>(`/v1/search?q=${enc(q)}&offset=${offset}&limit=${limit}`, {}, signal);
}

// `version` 0: as in the current version of its list.
export function entity(id: string, version: number, signal?: AbortSignal): Promise<EntityDetail> {
  const at = version ? `?version=${version}` : "";
  return request<EntityDetail>(`/v1/entities/${enc(id)}${at}`, {}, signal);
}

export function lists(signal?: AbortSignal): Promise<ListsOverview> {
  return request<ListsOverview>("/v1/lists", {}, signal);
}

export function versions(list: string, signal?: AbortSignal): Promise<ListVersion[]> {
  return request<{ versions: ListVersion[] }>(`/v1/lists/${enc(list)}/versions`, {}, signal).then((r) => r.versions);
}

export function diff(list: string, from: number, to: number, offset: number, limit: number, signal?: AbortSignal): Promise<ListDiff> {
  const range = `from=${from}&to=${to}&offset=${offset}&limit=${limit}`;
  return request<ListDiff>(`/v1/lists/${enc(list)}/diff?${range}`, {}, signal);
}

// The relations within `depth` hops of an entity, with every node's basis.
export function network(id: string, depth: number, signal?: AbortSignal): Promise<Neighbourhood> {
  return request<Neighbourhood>(`/v1/entities/${enc(id)}/network?depth=${depth}`, {}, signal);
}

// ---------------------------------------------------------------------------
// Case work (docs/api.md#case-work): alerts, decisions, the allowlist, own
// designations, customers. Requests carry the API key the user entered
// (auth.ts) when the server runs with keys.

export type AlertStatus =
  | "open"
  | "in_review"
  | "awaiting_confirmation"
  | "closed_true_match"
  | "closed_false_positive"
  | "closed_delisted";

export interface Alert {
  id: number;
  customer_id: string;
  customer_name: string;
  entity_id: string;
  entity_name: string;
  matched_name: string;
  list: string;
  score: number;
  explanation: Explanation | null;
  list_version: number;
  basis: Record<string, { basis: string; explanation?: string }> | null;
  reason: string;
  status: AlertStatus;
  assignee: string;
  proposed?: AlertStatus;
  proposed_by?: string;
  decided_by: string;
  decision_note: string;
  entity_delisted: boolean;
  opened_at: string;
  updated_at: string;
  closed_at: string;
  revision: number;
}

export interface AlertPage {
  alerts: Alert[];
  offset: number;
  limit: number;
  more: boolean;
}

export interface AlertComment {
  id: number;
  alert_id: number;
  author: string;
  text: string;
  at: string;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown> | null;
}

export interface CustomerRecord {
  id: string;
  name: string;
  type?: string;
  dob?: string;
  country?: string;
  identifiers?: { type: string; value: string }[];
}

export interface AlertDetail {
  alert: Alert;
  user: string;
  four_eyes: boolean;
  customer: CustomerRecord | null;
  entity: Entity | null;
  comments: AlertComment[];
  history: AuditEvent[];
  related: Alert[];
}

export interface AllowlistEntry {
  customer_id: string;
  entity_id: string;
  alert_id: number;
  created_by: string;
  created_at: string;
  customer_name?: string;
  entity_name?: string;
  decision_note?: string;
}

export interface DesignationInput {
  type: string;
  name: string;
  aliases: string[];
  dob: string;
  country: string;
  identifiers: { type: string; value: string }[];
  reason: string;
  evidence: string[];
  expires: string;
}

export interface Designation {
  id: string;
  number: number;
  entity: Entity;
  reason: string;
  evidence: string[];
  author: string;
  created_at: string;
  updated_at: string;
  expires: string;
  removed_at: string;
  removed_by: string;
  removed_reason: string;
  revision: number;
  active: boolean;
}

export interface ImportResult {
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  screened: number;
  alerts_opened: number;
}

export interface Me {
  user: string;
  role: string;
  keys: boolean;
  case_work: boolean;
}

function post<T>(path: string, body: unknown, method = "POST"): Promise<T> {
  return request<T>(path, { method, body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
}

export function me(signal?: AbortSignal): Promise<Me> {
  return request<Me>("/v1/me", {}, signal);
}

// `filters`: status, list, assignee, min_score, max_age_days, offset, limit.
export function alerts(filters: Record<string, string>, signal?: AbortSignal): Promise<AlertPage> {
  const kept = Object.entries(filters).filter(([, v]) => v !== "");
  return request<AlertPage>("/v1/alerts?" + new URLSearchParams(kept).toString(), {}, signal);
}

export function alert(id: number, signal?: AbortSignal): Promise<AlertDetail> {
  return request<AlertDetail>(`/v1/alerts/${id}`, {}, signal);
}

export type DecisionKind = "true_match" | "false_positive" | "in_review";

export function decide(id: number, decision: DecisionKind, comment: string, expectedVersion: number): Promise<Alert> {
  return post<Alert>(`/v1/alerts/${id}/decide`, { decision, comment, expected_version: expectedVersion });
}

export function confirm(id: number, approve: boolean, comment: string, expectedVersion: number): Promise<Alert> {
  return post<Alert>(`/v1/alerts/${id}/confirm`, { approve, comment, expected_version: expectedVersion });
}

export function assign(id: number, assignee: string, expectedVersion: number): Promise<Alert> {
  return post<Alert>(`/v1/alerts/${id}/assign`, { assignee, expected_version: expectedVersion });
}

export function comment(id: number, text: string): Promise<AlertComment> {
  return post<AlertComment>(`/v1/alerts/${id}/comments`, { text });
}

export function allowlist(signal?: AbortSignal): Promise<AllowlistEntry[]> {
  return request<{ entries: AllowlistEntry[] }>("/v1/allowlist", {}, signal).then((r) => r.entries);
}

export function removeAllowlist(customer: string, entityId: string): Promise<unknown> {
  return request(`/v1/allowlist?customer=${enc(customer)}&entity=${enc(entityId)}`, { method: "DELETE" });
}

export function designations(signal?: AbortSignal): Promise<Designation[]> {
  return request<{ designations: Designation[] }>("/v1/designations", {}, signal).then((r) => r.designations);
}

export function saveDesignation(number: number, input: DesignationInput): Promise<{ designation: Designation }> {
  return number ? post(`/v1/designations/${number}`, input, "PUT") : post("/v1/designations", input);
}

export function removeDesignation(number: number, reason: string): Promise<{ designation: Designation }> {
  return request(`/v1/designations/${number}?reason=${enc(reason)}`, { method: "DELETE" });
}

// The per-row errors of a refused import: nothing was imported.
export interface RowError {
  message: string;
  line: number;
  field: string;
}

export class ImportError extends ApiError {
  constructor(
    message: string,
    readonly rows: RowError[],
  ) {
    super(400, "invalid_argument", message, "body");
  }
}

// CSV (with a header row) or JSON lines, as `interdict customers import`
// reads. A refused import throws ImportError listing every bad row.
export async function importCustomers(text: string, name: string): Promise<ImportResult> {
  const type = text.trimStart().startsWith("{") ? "application/x-ndjson" : "text/csv";
  let response: Response;
  try {
    response = await fetch(`/v1/customers/import?name=${enc(name)}`, {
      method: "POST",
      body: text,
      headers: { "Content-Type": type, Accept: "application/json" },
    });
  } catch {
    throw new ApiError(0, "unavailable", "The Interdict server cannot be reached.");
  }
  type Refusal = { error?: { code?: string; message?: string; field?: string }; errors?: RowError[] };
  const body = (await response.json().catch(() => null)) as (ImportResult & Refusal) | null;
  if (response.ok && body) return body;
  const error = body?.error ?? {};
  const message = error.message ?? response.statusText;
  if (Array.isArray(body?.errors)) throw new ImportError(message, body.errors);
  throw new ApiError(response.status, error.code ?? "http_" + response.status, message, error.field ?? "");
}
