// Own designations (#/designations): the organisation's internal list
// "own", screened like an official one as soon as a change is saved. Lists
// every designation; admins add, edit and remove them.
import { useState } from "preact/hooks";
import { designations, removeDesignation, type Designation } from "../api";
import { ErrorBox, Loading } from "../components/Status";
import { DesignationForm } from "../components/DesignationForm";
import { when } from "../format";
import { entityHref } from "../router";
import { useFetch } from "../useFetch";

export function DesignationsPage() {
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<Designation | "new" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fetched = useFetch(`designations/${reload}`, (signal) => designations(signal));
  const changed = () => {
    setEditing(null);
    setReload((n) => n + 1);
  };
  const remove = async (d: Designation) => {
    const reason = prompt(`Why is ${d.entity.names[0]?.name} no longer designated?`);
    if (!reason) return;
    setError(null);
    try {
      await removeDesignation(d.number, reason);
      changed();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="designations">
      <h1>Own designations</h1>
      <p class="muted">Persons and organisations your organisation lists itself (list “own”). Saved changes are screened at once.</p>
      {editing === null && (
        <button class="primary" id="add-designation" onClick={() => setEditing("new")}>
          Add a designation
        </button>
      )}
      {editing !== null && <DesignationForm designation={editing === "new" ? null : editing} onSaved={changed} onCancel={() => setEditing(null)} />}
      {error !== null && <ErrorBox error={error} />}
      {fetched.state === "loading" && <Loading what="designations" />}
      {fetched.state === "error" && <ErrorBox error={fetched.error} />}
      {fetched.state === "done" &&
        (fetched.value.length === 0 ? (
          <p class="muted">No own designations yet.</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th>Id</th>
                <th>Name</th>
                <th>Type</th>
                <th>Status</th>
                <th>Reason</th>
                <th>Author</th>
                <th>Updated</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {fetched.value.map((d) => (
                <tr key={d.number} class={d.active ? "" : "inactive"}>
                  <td class="mono">{d.id}</td>
                  <td>{d.active ? <a href={entityHref(d.id)}>{d.entity.names[0]?.name}</a> : d.entity.names[0]?.name}</td>
                  <td>{d.entity.schema}</td>
                  <td>{d.removed_at ? `removed: ${d.removed_reason}` : d.active ? (d.expires ? `until ${d.expires}` : "active") : `expired ${d.expires}`}</td>
                  <td class="note">{d.reason}</td>
                  <td>{d.author}</td>
                  <td>{when(d.updated_at)}</td>
                  <td>
                    {!d.removed_at && (
                      <>
                        <button onClick={() => setEditing(d)}>Edit</button> <button class="danger" onClick={() => remove(d)}>Remove</button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
