/**
 * `npm run check-content`: checks every article under content/articles/, drafts included, without
 * building the site, and lists every problem at once — file, line, what is wrong and how to fix
 * it. The checks are the build's own (schema.ts, body-checks.ts, article-checks.ts); only the
 * reading of files is done here, the way Astro's content layer reads them. Plain Node, so it
 * answers in seconds.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import yaml from "js-yaml";
import type { z } from "astro/zod";
import {
  articleProblems,
  type CheckedSection,
  declaredTagProblems,
  frontmatterValueLine,
  leadTagProblems,
} from "../article/article-checks.ts";
import { checkMdxBody } from "../article/body-checks.ts";
import { type ContentProblem, formatProblems } from "../article/content-error.ts";
import { ARTICLES_DIR, articleFolderProblems, projectPath, TAGS_FILE } from "../article/folders.ts";
import { HEADING_ID_PATTERN } from "../article/heading-ids.ts";
import { leadSchema, sectionSchema, tagSchema } from "../article/schema.ts";

/** The project this file belongs to: files are named from it, whatever folder the command runs in. */
const ROOT = new URL("../../", import.meta.url);
const onDisk = (file: string) => projectPath(ROOT, file);

/** The frontmatter parsed as Astro parses it (js-yaml), or the problem that stops it. */
function parseYaml(
  text: string,
  file: string,
  firstLine: number,
): { data: unknown; problem?: ContentProblem } {
  try {
    return { data: yaml.load(text) ?? {} };
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    return {
      data: undefined,
      problem: {
        file,
        line: mark?.line === undefined ? undefined : firstLine + mark.line,
        message: `YAML として読めません（${reason}）。引用符（" や '）の閉じ忘れや、「項目名: 値」の「:」のあとの空白を確かめてください。`,
      },
    };
  }
}

/** Each schema issue at the line of the field it is about (`offset`: the line before the YAML). */
function schemaProblems(error: z.ZodError, file: string, yamlText: string, offset: number): ContentProblem[] {
  return error.issues.map((issue) => {
    const key = issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path[0];
    const line = typeof key === "string" ? frontmatterValueLine(yamlText, key) : undefined;
    return {
      file,
      line: line === undefined ? undefined : offset + line,
      // The schema's messages name their field; one that does not gets the field's name first.
      message:
        typeof key === "string" && !issue.message.includes(key) ? `${key}: ${issue.message}` : issue.message,
    };
  });
}

/** One MDX file: its body checks, and its frontmatter validated by `schema`. */
async function checkFile<T>(file: string, schema: z.ZodType<T>) {
  const source = readFileSync(onDisk(file), "utf8");
  const body = await checkMdxBody(source, file, pathToFileURL(onDisk(file)));
  const problems = [...body.problems];
  const yamlText = body.frontmatter ?? "";
  const parsed = parseYaml(yamlText, file, 2);
  let data: T | undefined;
  if (parsed.problem) problems.push(parsed.problem);
  else {
    const result = schema.safeParse(parsed.data);
    if (result.success) data = result.data;
    else problems.push(...schemaProblems(result.error, file, yamlText, 1));
  }
  return { source, body, problems, data, raw: parsed.data };
}

/** The tags of content/tags.yaml (Astro's `file()` loader: one entry per top-level key). */
function checkTags(): { names: string[]; problems: ContentProblem[] } {
  if (!existsSync(onDisk(TAGS_FILE)))
    return { names: [], problems: [{ file: TAGS_FILE, message: "タグの一覧のファイルがありません。" }] };
  const source = readFileSync(onDisk(TAGS_FILE), "utf8");
  const parsed = parseYaml(source, TAGS_FILE, 1);
  if (parsed.problem) return { names: [], problems: [parsed.problem] };
  const problems: ContentProblem[] = [];
  const tags: { slug: string; name: string }[] = [];
  for (const [slug, value] of Object.entries((parsed.data ?? {}) as Record<string, unknown>)) {
    const result = tagSchema.safeParse(value);
    if (result.success) tags.push({ slug, name: result.data.name });
    else
      problems.push(
        ...result.error.issues.map((issue) => ({
          file: TAGS_FILE,
          line: frontmatterValueLine(source, slug),
          message: `${slug}: ${issue.message}`,
        })),
      );
  }
  problems.push(...declaredTagProblems(tags));
  return { names: tags.map((tag) => tag.name), problems };
}

/** Every problem in the content, in the order of the folders and files. */
export async function checkContent(): Promise<{
  problems: ContentProblem[];
  articles: number;
  files: number;
}> {
  const problems: ContentProblem[] = articleFolderProblems(onDisk(ARTICLES_DIR), ARTICLES_DIR).map(
    (message) => ({ message }),
  );
  const tags = checkTags();
  problems.push(...tags.problems);
  let articles = 0;
  let files = 0;
  const folders = existsSync(onDisk(ARTICLES_DIR))
    ? readdirSync(onDisk(ARTICLES_DIR), { withFileTypes: true }).filter(
        (entry) => entry.isDirectory() && !entry.name.startsWith("."),
      )
    : [];
  for (const folder of folders.map((entry) => join(ARTICLES_DIR, entry.name)).sort()) {
    articles += 1;
    const leadFile = join(folder, "lead.mdx");
    if (existsSync(onDisk(leadFile))) {
      files += 1;
      const lead = await checkFile(leadFile, leadSchema);
      problems.push(...lead.problems);
      // Tags are checked even when another field is wrong, so that one run shows both.
      const written = (lead.raw as { tags?: unknown } | undefined)?.tags;
      const names = Array.isArray(written) ? written.filter((tag) => typeof tag === "string") : [];
      problems.push(...leadTagProblems(leadFile, names, tags.names, () => lead.source));
    }
    const sectionsDir = join(folder, "sections");
    const sectionFiles = existsSync(onDisk(sectionsDir))
      ? readdirSync(onDisk(sectionsDir))
          .filter((name) => name.endsWith(".mdx") && !name.startsWith("."))
          .sort()
      : [];
    const sections: CheckedSection[] = [];
    const otherSlugs: string[] = [];
    for (const name of sectionFiles) {
      files += 1;
      const file = join(sectionsDir, name);
      const section = await checkFile(file, sectionSchema);
      problems.push(...section.problems);
      if (!section.data) {
        const slug = (section.raw as { slug?: unknown } | undefined)?.slug;
        if (typeof slug === "string") otherSlugs.push(slug);
        continue;
      }
      sections.push({
        ...section.data,
        file,
        // Headings as Astro reports them (the id written with `{#id}` is the slug); one without a
        // valid id is reported by the body checks already.
        headings: section.body.facts.headings.flatMap((heading) =>
          heading.id !== undefined && HEADING_ID_PATTERN.test(heading.id)
            ? [{ depth: heading.depth, slug: heading.id, text: heading.text }]
            : [],
        ),
        checklistPoints: section.body.facts.checklistPoints,
        summaryChecklists: section.body.facts.summaryChecklists,
      });
    }
    if (sectionFiles.length > 0) problems.push(...articleProblems(sections, otherSlugs));
  }
  return { problems: problems.sort(byPlace), articles, files };
}

/** Folder problems first, then by file and line, so each file's problems read top to bottom. */
function byPlace(a: ContentProblem, b: ContentProblem): number {
  if (a.file !== b.file) return (a.file ?? "").localeCompare(b.file ?? "");
  return (a.line ?? 0) - (b.line ?? 0);
}

if (import.meta.main) {
  const started = performance.now();
  const { problems, articles, files } = await checkContent();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (problems.length === 0) {
    console.log(`問題は見つかりませんでした（${articles}本の記事、${files}個のファイル、${seconds}秒）。`);
  } else {
    console.error(formatProblems(problems));
    console.error(
      `\n${problems.length}件の問題が見つかりました（${articles}本の記事、${files}個のファイル、${seconds}秒）。上の「ファイル:行」を開いて直してください。`,
    );
    process.exitCode = 1;
  }
}
