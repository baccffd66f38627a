import { ui } from "../site/ui-strings.ts";

/**
 * The components an article body may use, by name. The pages provide them to MDX
 * (src/components/mdx/index.ts); anything else would only fail while rendering, far from the
 * file and line that caused it.
 */
export const CONTENT_COMPONENTS = ["SummaryChecklist", "ChecklistPoint", "Callout", "Figure"] as const;

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
  if (element.name === "Figure") return checkFigure(element.attributes ?? [], element.empty ?? true);
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

/** How a picture of the article is written: the path from a section file to its images/ folder. */
export const IMAGE_PATH_PATTERN = /^\.\.\/images\/[^/\\]+\.(?:png|jpe?g|webp|avif)$/i;

const FIGURE_ATTRIBUTES = ["src", "alt", "caption", "decorative"];

/**
 * `<Figure src="../images/x.png" alt="…" caption="…" />`: a picture with its text for readers who
 * cannot see it. An empty alt is allowed only when the picture is marked `decorative` (it adds
 * nothing the text does not say), so a forgotten alt is never mistaken for a choice.
 */
function checkFigure(attributes: readonly WrittenAttribute[], empty: boolean): string | undefined {
  const named = new Map(
    attributes.flatMap((attribute) =>
      attribute === "spread" ? [] : [[attribute.name, attribute.value] as const],
    ),
  );
  const unknown = [...named.keys()].filter((name) => !FIGURE_ATTRIBUTES.includes(name));
  if (attributes.includes("spread") || unknown.length > 0)
    return `<Figure> に使えない書き方があります${unknown.length > 0 ? `（${unknown.join(", ")}）` : ""}。使えるのは src="…"、alt="…"、caption="…"、decorative です。`;
  if (!empty)
    return '<Figure> の中には何も書けません。画像の下に添える文は caption="…" に書き、<Figure … /> の形で閉じてください。';
  const src = named.get("src");
  if (typeof src !== "string" || !IMAGE_PATH_PATTERN.test(src))
    return `<Figure> の src には、記事の images/ フォルダの画像を src="../images/ファイル名.png" のように書いてください（png, jpg, webp, avif が使えます）。`;
  const alt = named.get("alt");
  // Only the bare word: decorative={false} or decorative="no" must not pass for an empty alt.
  if (named.has("decorative") && named.get("decorative") !== null)
    return "<Figure> の decorative には値を付けず、decorative とだけ書いてください。";
  const decorative = named.has("decorative");
  if (decorative && alt !== undefined)
    return "<Figure> に alt と decorative の両方があります。内容を伝える画像なら alt だけを、飾りの画像なら decorative だけを書いてください。";
  if (!decorative && (typeof alt !== "string" || alt.trim() === ""))
    return '<Figure> に alt="…"（画像が見えない人に向けた説明）を書いてください。本文を読めばわかる飾りの画像なら、alt の代わりに decorative と書きます。';
  const caption = named.get("caption");
  if (caption !== undefined && typeof caption !== "string")
    return '<Figure> の caption は caption="…" のように文字列で書いてください。';
  return undefined;
}
