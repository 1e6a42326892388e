// Runs an API call when its key changes, cancelling the previous one, so a
// page never shows a stale answer to an earlier question.
import { useEffect, useState } from "preact/hooks";

export type Fetched<T> = { state: "loading" } | { state: "done"; value: T } | { state: "error"; error: unknown };

export function useFetch<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Fetched<T> {
  const [result, setResult] = useState<Fetched<T>>({ state: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: "loading" });
    load(controller.signal).then(
      (value) => controller.signal.aborted || setResult({ state: "done", value }),
      (error) => controller.signal.aborted || setResult({ state: "error", error }),
    );
    return () => controller.abort();
  }, [key]);
  return result;
}
