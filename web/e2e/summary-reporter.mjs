// A node:test reporter that prints only the closing line CI reads:
// "N passed, N failed, N skipped". Used beside the spec reporter.
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    // Count tests, not suites or the per-file wrapper tests (which have
    // children: their details carry no "type": "test" in that case).
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    if (event.data.details?.type === "suite" || event.data.name === event.data.file) continue;
    if (event.data.skip || event.data.todo) ++skipped;
    else if (event.type === "test:pass") ++passed;
    else ++failed;
  }
  yield `${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
