// The lists page: every loaded list with its current version and counts
// (#/lists), and one list's versions with a diff between any two of them
// (#/lists/<list>?from=N&to=M).
import { lists as fetchLists, versions as fetchVersions, type ListsOverview, type ListVersion } from "../api";
import { ErrorBox, Loading } from "../components/Status";
import { DiffView } from "../components/DiffView";
import { count, when } from "../format";
import { listHref } from "../router";
import { useFetch } from "../useFetch";

export function ListsPage({ list, params }: { list: string; params: URLSearchParams }) {
  return list ? <ListDetail list={list} params={params} /> : <Overview />;
}

function Overview() {
  const fetched = useFetch("lists", (signal) => fetchLists(signal));
  if (fetched.state === "loading") return <Loading what="lists" />;
  if (fetched.state === "error") return <ErrorBox error={fetched.error} />;
  const overview = fetched.value;
  return (
    <section class="lists">
      <h1>Lists</h1>
      <IndexLine overview={overview} />
      {overview.lists.length === 0 ? (
        <p class="muted">The store holds no list yet. Load one with `interdict load FILE`.</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th>List</th>
              <th class="num">Versions</th>
              <th class="num">Entities</th>
              <th class="num">Names</th>
              <th class="num">Relations</th>
              <th>Format</th>
              <th>Published</th>
              <th>Last update</th>
              <th>Last change</th>
            </tr>
          </thead>
          <tbody>
            {overview.lists.map(({ list, versions, current: v }) => (
              <tr key={list}>
                <td>
                  <a href={listHref(list)}>{list}</a>
                </td>
                <td class="num">{versions}</td>
                <td class="num">{count(v.entities)}</td>
                <td class="num">{count(v.names)}</td>
                <td class="num">{count(v.relations)}</td>
                <td>{v.format}</td>
                <td>{v.published || "—"}</td>
                <td>{when(v.loaded_at)}</td>
                <td>
                  <ChangeCounts v={v} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function IndexLine({ overview }: { overview: ListsOverview }) {
  const { index, last_update: update, update_interval_seconds: interval } = overview;
  return (
    <p class="muted">
      {index
        ? `Screening index: ${count(index.entities)} entities, ${count(index.names)} names, built ${when(index.built_at)} in ${index.build_ms} ms.`
        : "No screening index is loaded yet."}{" "}
      {interval > 0 ? `Lists are updated every ${Math.round(interval / 60)} min.` : "Scheduled updates are off."}{" "}
      {update && `Last update ${when(update.finished_at)}: ${update.ok ? "ok" : "failed"} (${update.updated} updated, ${update.unchanged} unchanged, ${update.failed} failed).`}
    </p>
  );
}

function ChangeCounts({ v }: { v: ListVersion }) {
  return (
    <span class="changes">
      <span class="added">+{count(v.added)}</span> <span class="removed">−{count(v.removed)}</span>{" "}
      <span class="changed">~{count(v.changed)}</span>
    </span>
  );
}

function ListDetail({ list, params }: { list: string; params: URLSearchParams }) {
  const fetched = useFetch(list, (signal) => fetchVersions(list, signal));
  if (fetched.state === "loading") return <Loading what={list} />;
  if (fetched.state === "error") return <ErrorBox error={fetched.error} />;
  const versions = fetched.value;
  const newest = versions[versions.length - 1];
  const to = Number(params.get("to")) || newest?.number || 0;
  const from = Number(params.get("from")) || Math.max(1, to - 1);
  return (
    <section class="lists">
      <p class="crumbs">
        <a href="#/lists">Lists</a> / {list}
      </p>
      <h1>{list}</h1>
      <table class="data versions">
        <thead>
          <tr>
            <th class="num">Version</th>
            <th>Loaded</th>
            <th>Published</th>
            <th>Format</th>
            <th class="num">Entities</th>
            <th class="num">Names</th>
            <th>Change</th>
            <th>Source</th>
            <th>Compare</th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((v) => (
            <tr key={v.id} class={v.number === from || v.number === to ? "picked" : ""}>
              <td class="num">v{v.number}</td>
              <td>{when(v.loaded_at)}</td>
              <td>{v.published || "—"}</td>
              <td>{v.format}</td>
              <td class="num">{count(v.entities)}</td>
              <td class="num">{count(v.names)}</td>
              <td>
                <ChangeCounts v={v} />
              </td>
              <td class="source" title={`${v.source}\nsha256 ${v.sha256}`}>
                {v.source}
              </td>
              <td>{v.number > 1 && <a href={listHref(list, v.number - 1, v.number)}>diff with v{v.number - 1}</a>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.length < 2 ? (
        <p class="muted">Only one version of {list} is stored; a diff needs two. Load a newer file to compare.</p>
      ) : (
        <DiffView key={`${from}-${to}`} list={list} versions={versions} from={from} to={to} />
      )}
    </section>
  );
}
