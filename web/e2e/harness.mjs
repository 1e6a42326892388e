// End-to-end harness: a store filled with the real lists, the real
// `interdict serve` on an ephemeral loopback port serving web/dist, and
// Debian's headless chromium driven by playwright-core.
//
// Environment:
//   INTERDICT_BIN          the binary (default: <repo>/build/interdict)
//   INTERDICT_SHARED_DATA  the real list files (default: <repo>/../shared/data)
//   CHROMIUM               the browser (default: /usr/bin/chromium)
//   INTERDICT_SCREENSHOTS  where screenshots go (default: <repo>/build/web-screenshots)
import { spawn, execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";

const run = promisify(execFile);
export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const binary = process.env.INTERDICT_BIN ?? join(repo, "build/interdict");
export const sharedData = process.env.INTERDICT_SHARED_DATA ?? resolve(repo, "../shared/data");
export const screenshotDir = process.env.INTERDICT_SCREENSHOTS ?? join(repo, "build/web-screenshots");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const webRoot = join(repo, "web/dist");

// Why the suite cannot run here, or "" when it can. Missing real data skips
// (as the C++ tests do); a missing binary, build or browser is a failure.
export function missingData() {
  return existsSync(join(sharedData, "un_sc/consolidated.xml")) ? "" : `no real list data in ${sharedData}`;
}

export function checkPrerequisites() {
  for (const [path, hint] of [
    [binary, "build it first (make build), or set INTERDICT_BIN"],
    [join(webRoot, "index.html"), "run scripts/web.sh build"],
    [browserPath, "apt-get install chromium"],
  ]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
  }
}

async function interdict(db, ...args) {
  const { stdout } = await run(binary, ["--db", db, ...args], { maxBuffer: 64 << 20 });
  return stdout;
}

// The UN list with one <INDIVIDUAL> removed, as a second version: the diff
// between the two must show exactly that one entity as removed.
export function writeUnWithoutOne(dir, reference) {
  const xml = readFileSync(join(sharedData, "un_sc/consolidated.xml"), "utf8");
  const marker = `<REFERENCE_NUMBER>${reference}</REFERENCE_NUMBER>`;
  const at = xml.indexOf(marker);
  if (at < 0) throw new Error(`${reference} is not in the UN list`);
  const start = xml.lastIndexOf("<INDIVIDUAL>", at);
  const end = xml.indexOf("</INDIVIDUAL>", at) + "</INDIVIDUAL>".length;
  const path = join(dir, "un_sc_minus_one.xml");
  writeFileSync(path, xml.slice(0, start) + xml.slice(end).replace(/^\s*\n/, "\n"));
  return path;
}

// Starts `interdict serve` and resolves once /readyz answers 200.
async function startServer(db, logPath) {
  const args = ["--db", db, "serve", "--host", "127.0.0.1", "--port", "0", "--web-root", webRoot];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk) => {
    output += chunk;
    writeFileSync(logPath, output);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));

  const deadline = Date.now() + 180_000;
  let base = "";
  while (Date.now() < deadline) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 250))]);
    if (code !== undefined) throw new Error(`interdict serve exited with ${code}:\n${output}`);
    base ||= (/http:\/\/127\.0\.0\.1:(\d+)/.exec(output) ?? [])[0] ?? "";
    if (!base) continue;
    const ready = await fetch(base + "/readyz").then((r) => r.ok, () => false);
    if (ready) return { child, base, output: () => output };
  }
  child.kill("SIGTERM");
  throw new Error(`interdict serve was not ready within 180 s:\n${output}`);
}

// Everything the tests need; call stop() when done. `removeFromUn`: a UN
// reference number to drop from a second UN version (none: one version).
// `relations`: the text of an own-relations CSV (docs/graph.md) to import
// after the lists.
export async function startEnvironment({ removeFromUn, relations } = {}) {
  checkPrerequisites();
  mkdirSync(screenshotDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), "interdict-e2e-"));
  const db = join(tmp, "interdict.db");
  // `load` exits 3 when some files only loaded with warnings; that is fine.
  await interdict(db, "load", sharedData).catch((e) => {
    if (e.code !== 3) throw e;
  });
  if (removeFromUn) await interdict(db, "load", "--list", "un-sc", writeUnWithoutOne(tmp, removeFromUn));
  if (relations) {
    writeFileSync(join(tmp, "relations.csv"), relations);
    await interdict(db, "import-relations", join(tmp, "relations.csv"));
  }
  const server = await startServer(db, join(screenshotDir, "server.log"));
  const profile = join(tmp, "chromium-profile");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1366, height: 850 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const browserErrors = [];
  page.on("pageerror", (e) => browserErrors.push(e.message));
  // Chromium logs every 4xx response as a console error; the tests provoke
  // some on purpose, and the pages show them, so only other errors count.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) browserErrors.push(m.text());
  });
  return {
    base: server.base,
    page,
    browserErrors,
    serverLog: server.output,
    screenshot: (name) => page.screenshot({ path: join(screenshotDir, name + ".png"), fullPage: true }),
    async stop() {
      await context.close().catch(() => {});
      server.child.kill("SIGTERM");
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
