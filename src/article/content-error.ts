/** One mistake in the content: where it is and what to do, in Japanese. */
export interface ContentProblem {
  file?: string | undefined;
  line?: number | undefined;
  message: string;
}

/**
 * `file:line: message`, the form editors and terminals turn into a link to the line. A problem of
 * a folder names its path in the message.
 */
export function formatContentError(
  file: string | undefined,
  line: number | undefined,
  message: string,
): string {
  if (!file) return message;
  return `${file}${line === undefined ? "" : `:${line}`}: ${message}`;
}

/** The problems as the owner reads them: one block per problem, a blank line between blocks. */
export function formatProblems(problems: readonly ContentProblem[]): string {
  return problems
    .map((problem) => formatContentError(problem.file, problem.line, problem.message))
    .join("\n\n");
}

/** Thrown at build time so that content mistakes stop the build, each with its file and line. */
export class ContentError extends Error {
  override name = "ContentError";
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[] | string) {
    const list = typeof problems === "string" ? [{ message: problems }] : problems;
    super(formatProblems(list));
    this.problems = list;
  }
}

/** Stops with every problem at once, so one build shows the owner the whole list. */
export function throwIfProblems(problems: readonly ContentProblem[]): void {
  if (problems.length > 0) throw new ContentError(problems);
}
