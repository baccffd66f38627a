/**
 * Every word the site adds around the author's text, in one place. The manuscript itself is never
 * here: it lives in `content/`.
 */
export const siteSettings = {
  /** Shown as `og:site_name` and in the header. */
  name: "職場の人間関係ノート",
  lang: "ja",
  ogLocale: "ja_JP",
} as const;

export const ui = {
  skipToContent: "本文へスキップ",
  toc: {
    title: "目次",
    /** The compact control that opens the table of contents on phones. */
    open: "目次を開く",
    close: "目次を閉じる",
    currentPrefix: "いまここ：",
  },
  readingTime: {
    article: (minutes: number) => `記事全体：約${minutes}分`,
    entry: (minutes: number) => `約${minutes}分`,
    section: (minutes: number) => `この節は約${minutes}分で読めます`,
  },
  theme: {
    label: "配色",
    options: { system: "自動", light: "ライト", dark: "ダーク" },
  },
  heading: {
    /** Accessible name of a heading's anchor link. */
    linkLabel: (headingText: string) => `「${headingText}」へのリンク`,
  },
  section: {
    /** Small label above a section page's title, linking back to the article. */
    partOf: "この節を含む記事",
    readFullArticle: "記事全体を読む",
    paginationLabel: "前後の節",
    previous: "前の節",
    next: "次の節",
  },
  checklist: {
    legend: "この記事の重要ポイント",
    hint: "読んで心に残ったポイントにチェックを入れましょう。",
    progress: (done: number | string, total: number | string) => `${done} / ${total} 項目をチェック済み`,
    reset: "チェックをリセット",
    readSection: "本文を読む",
    notSaved: "この端末に保存できないため、チェックはページを離れると消えます。",
  },
  notFound: {
    title: "ページが見つかりません",
    description: "お探しのページは見つかりませんでした。",
    body: "URLが変わったか、入力に誤りがあるかもしれません。記事のトップか、各節のページからお読みください。",
    backToArticle: "記事のトップへ戻る",
    sectionsLabel: "各節のページ",
  },
} as const;

/** The `<title>` of a section page: the section's short title, then the article title. */
export function sectionPageTitle(sectionShortTitle: string, articleTitle: string): string {
  return `${sectionShortTitle}｜${articleTitle}`;
}
