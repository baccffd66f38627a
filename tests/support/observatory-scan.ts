/**
 * Runs the MDN HTTP Observatory's own retriever, tests and grader (npm @mdn/mdn-http-observatory)
 * against one page of a local server, and prints the scan as JSON. Its `scan()` takes no ports,
 * so this is scan() with the retriever's options: the same tests and the same grading.
 *
 * Run it in its own process with NODE_EXTRA_CA_CERTS naming the test CA (Node reads it at start):
 *   node observatory-scan.ts <hostname> <httpPort> <httpsPort> <path>
 */
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import { getGradeForScore, getScoreModifier } from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";

const [hostname = "127.0.0.1", httpPort = "", httpsPort = "", path = "/"] = process.argv.slice(2);
const requests = await retrieve(hostname, { httpPort, httpsPort, path });
const status = requests.responses.auto?.status ?? 0;
// As scan() does: the Observatory grades only a page that answered 2xx, 3xx, 401 or 403.
if (status < 200 || (status >= 400 && status !== 401 && status !== 403))
  throw new Error(`Observatory: ${hostname}:${httpsPort}${path} answered ${status || "nothing"}`);

let withExtraCredit = 100;
let uncurved = 100;
const tests: Record<string, { pass: boolean; result: string; scoreModifier: number }> = {};
for (const test of ALL_TESTS) {
  const output = test(requests);
  const scoreModifier = output.result ? getScoreModifier(output.result) : 0;
  withExtraCredit += scoreModifier;
  if (scoreModifier < 0) uncurved += scoreModifier;
  tests[output.constructor.name] = {
    pass: Boolean(output.pass),
    result: String(output.result),
    scoreModifier,
  };
}
const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved;
const { grade } = getGradeForScore(score);
console.log(JSON.stringify({ grade, score, status, tests }));
