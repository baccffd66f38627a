import { fileURLToPath } from "node:url";
import { defineMdastPlugin } from "satteri";
import { ui } from "../site/ui-strings";
import { ContentError, formatContentError } from "./heading-ids";

/**
 * The components an article body may use, by name. The pages provide them to MDX
 * (src/components/mdx/index.ts); anything else would only fail while rendering, far from the
 * file and line that caused it.
 */
export const CONTENT_COMPONENTS = ["SummaryChecklist", "ChecklistPoint", "Callout"] as const;

/** The kinds of `<Callout kind="…">`: the keys of their labels, so a kind cannot lack its label. */
export type CalloutKind = keyof typeof ui.callout;
export const CALLOUT_KINDS = Object.keys(ui.callout) as CalloutKind[];

/** One attribute of a JSX element as written: a plain string, an `{expression}`, or a spread. */
export type WrittenAttribute = { name: string; value: string | { expression: string } | null } | "spread";

/** Finds what is wrong with one JSX element of a body, or undefined. */
export function checkContentComponent(element: {
  name: string | null;
  childNames: readonly (string | null)[];
  attributes?: readonly WrittenAttribute[];
  /** True when the element holds nothing a reader would see (no content, or only MDX comments). */
  empty?: boolean;
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
  if (element.name === "Callout") {
    // A literal kind, so that a misspelt one stops the build here rather than rendering no label.
    const kind = element.attributes?.find((attribute) => attribute !== "spread" && attribute.name === "kind");
    const value = kind && kind !== "spread" ? kind.value : undefined;
    if (typeof value !== "string" || !(CALLOUT_KINDS as readonly string[]).includes(value)) {
      const kinds = CALLOUT_KINDS.map((known) => `kind="${known}"（${ui.callout[known]}）`).join("、");
      return typeof value === "string"
        ? `<Callout> の種類 kind="${value}" は使えません。次のどれかを書いてください: ${kinds}`
        : `<Callout> には種類を kind="…" のように文字列で書いてください。使える種類: ${kinds}`;
    }
    if (element.empty) {
      return `<Callout kind="${value}"> の中身が空です。<Callout kind="${value}"> と </Callout> の間に本文を書いてください。`;
    }
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

// An MDX comment, `{/* … */}`: a note to fellow authors that renders nothing. (White space alone
// leaves no node at all.)
function isComment(node: { type: string; value?: unknown }): boolean {
  return (
    node.type === "mdxFlowExpression" &&
    typeof node.value === "string" &&
    /^\s*\/\*(?:(?!\*\/)[\s\S])*\*\/\s*$/.test(node.value)
  );
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
 * Sätteri mdast plugin: unknown components, empty checklists, checklist points without a
 * literal `section`, and callouts of an unknown kind, empty, in a lead or in the middle of a
 * sentence stop the build at their line. Each `<ChecklistPoint>` is also given the article it
 * belongs to (`article="<folder>"`, from the file's path), so the component knows its
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
      empty: node.children.every(isComment),
    });
    if (problem) throw new ContentError(formatContentError(file, node.position?.start.line, problem));
    // The lead renders its paragraphs alone (leadComponents): a box there would fail while rendering.
    if (node.name === "Callout" && file && file.split(/[\\/]/).at(-2) !== "sections") {
      throw new ContentError(
        formatContentError(
          file,
          node.position?.start.line,
          "<Callout> は節の本文（sections/ の中のファイル）でだけ使えます。",
        ),
      );
    }
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
    const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
    // A box inside a paragraph would be a <div> inside a <p>, which browsers split apart.
    if (node.name === "Callout") {
      throw new ContentError(
        formatContentError(
          file,
          node.position?.start.line,
          "<Callout> は文の途中には書けません。前後を空行で区切って、行の頭から書いてください。",
        ),
      );
    }
    if (node.name !== null && (CONTENT_COMPONENTS as readonly string[]).includes(node.name)) return;
    throw new ContentError(
      formatContentError(
        file,
        node.position?.start.line,
        checkContentComponent({ name: node.name, childNames: [] }) ?? "",
      ),
    );
  },
});
