import { fileURLToPath } from "node:url";
import { defineMdastPlugin } from "satteri";
import { ContentError, formatContentError } from "./heading-ids";

/**
 * The components an article body may use, by name. The pages provide them to MDX
 * (src/components/mdx/index.ts); anything else would only fail while rendering, far from the
 * file and line that caused it.
 */
export const CONTENT_COMPONENTS = ["SummaryChecklist", "ChecklistPoint"] as const;

/** Finds what is wrong with one JSX element of a body, or undefined. */
export function checkContentComponent(element: {
  name: string | null;
  childNames: readonly (string | null)[];
}): string | undefined {
  const known = CONTENT_COMPONENTS.join(", ");
  if (element.name === null)
    return `<>…</>（フラグメント）は使えません。本文で使えるコンポーネント: ${known}`;
  if (!(CONTENT_COMPONENTS as readonly string[]).includes(element.name)) {
    return `<${element.name}> は使えません。本文で使えるコンポーネント: ${known}`;
  }
  if (element.name === "SummaryChecklist" && !element.childNames.includes("ChecklistPoint")) {
    return '<SummaryChecklist> に項目がありません。<ChecklistPoint section="…">…</ChecklistPoint> を1つ以上書いてください。';
  }
  return undefined;
}

/** The `section="…"` of every `<ChecklistPoint>` in an MDX source, with its line number. */
export function checklistSections(source: string): { section: string; line: number }[] {
  return [...source.matchAll(/<ChecklistPoint\b[^>]*\bsection="([^"]*)"/g)].map((match) => ({
    section: match[1] ?? "",
    line: source.slice(0, match.index).split("\n").length,
  }));
}

/** Sätteri mdast plugin: unknown components and empty checklists stop the build at their line. */
export const knownContentComponents = defineMdastPlugin({
  name: "known-content-components",
  options: { position: true },
  mdxJsxFlowElement(node, ctx) {
    const problem = checkContentComponent({
      name: node.name,
      childNames: node.children.map((child) => (child.type === "mdxJsxFlowElement" ? child.name : null)),
    });
    if (problem) {
      const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
      throw new ContentError(formatContentError(file, node.position?.start.line, problem));
    }
  },
  mdxJsxTextElement(node, ctx) {
    if (node.name !== null && (CONTENT_COMPONENTS as readonly string[]).includes(node.name)) return;
    const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
    throw new ContentError(
      formatContentError(
        file,
        node.position?.start.line,
        checkContentComponent({ name: node.name, childNames: [] }) ?? "",
      ),
    );
  },
});
