// Adds a comment to an alert.
import { useState } from "preact/hooks";
import { comment } from "../api";
import { ErrorBox } from "./Status";

export function CommentBox({ alertId, onAdded }: { alertId: number; onAdded: () => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      await comment(alertId, text.trim());
      setText("");
      setError(null);
      onAdded();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="comment-box" onSubmit={submit}>
      <input id="comment-text" placeholder="Add a comment" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      <button type="submit" disabled={!text.trim()}>
        Comment
      </button>
      {error !== null && <ErrorBox error={error} />}
    </form>
  );
}
