/** Heading ids are part of shared URLs (`/<article>/<section>/#<id>`), so they are short ASCII words. */
export const HEADING_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

/**
 * The only heading level an MDX body may contain. A section's h2 is its `title` frontmatter,
 * rendered by the page, so the body starts one level below it.
 */
export const BODY_HEADING_DEPTH = 3;

export interface HeadingIdProblem {
  line: number | undefined;
  message: string;
}

/** Checks one body heading; returns what is wrong with it, or `undefined` when it is valid. */
export function checkBodyHeading(heading: { depth: number; text: string; id: unknown }): string | undefined {
  const marks = "#".repeat(BODY_HEADING_DEPTH);
  if (heading.depth !== BODY_HEADING_DEPTH) {
    return `見出し「${heading.text}」が h${heading.depth} です。本文の見出しは「${marks} 見出し {#id}」（h${BODY_HEADING_DEPTH}）だけが使えます。節の見出し（h2）はフロントマターの title から作られます。`;
  }
  if (typeof heading.id !== "string") {
    return `見出し「${heading.text}」に id がありません。「${marks} ${heading.text} {#english-words}」のように、共有リンクに使う英小文字の id を付けてください。`;
  }
  if (!HEADING_ID_PATTERN.test(heading.id)) {
    return `見出し「${heading.text}」の id「${heading.id}」は使えません。英小文字で始まり、英小文字・数字・ハイフンだけからなる id にしてください（例: first-steps）。`;
  }
  return undefined;
}
