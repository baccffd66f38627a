/**
 * Every word the site adds around the author's text, in one place. The manuscript itself is never
 * here: it lives in `content/`.
 */
/**
 * Accessible names of a heading's share button, by what it does on this device. Exported on
 * their own so the browser script bundles these words and nothing else.
 */
export const headingShareLabels = {
  shareLabel: (headingText: string) => `「${headingText}」へのリンクを共有`,
  copyLabel: (headingText: string) => `「${headingText}」へのリンクをコピー`,
  copied: "リンクをコピーしました",
};

export const ui = {
  skipToContent: "本文へスキップ",
  toc: {
    title: "目次",
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
    /**
     * The share button's name in the markup. Its script replaces it with the heading's own
     * copy or share label; until then the button is hidden, so this is never heard in practice.
     */
    shareFallbackLabel: "見出しへのリンクを共有",
    ...headingShareLabels,
  },
  share: {
    heading: "このページを送る",
    services: {
      line: "LINEで送る",
      x: "Xでポスト",
      hatena: "はてなブックマーク",
      facebook: "Facebookでシェア",
    },
    copy: "リンクをコピー",
    shareSheet: "その他の方法で共有",
    copied: headingShareLabels.copied,
    quote: "この部分へのリンクをコピー",
    quoteCopied: "この部分へのリンクをコピーしました",
    /**
     * The dialog holding a link the browser refused to copy (CopyFallback.astro): its text, which
     * labels the field and is said by the status region, and its close button.
     */
    copyFailed: "コピーできませんでした。下のリンクを長押しして、コピーしてください。",
    close: "閉じる",
  },
  dates: {
    published: "公開日",
    modified: "更新日",
  },
  /** The trail at the top of article and section pages: ホーム › article › section. */
  breadcrumb: {
    label: "パンくずリスト",
    home: "ホーム",
  },
  tags: {
    /** Accessible name of an article's list of tags. */
    label: "タグ",
    indexTitle: "タグ一覧",
    indexDescription: (siteName: string) =>
      `${siteName}の記事につけたタグの一覧です。気になる言葉から、同じテーマの記事をまとめて読めます。`,
    pageTitle: (tag: string) => `「${tag}」の記事`,
    pageDescription: (tag: string, siteName: string) =>
      `${siteName}で「${tag}」のタグがついた記事の一覧です。同じテーマの記事を続けて読みたいときにお使いください。`,
    articleCount: (count: number) => `${count}件`,
  },
  author: {
    heading: "この記事を書いた人",
  },
  related: {
    heading: "次に読みたい記事",
  },
  section: {
    readFullArticle: "記事全体を読む",
    paginationLabel: "前後の節",
    previous: "前の節",
    next: "次の節",
  },
  /**
   * The boxes authors put in a section (`<Callout kind="…">`, src/components/Callout.astro): the
   * label each kind shows, which is also the box's accessible name. The keys are the kinds an
   * author may write; the content-components plugin accepts no others.
   */
  callout: {
    point: "ポイント",
    warning: "注意",
    note: "補足",
  },
  checklist: {
    legend: "この記事の重要ポイント",
    hint: "読んで心に残ったポイントにチェックを入れましょう。",
    progress: (done: number | string, total: number | string) => `${done} / ${total} 項目をチェック済み`,
    reset: "チェックをリセット",
    readSection: "本文を読む",
    notSaved: "この端末に保存できないため、チェックはページを離れると消えます。",
  },
  shareCard: {
    /** `og:image:alt`: what the share card shows. */
    alt: (title: string, siteName: string) => `「${title}」と「${siteName}」の名前を載せた共有用の画像`,
  },
  pagination: {
    /** Accessible name of a list's page links. */
    label: "ページ送り",
    previous: "前のページ",
    next: "次のページ",
    /** Accessible name of a page number's link. */
    page: (page: number) => `${page}ページ目`,
    /** Added to the title of a list's later pages. */
    titleSuffix: (page: number, last: number) => `（${page}/${last}ページ）`,
  },
  home: {
    articlesLabel: "記事一覧",
    /** Accessible name of an article's list of sections on the home page. */
    sectionsOf: (title: string) => `「${title}」の各節`,
    readingTime: (minutes: number) => `約${minutes}分`,
    sectionCount: (count: number) => `全${count}節`,
  },
  feed: {
    /** The `title` of the feed's `<link rel="alternate">`. */
    title: (siteName: string) => `${siteName}の新着記事`,
  },
  /** Site search (src/pages/search.astro, src/components/SearchForm.astro). */
  search: {
    title: "サイト内検索",
    description: "記事の本文から、知りたいことが書かれた節を探せます。",
    /** The footer link on every page. */
    link: "検索",
    fieldLabel: "記事の本文から探す",
    submit: "検索",
    noScript: "検索にはJavaScriptが必要です。お手数ですが、記事一覧からお探しください。",
    resultsLabel: "検索結果",
    /** The button under the results that lists the next ones. */
    more: "さらに表示",
    /**
     * What the results script says, written into the page as templates (`{query}`, `{count}`)
     * so the script carries no words of its own.
     */
    count: (query: string, count: number | string) => `「${query}」の検索結果は${count}件です。`,
    none: (query: string) => `「${query}」に当てはまるページは見つかりませんでした。`,
    /** The title a search is shared with, before the site's name. */
    shareTitle: (query: string) => `「${query}」の検索結果`,
    failed: "検索を読み込めませんでした。時間をおいて、もう一度お試しください。",
    articleList: "記事一覧から探す",
    /** Before the article's title under each result. */
    articlePrefix: "記事：",
  },
  notFound: {
    title: "ページが見つかりません",
    description: "お探しのページは見つかりませんでした。",
    body: "URLが変わったか、入力に誤りがあるかもしれません。トップページか、下の新しい記事からお探しください。",
    backToHome: "トップページへ戻る",
    articlesLabel: "新しい記事",
  },
} as const;

/** The `<title>` of a section page: the section's short title, then the article title. */
export function sectionPageTitle(sectionShortTitle: string, articleTitle: string): string {
  return `${sectionShortTitle}｜${articleTitle}`;
}
