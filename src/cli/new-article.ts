/**
 * `npm run new -- <folder>`: starts an article in content/articles/<folder>/ as a draft — a lead
 * and three sections (two sections and the まとめ with its checklist), every field written with a
 * short Japanese hint of what goes there. It builds as it is: shown by `npm run dev`, left out of
 * `npm run build` until `draft: true` is removed. Plain Node (no Astro), so it answers at once.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ARTICLES_DIR, checkArticleSlug, projectPath } from "../article/folders.ts";

/** The files of a new article, by their path in its folder. */
export function articleScaffold(): Record<string, string> {
  const section = (order: number, slug: string, heading: string) => `---
# 節のファイルです。「ここに」で始まる文を書き換えてください。
# order は記事の中での並び順、slug はこの節のページの URL（/記事/slug/）と見出しの id です。
# slug は英小文字で始め、英小文字・数字・ハイフンで書きます。公開したあとは変えないでください。
order: ${order}
slug: ${slug}
title: ここに節の見出し（2〜40文字）
shortTitle: ここに短い節名
description: ここに節の説明を書きます。この節のページを LINE などで共有したときや、検索結果に表示される文章です。50〜140文字で書いてください。
---

ここに節の本文を書きます。段落の間は1行あけます。

### ここに小見出し {#${heading}}

小見出しの行の最後の \`{#${heading}}\` は、見出しへのリンクに使う id です。英小文字・数字・ハイフンで書き、同じ記事の中で重ならないようにします。
`;
  return {
    "lead.mdx": `---
# 新しい記事の下書きです。「ここに」で始まる文を書き換えてください。
# draft: true の間は npm run dev でだけ表示され、公開用のビルドには入りません。
# 公開するときは draft の行を消し、published に公開日を書きます。
title: ここに記事のタイトル（5〜40文字）
subtitle: ここに副題（記事で何がわかるかを一行で）
shareTitle: ここに共有用のタイトル（例：タイトル｜副題）
description: ここに記事の説明を書きます。検索結果や、記事を LINE などで共有したときに表示される文章です。50〜140文字で、読むと何がわかるかを書いてください。
draft: true
# published: 2026-12-01   公開する日。公開するときに行頭の # を消して書きます。
# modified: 2026-12-15    本文を直した日。直したときだけ書きます（published より後の日）。
# tags: [職場の人間関係]   content/tags.yaml にあるタグを5つまで。新しいタグはそのファイルに足します。
---

ここにリード文を書きます。記事の最初、1つ目の節の前に表示される導入の文章です。
`,
    "sections/01-first.mdx": section(1, "first", "first-point"),
    "sections/02-second.mdx": section(2, "second", "second-point"),
    "sections/03-summary.mdx": `---
# まとめの節です。チェックリストの各項目は section="…" で、まとめている節の slug を指します。
order: 3
slug: summary
title: まとめ
shortTitle: まとめ
description: ここにまとめの説明を書きます。記事の大切な点をチェックリストにしたことなどを、50〜140文字で書いてください。
---

ここにまとめの文章を書きます。

<SummaryChecklist>
  <ChecklistPoint section="first">ここに1つ目の節から持ち帰ってほしいこと</ChecklistPoint>
  <ChecklistPoint section="second">ここに2つ目の節から持ち帰ってほしいこと</ChecklistPoint>
</SummaryChecklist>
`,
  };
}

/**
 * Makes the article folder `name` in the project at `root` (by default the one this file belongs
 * to); returns what to tell the owner, or throws why not.
 */
export function createArticle(name: string, root = new URL("../../", import.meta.url)): string {
  const problem = checkArticleSlug(name);
  if (problem) throw new Error(problem);
  const folder = join(ARTICLES_DIR, name);
  const onDisk = projectPath(root, folder);
  if (existsSync(onDisk))
    throw new Error(
      `${folder} はもうあります。別のフォルダ名にするか、その記事を開いて続きを書いてください。`,
    );
  for (const [path, text] of Object.entries(articleScaffold())) {
    mkdirSync(join(onDisk, path, ".."), { recursive: true });
    writeFileSync(join(onDisk, path), text);
  }
  return [
    `${folder} に下書きの記事を作りました（lead.mdx と sections/ の3つの節）。`,
    `npm run dev を動かし、http://127.0.0.1:4321/${name}/ で書きながら確かめられます。`,
    "公開するときは lead.mdx の draft: true の行を消し、published に公開日を書いてください。",
  ].join("\n");
}

if (import.meta.main) {
  const name = process.argv[2];
  if (!name) {
    console.error("使い方: npm run new -- <フォルダ名>　例: npm run new -- lunch-invitation");
    console.error(
      "フォルダ名は記事の URL になります（英小文字で始め、英小文字・数字・ハイフンで32文字まで）。",
    );
    process.exit(1);
  }
  try {
    console.log(createArticle(name));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
