// A match's explanation drawn as token alignments: each query token above the
// list token it was paired with, joined by the rule that paired them, so an
// analyst sees at a glance why "Qadhafi" matched "GADDAFI" (variant) or why
// a score is low (a query token with no partner, list tokens left over).
import type { Explanation, ScoreAdjustment } from "../api";

// Rules grouped into a few colour classes; "edit:2" -> "edit".
function ruleClass(rule: string): string {
  const base = rule.split(":")[0];
  if (!rule) return "none";
  if (["exact", "variant", "phonetic", "skeleton", "edit", "initial", "translit"].includes(base)) return base;
  return "other";
}

function ruleLabel(rule: string): string {
  return rule ? rule.replace(/^edit:(\d+)$/, "edit ×$1") : "no match";
}

export function ExplanationView({ explanation }: { explanation: Explanation }) {
  const { tokens, unmatched_list: leftover, adjustments } = explanation;
  return (
    <div class="explanation">
      <div class="alignments" aria-label="Token alignments">
        {tokens.map((t, i) => {
          const cls = t.list ? ruleClass(t.rule) : "none";
          const title = t.list
            ? `"${t.query}" ↔ "${t.list}" by ${t.rule}: similarity ${t.similarity.toFixed(2)}, weight ${(t.weight * 100).toFixed(0)}%`
            : `"${t.query}" found no partner in the list name (weight ${(t.weight * 100).toFixed(0)}%)`;
          return (
            <span class={`align rule-${cls}`} key={i} title={title} data-rule={t.rule}>
              <span class="tok q">{t.query}</span>
              <span class="rule">{ruleLabel(t.list ? t.rule : "")}</span>
              <span class="tok l">{t.list || "∅"}</span>
            </span>
          );
        })}
        {leftover.map((token, i) => (
          <span class="align rule-leftover" key={"u" + i} title={`"${token}" in the list name has no partner in the query`}>
            <span class="tok q">∅</span>
            <span class="rule">unmatched</span>
            <span class="tok l">{token}</span>
          </span>
        ))}
      </div>
      {adjustments.length > 0 && (
        <ul class="adjustments">
          {adjustments.map((a, i) => (
            <AdjustmentChip key={i} adjustment={a} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AdjustmentChip({ adjustment: a }: { adjustment: ScoreAdjustment }) {
  const sign = a.delta > 0 ? "+" : a.delta < 0 ? "−" : "±";
  const cls = a.delta > 0 ? "up" : a.delta < 0 ? "down" : "flat";
  return (
    <li class={`adj ${cls}`} title={a.detail}>
      <b>
        {sign}
        {Math.abs(a.delta).toFixed(2)}
      </b>{" "}
      {a.factor}: {a.detail}
    </li>
  );
}
