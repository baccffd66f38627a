// Types for the parts of npm @mdn/mdn-http-observatory that observatory-scan.ts uses (the package
// is plain JavaScript with JSDoc and ships no declarations).
declare module "@mdn/mdn-http-observatory/src/grader/charts.js" {
  export const MINIMUM_SCORE_FOR_EXTRA_CREDIT: number;
}
declare module "@mdn/mdn-http-observatory/src/grader/grader.js" {
  export function getGradeForScore(score: number): { grade: string; score: number };
  export function getScoreModifier(result: string): number;
}
declare module "@mdn/mdn-http-observatory/src/retriever/retriever.js" {
  export interface Requests {
    responses: { auto: { status: number } | null };
  }
  export function retrieve(
    hostname: string,
    options: { httpPort?: string; httpsPort?: string; path?: string },
  ): Promise<Requests>;
}
declare module "@mdn/mdn-http-observatory/src/constants.js" {
  import type { Requests } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
  export const ALL_TESTS: ((requests: Requests) => { pass?: boolean; result?: string })[];
}
