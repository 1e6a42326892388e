// The search page: screening as you type. The query (name in any script,
// optional type, date of birth and country) goes to POST /v1/screen after a
// short pause in typing; results show a score bar and the token alignments.
// Keyboard: the name box has focus; ↑/↓ move through results; Enter opens.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, screen, type Basis, type RegimeBasis, type ScreenMatch, type ScreenQuery } from "../api";
import { ErrorBox } from "../components/Status";
import { ExplanationView } from "../components/Explanation";
import { BasisBadge } from "../components/RelationGraph";
import { entityHref, replaceHash, searchHref } from "../router";
import { percent, scoreBand } from "../format";

const kDebounceMs = 180;
const kLimit = 25;
const kThresholds = ["0.5", "0.6", "0.7", "0.8", "0.9"];

interface Form {
  q: string;
  type: string;
  dob: string;
  country: string;
  min: string;
}

type Outcome =
  | { state: "idle" }
  | { state: "busy"; previous: ScreenMatch[] }
  | { state: "done"; matches: ScreenMatch[]; ms: number; query: string }
  | { state: "error"; error: unknown };

function formFromParams(params: URLSearchParams): Form {
  return {
    q: params.get("q") ?? "",
    type: params.get("type") ?? "",
    dob: params.get("dob") ?? "",
    country: params.get("country") ?? "",
    min: kThresholds.includes(params.get("min") ?? "") ? params.get("min")! : "0.7",
  };
}

// Checks what the browser can check, so a half-typed date does not send a
// request the server would refuse.
function localProblem(form: Form): { field: string; message: string } | null {
  if (form.dob && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(form.dob))
    return { field: "dob", message: "Date of birth: YYYY, YYYY-MM or YYYY-MM-DD" };
  if (form.country && !/^[A-Za-z]{2}$/.test(form.country))
    return { field: "country", message: "Country: a two-letter ISO code, e.g. IR" };
  return null;
}

export function SearchPage({ params }: { params: URLSearchParams }) {
  const [form, setForm] = useState<Form>(() => formFromParams(params));
  const [outcome, setOutcome] = useState<Outcome>({ state: "idle" });
  const [selected, setSelected] = useState(0);
  const nameBox = useRef<HTMLInputElement>(null);
  const problem = localProblem(form);

  useEffect(() => nameBox.current?.focus(), []);

  useEffect(() => {
    replaceHash(searchHref({ ...form, min: form.min === "0.7" ? "" : form.min }));
    if (!form.q.trim() || problem) {
      setOutcome({ state: "idle" });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setOutcome((o) => ({ state: "busy", previous: o.state === "done" ? o.matches : o.state === "busy" ? o.previous : [] }));
      const query: ScreenQuery = {
        name: form.q,
        type: form.type ? (form.type as ScreenQuery["type"]) : null,
        dob: form.dob || null,
        country: form.country ? form.country.toLowerCase() : null,
      };
      const started = performance.now();
      screen(query, Number(form.min), kLimit, controller.signal).then(
        (r) => setOutcome({ state: "done", matches: r.matches, ms: performance.now() - started, query: form.q }),
        (error) => controller.signal.aborted || setOutcome({ state: "error", error }),
      );
      setSelected(0);
    }, kDebounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [form.q, form.type, form.dob, form.country, form.min]);

  const matches = outcome.state === "done" ? outcome.matches : outcome.state === "busy" ? outcome.previous : [];

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!matches.length) return;
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setSelected((s) => Math.min(matches.length - 1, Math.max(0, s + step)));
    } else if (e.key === "Enter" && matches[selected]) {
      e.preventDefault();
      location.hash = entityHref(matches[selected].entity_id);
    }
  };

  useEffect(() => {
    document.getElementById(`result-${selected}`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const set = (field: keyof Form) => (e: Event) => setForm({ ...form, [field]: (e.target as HTMLInputElement).value });
  const serverField = outcome.state === "error" && outcome.error instanceof ApiError ? outcome.error.field : "";
  const invalid = (field: string) => problem?.field === field || serverField === field;

  return (
    <section class="search" onKeyDown={onKeyDown}>
      <form class="query" role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          id="search-name"
          ref={nameBox}
          class="name"
          type="search"
          placeholder="Name in any script — e.g. Muammar Qadhafi, Усама бен Ладен"
          autocomplete="off"
          spellcheck={false}
          aria-label="Name"
          aria-controls="results"
          aria-activedescendant={matches.length ? `result-${selected}` : undefined}
          aria-invalid={invalid("name")}
          value={form.q}
          onInput={set("q")}
        />
        <select aria-label="Type" value={form.type} onChange={set("type")}>
          <option value="">Any type</option>
          <option value="person">Person</option>
          <option value="organization">Organization</option>
          <option value="vessel">Vessel</option>
          <option value="aircraft">Aircraft</option>
        </select>
        <input class="dob" aria-label="Date of birth" placeholder="DOB YYYY-MM-DD" value={form.dob} onInput={set("dob")} aria-invalid={invalid("dob")} />
        <input class="country" aria-label="Country" placeholder="Country" maxLength={2} value={form.country} onInput={set("country")} aria-invalid={invalid("country")} />
        <label class="min">
          min score
          <select aria-label="Minimum score" value={form.min} onChange={set("min")}>
            {kThresholds.map((t) => (
              <option value={t} key={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </form>
      {problem && <div class="error" role="alert">{problem.message}</div>}
      {outcome.state === "error" && <ErrorBox error={outcome.error} />}
      <ResultSummary outcome={outcome} count={matches.length} />
      <ol
        id="results"
        class="results"
        role="listbox"
        aria-label="Matches"
        aria-busy={outcome.state === "busy"}
        data-query={outcome.state === "done" ? outcome.query : undefined}
      >
        {matches.map((m, i) => (
          <MatchRow key={m.entity_id} match={m} index={i} selected={i === selected} onHover={() => setSelected(i)} />
        ))}
      </ol>
    </section>
  );
}

function ResultSummary({ outcome, count }: { outcome: Outcome; count: number }) {
  if (outcome.state === "idle")
    return <p class="muted summary">Type a name to screen it against every loaded list. Matches appear as you type.</p>;
  if (outcome.state === "busy") return <p class="muted summary">Screening…</p>;
  if (outcome.state === "error") return null;
  if (count === 0) return <p class="muted summary" data-testid="result-count">No match at or above the minimum score.</p>;
  return (
    <p class="muted summary" data-testid="result-count">
      {count} match{count === 1 ? "" : "es"} · {Math.round(outcome.ms)} ms
    </p>
  );
}

function MatchRow(props: { match: ScreenMatch; index: number; selected: boolean; onHover: () => void }) {
  const { match: m, index, selected } = props;
  const band = scoreBand(m.score);
  return (
    <li id={`result-${index}`} role="option" aria-selected={selected} class={`result ${selected ? "selected" : ""}`} onMouseEnter={props.onHover}>
      <div class="score" title={`score ${m.score.toFixed(4)} (name ${m.explanation.name_score.toFixed(4)})`}>
        <div class={`bar ${band}`} style={{ width: percent(m.score) }} />
        <span>{percent(m.score)}</span>
      </div>
      <div class="body">
        <a class="title" href={entityHref(m.entity_id)} tabIndex={-1}>
          {m.primary_name}
        </a>
        <span class={`badge schema-${m.schema}`}>{m.schema}</span>
        <span class="badge list">{m.list}</span>
        {m.basis && <BasisBadge basis={m.basis} />}
        <span class="id">{m.entity_id}</span>
        {m.name !== m.primary_name && <div class="matched">matched name: {m.name}</div>}
        <ExplanationView explanation={m.explanation} />
        {m.explanation.summary && <div class="why muted">{m.explanation.summary}</div>}
        {m.basis && m.basis !== "listed" && <BasisWhy derivation={m.derivation ?? []} basis={m.basis} />}
      </div>
    </li>
  );
}

// Why a match that is not itself listed matters: its strongest basis's
// explanation, with the regimes it holds under.
function BasisWhy({ derivation, basis }: { derivation: RegimeBasis[]; basis: Basis }) {
  const strongest = derivation.filter((d) => d.basis === basis);
  if (strongest.length === 0) return null;
  return (
    <div class="why basis-why" data-testid="basis-why">
      {strongest.map((d) => d.regime.toUpperCase()).join(", ")}: {strongest[0].explanation}
    </div>
  );
}
