// The allowlist (#/allowlist): pairs closed as false positives. They stay
// quiet until either side's data changes. Reviewers and admins may remove a
// pair, so its next hit alerts again.
import { useState } from "preact/hooks";
import { allowlist, removeAllowlist } from "../api";
import { ErrorBox, Loading } from "../components/Status";
import { when } from "../format";
import { alertHref, entityHref } from "../router";
import { useFetch } from "../useFetch";
import { useMe } from "../components/KeyBox";

export function AllowlistPage() {
  const [reload, setReload] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const me = useMe();
  const fetched = useFetch(`allowlist/${reload}`, (signal) => allowlist(signal));
  const mayRemove = me?.role === "reviewer" || me?.role === "admin";
  const remove = async (customer: string, entity: string) => {
    setError(null);
    try {
      await removeAllowlist(customer, entity);
      setReload((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="allowlist">
      <h1>Allowlist</h1>
      <p class="muted">Customer and entity pairs closed as false positives. A pair alerts again when either record changes.</p>
      {error !== null && <ErrorBox error={error} />}
      {fetched.state === "loading" && <Loading what="the allowlist" />}
      {fetched.state === "error" && <ErrorBox error={fetched.error} />}
      {fetched.state === "done" &&
        (fetched.value.length === 0 ? (
          <p class="muted">The allowlist is empty.</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Listed entity</th>
                <th>Decision</th>
                <th>By</th>
                <th>On</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {fetched.value.map((e) => (
                <tr key={e.customer_id + "|" + e.entity_id}>
                  <td>
                    {e.customer_name} <span class="id">{e.customer_id}</span>
                  </td>
                  <td>
                    <a href={entityHref(e.entity_id)}>{e.entity_name || e.entity_id}</a> <span class="id">{e.entity_id}</span>
                  </td>
                  <td class="note">
                    <a href={alertHref(e.alert_id)}>alert {e.alert_id}</a> {e.decision_note}
                  </td>
                  <td>{e.created_by}</td>
                  <td>{when(e.created_at)}</td>
                  <td>
                    {mayRemove && (
                      <button class="danger" onClick={() => remove(e.customer_id, e.entity_id)}>
                        Remove
                      </button>
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
