import { fileURLToPath } from "node:url";
import { defineMdastPlugin } from "satteri";
import { ContentError, formatContentError } from "./heading-ids";

/**
 * The components an article body may use, by name. The pages provide them to MDX
 * (src/components/mdx/index.ts); anything else would only fail while rendering, far from the
 * file and line that caused it.
 */
export const CONTENT_COMPONENTS = ["SummaryChecklist", "ChecklistPoint"] as const;

/** One attribute of a JSX element as written: a plain string, an `{expression}`, or a spread. */
export type WrittenAttribute = { name: string; value: string | { expression: string } | null } | "spread";

/** Finds what is wrong with one JSX element of a body, or undefined. */
export function checkContentComponent(element: {
  name: string | null;
  childNames: readonly (string | null)[];
  attributes?: readonly WrittenAttribute[];
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
  if (element.name === "ChecklistPoint") {
    // The target must be readable before rendering, so that load.ts can check it exists.
    const section = element.attributes?.find(
      (attribute) => attribute !== "spread" && attribute.name === "section",
    );
    if (!section || section === "spread" || typeof section.value !== "string") {
      return '<ChecklistPoint> には、まとめる節の slug を section="…" のように文字列で書いてください。';
    }
  }
  return undefined;
}

/** The article folder an MDX file belongs to: `…/articles/<article>/sections/x.mdx` → `<article>`. */
export function articleOfFile(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf("articles");
  return at >= 0 ? parts[at + 1] : undefined;
}

/** The `section="…"` of every `<ChecklistPoint>` in an MDX source, with its line number. */
export function checklistSections(source: string): { section: string; line: number }[] {
  return [...source.matchAll(/<ChecklistPoint\b[^>]*\bsection=(["'])([^"']*)\1/g)].map((match) => ({
    section: match[2] ?? "",
    line: source.slice(0, match.index).split("\n").length,
  }));
}

type JsxAttributes = ReadonlyArray<
  { type: "mdxJsxAttribute"; name: string; value?: unknown } | { type: "mdxJsxExpressionAttribute" }
>;

function writtenAttributes(attributes: JsxAttributes): WrittenAttribute[] {
  return attributes.map((attribute) => {
    if (attribute.type !== "mdxJsxAttribute") return "spread";
    const { value } = attribute;
    if (typeof value === "string" || value === null || value === undefined)
      return { name: attribute.name, value: value ?? null };
    return { name: attribute.name, value: { expression: String((value as { value?: unknown }).value) } };
  });
}

/**
 * Sätteri mdast plugin: unknown components, empty checklists and checklist points without a
 * literal `section` stop the build at their line. Each `<ChecklistPoint>` is also given the
 * article it belongs to (`article="<folder>"`, from the file's path), so the component knows its
 * article without asking the page where it is.
 */
export const knownContentComponents = defineMdastPlugin({
  name: "known-content-components",
  options: { position: true },
  mdxJsxFlowElement(node, ctx) {
    const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
    const problem = checkContentComponent({
      name: node.name,
      childNames: node.children.map((child) => (child.type === "mdxJsxFlowElement" ? child.name : null)),
      attributes: writtenAttributes(node.attributes),
    });
    if (problem) throw new ContentError(formatContentError(file, node.position?.start.line, problem));
    if (node.name === "ChecklistPoint") {
      const article = file ? articleOfFile(file) : undefined;
      if (!article) {
        throw new ContentError(
          formatContentError(
            file,
            node.position?.start.line,
            "<ChecklistPoint> は記事のフォルダの中でだけ使えます。",
          ),
        );
      }
      // Sätteri lets a plugin replace a node, not set its attributes.
      ctx.replaceNode(node, {
        type: "mdxJsxFlowElement",
        name: node.name,
        attributes: [
          ...node.attributes.filter(
            (attribute) => attribute.type !== "mdxJsxAttribute" || attribute.name !== "article",
          ),
          { type: "mdxJsxAttribute", name: "article", value: article },
        ],
        children: [...node.children],
      });
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
