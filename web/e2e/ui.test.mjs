// The analyst UI end to end: real lists, the real server, a real browser.
// Run with `npm run test:e2e` (or scripts/web.sh test); screenshots go to
// build/web-screenshots/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { missingData, startEnvironment } from "./harness.mjs";

// Facts of the real files in shared/data (see SOURCES.md):
// OFAC SDN 2021: 11786 is "QASEMI, Rostam" (Iran's former oil minister),
// "Linked To: SOLEIMANI, Qasem" (10481) and the IRGC-Qods Force (10465).
// "Ghassemi" is a spelling the list does not give (it has QASEMI, GHASEMI).
const kRostam = { id: "ofac-sdn:11786", name: "QASEMI, Rostam", spelling: "Rostam Ghassemi" };
const kSoleimani = { id: "ofac-sdn:10481", name: "SOLEIMANI, Qasem" };
// UN: IQi.006 is IZZAT IBRAHIM AL-DURI, listed with his name in Arabic.
const kDuri = { id: "un-sc:IQi.006", arabic: "عزت ابراهيم الدوري" };
// UN: LYi.014 (MUTASSIM QADHAFI) is the record dropped from the second
// version of the UN list the harness loads.
const kRemoved = { id: "un-sc:LYi.014", name: "MUTASSIM QADHAFI" };

const skip = missingData() || false;
let env;

before(async () => {
  if (!skip) env = await startEnvironment({ removeFromUn: kRemoved.id.split(":")[1] });
});

after(async () => {
  if (env) {
    assert.deepEqual(env.browserErrors, [], "the pages logged errors");
    await env.stop();
  }
});

const results = () => env.page.locator("#results > li");

async function searchFor(name) {
  const { page } = env;
  await page.goto(env.base + "/#/search");
  // The name box takes the focus by itself: typing goes straight into it.
  await page.waitForFunction(() => document.activeElement?.id === "search-name");
  await page.keyboard.type(name, { delay: 20 });
  // The list is marked with the query its results answer (not a prefix
  // typed on the way).
  await page.locator(`#results[data-query="${name}"]`).waitFor();
}

test("a romanisation variant finds the listed person at the top, with its alignment", { skip }, async () => {
  await searchFor(kRostam.spelling);
  const top = results().first();
  assert.equal(await top.locator(".id").textContent(), kRostam.id);
  assert.equal(await top.locator(".title").textContent(), kRostam.name);
  assert.equal(await top.getAttribute("aria-selected"), "true");
  // "Rostam" aligns exactly; "Ghassemi" reaches "QASEMI" by a fuzzy rule.
  const rules = await top.locator(".align").evaluateAll((els) =>
    els.map((el) => [el.querySelector(".q").textContent, el.querySelector(".l").textContent, el.dataset.rule]),
  );
  assert.deepEqual(rules.find(([q]) => q === "rostam"), ["rostam", "rostam", "exact"]);
  const ghassemi = rules.find(([q]) => q === "ghassemi");
  assert.ok(ghassemi && ghassemi[1] === "qasemi" && ghassemi[2] !== "exact", `ghassemi aligned as ${ghassemi}`);
  const width = await top.locator(".score .bar").evaluate((el) => parseFloat(el.style.width));
  assert.ok(width >= 80 && width <= 100, `score bar at ${width}%`);
  // The URL carries the query, so the search can be shared.
  assert.match(env.page.url(), /#\/search\?q=Rostam\+Ghassemi/);
  await env.screenshot("01-search-variant");
});

test("a name in Arabic script finds the UN entry", { skip }, async () => {
  await searchFor(kDuri.arabic);
  assert.equal(await results().first().locator(".id").textContent(), kDuri.id);
  await env.screenshot("02-search-arabic");
});

test("arrow keys move through results and Enter opens the entity", { skip }, async () => {
  const { page } = env;
  await searchFor(kRostam.spelling);
  assert.ok((await results().count()) >= 2, "needs two results to move between");
  await page.keyboard.press("ArrowDown");
  assert.equal(await results().nth(1).getAttribute("aria-selected"), "true");
  await page.keyboard.press("ArrowUp");
  assert.equal(await results().first().getAttribute("aria-selected"), "true");
  await page.keyboard.press("Enter");
  await page.locator("h1", { hasText: kRostam.name }).waitFor();
  assert.equal(decodeURIComponent(new URL(page.url()).hash), `#/entity/${kRostam.id}`);
});

test("the entity page shows names, programmes, relations and versions", { skip }, async () => {
  const { page } = env;
  await page.goto(`${env.base}/#/entity/${encodeURIComponent(kRostam.id)}`);
  await page.locator("h1", { hasText: kRostam.name }).waitFor();
  const names = await page.locator("table.names tbody tr td:first-child").allTextContents();
  assert.ok(names.includes(kRostam.name), `names: ${names}`);
  assert.ok((await page.locator(".programs .chip").count()) >= 1, "at least one programme");
  // The network is fetched after the entity. One hop away: the two entities
  // his "Linked To:" remarks name, and the six SDN entries whose remarks
  // name him — all listed.
  await page.locator("figure.network-graph a.node").first().waitFor();
  await page.locator('select[aria-label="Depth"]').selectOption("1");
  // The heading follows the selector at once; the nodes follow the fetch.
  await page.locator("h2", { hasText: "8 related within 1 hop" }).waitFor();
  await page.waitForFunction(
    () => document.querySelectorAll("figure.network-graph a.node").length === 8,
  );
  const nodes = page.locator("figure.network-graph a.node");
  const targets = await nodes.evaluateAll((els) => els.map((el) => el.dataset.id));
  assert.deepEqual(targets.sort(), [
    "ofac-sdn:10465", kSoleimani.id, "ofac-sdn:27264", "ofac-sdn:27265",
    "ofac-sdn:27271", "ofac-sdn:27272", "ofac-sdn:27273", "ofac-sdn:29787",
  ].sort());
  const bases = await nodes.evaluateAll((els) => els.map((el) => el.dataset.basis));
  assert.deepEqual([...new Set(bases)], ["listed"]);
  const versions = await page.locator(".versions li").allTextContents();
  assert.equal(versions.length, 1);
  assert.match(versions[0], /^v1 · /);
  await env.screenshot("03-entity");
});

test("clicking a graph node follows the relation", { skip }, async () => {
  const { page } = env;
  await page.goto(`${env.base}/#/entity/${encodeURIComponent(kRostam.id)}`);
  await page.locator(`figure.network-graph a.node[data-id="${kSoleimani.id}"] circle`).click();
  await page.locator("h1", { hasText: kSoleimani.name }).waitFor();
  assert.equal(decodeURIComponent(new URL(page.url()).hash), `#/entity/${kSoleimani.id}`);
  await env.screenshot("04-entity-followed");
  await page.goBack();
  await page.locator("h1", { hasText: kRostam.name }).waitFor();
});

test("the lists page shows every loaded list and the UN list's two versions", { skip }, async () => {
  const { page } = env;
  await page.goto(env.base + "/#/lists");
  const row = page.locator("table.data tbody tr", { has: page.locator("a", { hasText: /^un-sc$/ }) });
  await row.waitFor();
  const cells = await row.locator("td").allTextContents();
  assert.equal(cells[1], "2", "two versions of un-sc");
  assert.equal(cells[2], "1,002", "1,003 UN entries less the removed one");
  const lists = await page.locator("table.data tbody tr td:first-child").allTextContents();
  for (const list of ["ofac-sdn", "ofac-cons", "un-sc", "us-csl", "eu-fsf", "uk-hmt", "us-dpl"]) {
    assert.ok(lists.includes(list), `${list} in ${lists}`);
  }
  await env.screenshot("05-lists");
});

test("the diff view shows the record removed from the second UN version", { skip }, async () => {
  const { page } = env;
  await page.goto(env.base + "/#/lists");
  await page.locator("a", { hasText: /^un-sc$/ }).click();
  const diff = page.locator("section.diff");
  await diff.locator(".changes-list").waitFor();
  assert.equal(await diff.getByRole("tab", { name: /removed/ }).locator("b").textContent(), "1");
  assert.equal(await diff.getByRole("tab", { name: /added/ }).locator("b").textContent(), "0");
  const rows = diff.locator(".changes-list > li");
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().getAttribute("data-kind"), "removed");
  assert.equal(await rows.first().locator(".id").textContent(), kRemoved.id);
  assert.match(await rows.first().textContent(), new RegExp(kRemoved.name, "i"));
  await env.screenshot("06-diff");
  // The removed entity is still in the store: its link shows it as it was in
  // version 1, the only version it is in.
  await rows.first().locator("a").click();
  await page.locator(".notice", { hasText: "As in un-sc v1" }).waitFor();
  assert.deepEqual((await page.locator(".versions li").allTextContents()).map((t) => t.slice(0, 3)), ["v1 "]);
});

test("bad input and unknown ids get clear messages", { skip }, async () => {
  const { page } = env;
  await page.goto(`${env.base}/#/entity/${encodeURIComponent("ofac-sdn:does-not-exist")}`);
  assert.match(await page.getByRole("alert").textContent(), /404/);
  // A half-typed date is caught in the page; a complete but impossible one
  // is refused by the server, and the message names the field.
  await page.goto(env.base + "/#/search?q=Rostam&dob=1964-1");
  assert.match(await page.getByRole("alert").textContent(), /^Date of birth: YYYY, YYYY-MM or YYYY-MM-DD/);
  await page.goto(env.base + "/#/search?q=Rostam&dob=1964-13");
  assert.match(await page.getByRole("alert").textContent(), /dob must be YYYY, YYYY-MM or YYYY-MM-DD.*\(HTTP 400\)/);
  assert.equal(await page.getByLabel("Date of birth").getAttribute("aria-invalid"), "true");
  await page.goto(env.base + "/#/lists/no-such-list");
  assert.match(await page.getByRole("alert").textContent(), /404/);
  await env.screenshot("07-error");
});
