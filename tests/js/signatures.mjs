// The signed-commit vectors (tests/vectors/signatures/) against any build of
// the package: `verifyAdminCommit` is async (WebCrypto), so they have their
// own runner. Mirrors tests/signatures.rs; `details` must equal the native
// run's (target/conformance/native-signatures.json).
import { deepEqual, errorDetail, markBigInts } from "./conformance.mjs";

/** Runs every case of `doc` (the parsed commits.json); {count, failures, details}. */
export async function runSignatureVectors(api, doc, stem = "commits") {
  const failures = [];
  const details = {};
  for (const raw of doc.cases) {
    const c = markBigInts(raw);
    const id = `${stem}/${c.name}`;
    let actual, expected, detail;
    try {
      if (c.op === "verifyCommit") {
        detail = await api.verifyAdminCommit(c.commit, c.now, c.registry, c.policy);
        actual = { outcome: detail.outcome, stage: detail.stage };
        if ("code" in detail) actual.code = detail.code;
        expected = c.expect;
      } else if (c.op === "malformed") {
        try {
          detail = { ok: await api.verifyAdminCommit(...c.args) };
        } catch (error) {
          detail = errorDetail(error);
        }
        actual = { error: detail.error, path: detail.path };
        expected = { error: c.error, path: c.path };
      } else {
        throw new Error(`unknown op ${c.op}`);
      }
    } catch (error) {
      failures.push(`${id}: threw ${(error && error.stack) || error}`);
      continue;
    }
    if (!deepEqual(actual, expected)) {
      failures.push(`${id}\n  expected ${JSON.stringify(expected)}\n  actual   ${JSON.stringify(actual)}`);
    }
    details[id] = detail;
  }
  return { count: doc.cases.length, failures, details };
}
