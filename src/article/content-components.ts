import { ui } from "../site/ui-strings.ts";

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
