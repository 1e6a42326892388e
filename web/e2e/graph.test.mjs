// The relation graph in the UI end to end: the real lists (with the
// OpenSanctions zala file's ownership and directorship records) plus an
// own-relations file, the real server, a real browser. Screening shows each
// match's basis, the entity page its basis per regime with the proof, and
// the network around it coloured by basis, with shares on the edges.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { missingData, sharedData, startEnvironment } from "./harness.mjs";

// zala: Alexander ZAKHAROV and Svetlana ZAKHAROVA are sanctioned persons;
// he directs the drone association (topic sanction.linked, not listed).
const kZakharov = "ftm:NK-aU5ybkbRFJucf8YMwsJvDw";
const kSvetlana = "ftm:NK-DQ98GPMgdVH8DSZd8g9Xtc";
// Acme: 30% + 25% held by the two: owned under OFAC and EU (aggregated),
// linked under UK (no one person holds more than 50%).
const kRelations =
  "owner_id,owner_name,owned_id,owned_name,share,relation,source,date\n" +
  `${kZakharov},,ACME1,Acme Drone Parts LLC,30%,owner,kyc,2020-01-01\n` +
  `${kSvetlana},,ACME1,,25%,owner,kyc,2020-01-01\n`;

const skip =
  missingData() ||
  (existsSync(join(sharedData, "opensanctions_ftm/zala_entities.ftm.json")) ? false : "no zala FtM file");
let env;

before(async () => {
  if (!skip) env = await startEnvironment({ removeFromUn: "LYi.014", relations: kRelations });
});

after(async () => {
  if (env) {
    assert.deepEqual(env.browserErrors, [], "the pages logged errors");
    await env.stop();
  }
});

test("screening an owned company shows its basis badge and why it matters", { skip }, async () => {
  const { page } = env;
  const name = "Acme Drone Parts LLC";
  await page.goto(env.base + "/#/search");
  await page.waitForFunction(() => document.activeElement?.id === "search-name");
  await page.keyboard.type(name, { delay: 10 });
  await page.locator(`#results[data-query="${name}"]`).waitFor();
  const top = page.locator("#results > li").first();
  assert.equal(await top.locator(".id").textContent(), "own:ACME1");
  assert.equal(await top.locator(".badge.basis").getAttribute("data-basis"), "owned");
  const why = await top.locator("[data-testid=basis-why]").textContent();
  assert.equal(why, `OFAC, EU: not listed; 55% owned in aggregate by ${kZakharov} (30%) and ${kSvetlana} (25%)`);
  await env.screenshot("graph-search-owned");
});

test("the entity page shows the basis per regime and the network coloured by basis", { skip }, async () => {
  const { page } = env;
  await page.goto(env.base + "/#/entity/" + encodeURIComponent("own:ACME1"));
  const table = page.locator("[data-testid=basis-table]");
  await table.waitFor();
  const rows = await table.locator("tr").evaluateAll((els) => els.map((el) => [el.dataset.regime, el.dataset.basis]));
  assert.deepEqual(rows, [
    ["ofac", "owned"],
    ["eu", "owned"],
    ["uk", "linked"],
  ]);
  assert.match(await table.locator("tr[data-regime=ofac] .path").textContent(), /owner of (30|25)%/);

  const graph = page.locator("figure.network-graph");
  await graph.waitFor();
  assert.equal(await graph.locator(`.node.centre`).getAttribute("data-basis"), "owned");
  assert.equal(await graph.locator(`.node[data-id="${kZakharov}"]`).getAttribute("data-basis"), "listed");
  const labels = await graph.locator(".edge-label").allTextContents();
  assert.ok(labels.includes("owner of 30%") && labels.includes("owner of 25%"), labels.join(" | "));
  const legend = await graph.locator(".legend-item").evaluateAll((els) => els.map((el) => el.dataset.basis));
  assert.ok(legend.includes("listed") && legend.includes("owned"), legend.join(" "));
  await env.screenshot("graph-entity-ofac");

  // Under the UK rule the same company is only linked.
  await page.selectOption("select[aria-label=Regime]", "uk");
  await page.locator("figure.network-graph[data-regime=uk]").waitFor();
  assert.equal(await page.locator("figure.network-graph .node.centre").getAttribute("data-basis"), "linked");

  // A node is a link: follow it to the owner's page.
  await graph.locator(`.node[data-id="${kZakharov}"]`).click();
  await page.waitForFunction((id) => location.hash === "#/entity/" + encodeURIComponent(id), kZakharov);
  await page.locator("[data-testid=basis-table] tr[data-regime=ofac][data-basis=listed]").waitFor();
  // His neighbourhood shows the association he directs as linked.
  await page.locator('figure.network-graph .node[data-id="ftm:NK-SiYwWfxwLVrVeFswsvAvsm"][data-basis=linked]').waitFor();
  await env.screenshot("graph-entity-listed");
});
