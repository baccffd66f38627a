import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineMdastPlugin, markdownToMdast, mdxToJs, type MdastVisitorContext } from "satteri";
import {
  articleOfFile,
  checkContentComponent,
  CONTENT_COMPONENTS,
  IMAGE_PATH_PATTERN,
  type WrittenAttribute,
} from "./content-components.ts";
import { ContentError, type ContentProblem } from "./content-error.ts";
import { checkBodyHeading } from "./heading-ids.ts";

/**
 * The Markdown features articles are written with; the build (astro.config.mjs) and
 * `npm run check-content` parse with the same ones.
 */
export const MDX_FEATURES = {
  // `### 見出し {#id}`: ids are chosen in the content, never derived from Japanese text.
  headingAttributes: true,
  // SmartyPants would alter the author's punctuation; the text is published verbatim.
  smartPunctuation: false,
} as const;

/** What one MDX file says that other files' checks need: its headings and its checklist. */
export interface BodyFacts {
  headings: { depth: number; id: string | undefined; text: string; line: number | undefined }[];
  /** Every `<ChecklistPoint section="…">`, with the line it starts on. */
  checklistPoints: { section: string; line: number | undefined }[];
  /** The line of each `<SummaryChecklist>`. */
  summaryChecklists: (number | undefined)[];
}

/** Where the facts go: Astro exports `ctx.data.astro.frontmatter` as the module's `frontmatter`. */
export const BODY_FACTS_KEY = "bodyFacts";

/** Set in `ctx.data` by check-content: report the problems in `data`, do not throw. */
const COLLECT_ONLY = "collectOnly";

interface CheckState {
  file: string | undefined;
  problems: ContentProblem[];
  facts: BodyFacts;
}

function stateOf(ctx: MdastVisitorContext): CheckState {
  const data = ctx.data as { bodyChecks?: CheckState };
  data.bodyChecks ??= {
    file: ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined,
    problems: [],
    facts: { headings: [], checklistPoints: [], summaryChecklists: [] },
  };
  return data.bodyChecks;
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

/** True for a file of `sections/`: the lead renders its paragraphs alone, without boxes or pictures. */
const isSectionFile = (file: string | undefined) =>
  file !== undefined && file.split(/[\\/]/).at(-2) === "sections";

/** What is wrong with a picture's path as a file, or undefined (the path's form is checked before). */
function missingImage(file: string | undefined, src: string): string | undefined {
  if (file === undefined) return undefined;
  // Compared by exact name: a disk that ignores case (macOS) would accept Greeting.PNG for
  // greeting.png, and the host's build would then fail.
  const path = resolve(dirname(file), src);
  if (existsSync(dirname(path)) && readdirSync(dirname(path)).includes(basename(path))) return undefined;
  return `画像「${src}」が見つかりません。記事のフォルダの images/ にそのファイルを置き、名前（大文字・小文字も）が合っているか確かめてください。`;
}

/**
 * A picture as Astro's image pipeline takes it: an mdast image standing alone among the blocks, so
 * that the build imports the file from this MDX module (each picture reaches `Figure.astro` as
 * the `img` of the page's components, already measured). `opening`: among the first blocks of
 * the section, so loaded at once on the section's page.
 */
function pictureNode(
  picture: { src: string; alt: string; caption: string | undefined; decorative: boolean },
  opening: boolean,
) {
  return {
    type: "image" as const,
    url: picture.src,
    alt: picture.alt,
    title: picture.caption ?? null,
    data: {
      hProperties: {
        ...(picture.decorative && { decorative: true }),
        ...(opening && { opening: true }),
      },
    },
  };
}

/** What is wrong with a Markdown picture `![alt](url)` of a section, or undefined. */
function imageProblem(file: string, url: string, alt: string): string | undefined {
  if (!isSectionFile(file)) return "画像は節の本文（sections/ の中のファイル）でだけ使えます。";
  if (!IMAGE_PATH_PATTERN.test(url))
    return `画像「${url}」は使えません。記事の images/ フォルダに画像を置き、![説明](../images/ファイル名.png) のように書いてください（png, jpg, webp, avif が使えます）。`;
  if (alt.trim() === "")
    return `画像「${url}」に説明（![ここ](…) の部分）がありません。画像が見えない人に向けて、写っている内容を書いてください。本文を読めばわかる飾りの画像なら <Figure src="${url}" decorative /> と書きます。`;
  return missingImage(file, url);
}

const IMAGE_PLACE_PROBLEM =
  "画像は箇条書きやリンク、<Callout> の中には置けません。![説明](../images/ファイル名.png) を1行に1つ、前後を空行で区切って本文に書いてください。";

/** The first two blocks of a body are on the first screen of the section's page. */
const OPENING_BLOCKS = 2;

/**
 * Sätteri mdast plugin, the one place that checks an article body as the MDX parser reads it
 * (comments, code and expressions are not content): every heading is an h3 with an explicit
 * `{#id}`; only the site's components, each written as it must be. Every problem of the file
 * stops the build together at the end of the file. It also records the headings and checklist
 * points for the checks across files, and gives each `<ChecklistPoint>` the article it belongs
 * to (`article="<folder>"`, from the file's path).
 */
export const articleBodyChecks = defineMdastPlugin({
  name: "article-body-checks",
  options: { position: true },
  heading(node, ctx) {
    const state = stateOf(ctx);
    // `{#id}` lands in hProperties, which mdast's HeadingData type does not declare.
    const data = node.data as { hProperties?: Record<string, unknown> } | undefined;
    const id = data?.hProperties?.["id"];
    const text = ctx.textContent(node);
    const line = node.position?.start.line;
    state.facts.headings.push({ depth: node.depth, id: typeof id === "string" ? id : undefined, text, line });
    const problem = checkBodyHeading({ depth: node.depth, text, id });
    if (problem) state.problems.push({ file: state.file, line, message: problem });
  },
  paragraph(node, ctx) {
    const state = stateOf(ctx);
    const { file } = state;
    const images = node.children.filter((child) => child.type === "image");
    if (images.length === 0) return;
    const line = node.position?.start.line;
    if (ctx.parent(node)?.type !== "root") {
      state.problems.push({ file, line, message: IMAGE_PLACE_PROBLEM });
      return;
    }
    if (images.length > 1 || node.children.length > 1) {
      state.problems.push({
        file,
        line,
        message:
          "画像は文の途中や、ほかの画像と同じ段落には置けません。![説明](../images/ファイル名.png) を1行に1つ、前後を空行で区切って書いてください。",
      });
      return;
    }
    const [image] = images;
    if (!image || !file) return;
    const problem = imageProblem(file, image.url, image.alt ?? "");
    if (problem) {
      state.problems.push({ file, line, message: problem });
      return;
    }
    // `![alt](../images/x.png "caption")` is the same figure as <Figure src alt caption />.
    ctx.replaceNode(
      node,
      pictureNode(
        { src: image.url, alt: image.alt ?? "", caption: image.title ?? undefined, decorative: false },
        (ctx.indexOf(node) ?? OPENING_BLOCKS) < OPENING_BLOCKS,
      ),
    );
  },
  mdxJsxFlowElement(node, ctx) {
    const state = stateOf(ctx);
    const { file } = state;
    const line = node.position?.start.line;
    const attributes = writtenAttributes(node.attributes);
    const problem = checkContentComponent({
      name: node.name,
      childNames: node.children.map((child) => (child.type === "mdxJsxFlowElement" ? child.name : null)),
      attributes,
      empty: node.children.every(isComment),
    });
    if (problem) state.problems.push({ file, line, message: problem });
    // The lead renders its paragraphs alone (leadComponents): a box there would fail while rendering.
    if ((node.name === "Callout" || node.name === "Figure") && file && !isSectionFile(file)) {
      state.problems.push({
        file,
        line,
        message: `<${node.name}> は節の本文（sections/ の中のファイル）でだけ使えます。`,
      });
      return;
    }
    if (node.name === "Figure") {
      const value = (name: string) => {
        const attribute = attributes.find((candidate) => candidate !== "spread" && candidate.name === name);
        return attribute && attribute !== "spread" ? attribute.value : undefined;
      };
      const src = value("src");
      const missing = !problem && file && typeof src === "string" ? missingImage(file, src) : undefined;
      if (missing) state.problems.push({ file, line, message: missing });
      if (!problem && !missing && ctx.parent(node)?.type !== "root")
        state.problems.push({ file, line, message: IMAGE_PLACE_PROBLEM });
      else if (!problem && !missing && typeof src === "string") {
        const alt = value("alt");
        const caption = value("caption");
        ctx.replaceNode(
          node,
          pictureNode(
            {
              src,
              alt: typeof alt === "string" ? alt : "",
              caption: typeof caption === "string" ? caption : undefined,
              decorative: attributes.some(
                (attribute) => attribute !== "spread" && attribute.name === "decorative",
              ),
            },
            (ctx.indexOf(node) ?? OPENING_BLOCKS) < OPENING_BLOCKS,
          ),
        );
      }
      return;
    }
    if (node.name === "SummaryChecklist") state.facts.summaryChecklists.push(line);
    if (node.name !== "ChecklistPoint") return;
    const section = attributes.find((attribute) => attribute !== "spread" && attribute.name === "section");
    if (section && section !== "spread" && typeof section.value === "string")
      state.facts.checklistPoints.push({ section: section.value, line });
    const article = file ? articleOfFile(file) : undefined;
    if (!article) {
      state.problems.push({ file, line, message: "<ChecklistPoint> は記事のフォルダの中でだけ使えます。" });
      return;
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
  },
  image(node, ctx) {
    // Pictures alone in a paragraph of the body are figures (paragraph above); any other is misplaced.
    if (ctx.parent(node)?.type === "paragraph") return;
    const state = stateOf(ctx);
    state.problems.push({ file: state.file, line: node.position?.start.line, message: IMAGE_PLACE_PROBLEM });
  },
  mdxJsxTextElement(node, ctx) {
    const state = stateOf(ctx);
    const line = node.position?.start.line;
    // A box inside a paragraph would be a <div> inside a <p>, which browsers split apart.
    if (node.name === "Callout" || node.name === "Figure") {
      state.problems.push({
        file: state.file,
        line,
        message: `<${node.name}> は文の途中には書けません。前後を空行で区切って、行の頭から書いてください。`,
      });
      return;
    }
    if (node.name !== null && (CONTENT_COMPONENTS as readonly string[]).includes(node.name)) return;
    state.problems.push({
      file: state.file,
      line,
      message: checkContentComponent({ name: node.name, childNames: [] }) ?? "",
    });
  },
  after(_root, ctx) {
    const state = stateOf(ctx);
    const data = ctx.data as { astro?: { frontmatter?: Record<string, unknown> }; [COLLECT_ONLY]?: boolean };
    if (data[COLLECT_ONLY]) return;
    if (state.problems.length > 0) throw new ContentError(state.problems);
    if (data.astro?.frontmatter) data.astro.frontmatter[BODY_FACTS_KEY] = state.facts;
  },
});

/**
 * Checks one MDX file outside the build (`npm run check-content`): the same parser, features and
 * plugin as the build, reporting every problem instead of stopping at them; `file` names the file
 * in the report, `fileURL` is where it is (pictures are found beside it). A file the parser
 * cannot read (an unclosed tag) is one problem at the line the parser names.
 */
export async function checkMdxBody(
  source: string,
  file: string,
  fileURL: URL,
): Promise<{ problems: ContentProblem[]; facts: BodyFacts; frontmatter: string | undefined }> {
  try {
    const result = await mdxToJs(source, {
      mdastPlugins: [articleBodyChecks],
      features: { ...MDX_FEATURES, frontmatter: true },
      fileURL,
      data: { [COLLECT_ONLY]: true },
    });
    const state = (result.data as { bodyChecks?: CheckState }).bodyChecks;
    return {
      // Named as the caller names the file, not by the absolute path the parser was given.
      problems: (state?.problems ?? []).map((problem) => ({ ...problem, file })),
      facts: state?.facts ?? { headings: [], checklistPoints: [], summaryChecklists: [] },
      frontmatter: result.frontmatter?.kind === "yaml" ? result.frontmatter.value : undefined,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const [, line, reason] = /^(\d+):\d+: ([\s\S]*)$/.exec(message) ?? [undefined, undefined, message];
    return {
      problems: [
        {
          file,
          line: line === undefined ? undefined : Number(line),
          message: `MDX として読めません（${reason}）。タグの閉じ忘れ（<Callout> に </Callout> がないなど）や、{ } の対応を確かめてください。`,
        },
      ],
      facts: { headings: [], checklistPoints: [], summaryChecklists: [] },
      frontmatter: frontmatterOf(source),
    };
  }
}

/** The YAML frontmatter as plain Markdown reads it: a file whose MDX is broken still has one. */
function frontmatterOf(source: string): string | undefined {
  const tree = markdownToMdast(source, { features: { frontmatter: true }, position: false }) as {
    children: { type: string; value?: string }[];
  };
  const [first] = tree.children;
  return first?.type === "yaml" ? first.value : undefined;
}
