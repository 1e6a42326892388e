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
