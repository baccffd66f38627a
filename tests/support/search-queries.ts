/**
 * What readers would type into site search, each with the pages a right first result may be
 * (the section's page, or the full article for a word only its lead holds), over the test build's
 * two articles: the manuscript's (line-koukan) and the fixture (aisatsu). The browser tests hold
 * every engine to SEARCH_TARGET of them right first; `npm run search-report` prints the table.
 */
export interface SearchQuery {
  query: string;
  /** Paths a right first result may have; empty: nothing should be found. */
  expected: string[];
  kind:
    | "compound"
    | "katakana"
    | "short"
    | "dictionary form"
    | "checklist"
    | "lead"
    | "noun form"
    | "word"
    | "absent";
}

/** The share of queries that must put a right page first (or find nothing where nothing is). */
export const SEARCH_TARGET = 0.95;

const line = (...sections: string[]) => sections.map((section) => `/line-koukan/${section}/`);
const aisatsu = (...sections: string[]) => sections.map((section) => `/aisatsu/${section}/`);

export const SEARCH_QUERIES: SearchQuery[] = [
  { query: "冷却期間", expected: line("responses"), kind: "compound" },
  { query: "距離感", expected: line("responses"), kind: "compound" },
  { query: "業務用チャット", expected: line("alternatives"), kind: "compound" },
  { query: "社内チャット", expected: line("alternatives"), kind: "compound" },
  { query: "信頼関係", expected: line("mindset", "summary"), kind: "compound" },
  { query: "休憩時間", expected: line("alternatives"), kind: "compound" },
  { query: "再アプローチ", expected: line("mindset"), kind: "compound" },
  { query: "職場文化", expected: line("reasons", "summary"), kind: "compound" },
  { query: "聞こえにくさ", expected: aisatsu("background"), kind: "compound" },
  { query: "ランチ", expected: line("alternatives"), kind: "katakana" },
  { query: "プライベート", expected: line("reasons"), kind: "katakana" },
  { query: "タイミング", expected: line("mindset"), kind: "katakana" },
  { query: "メール", expected: line("alternatives"), kind: "katakana" },
  { query: "ツール", expected: line("alternatives"), kind: "katakana" },
  { query: "プライバシー", expected: line("reasons"), kind: "katakana" },
  { query: "マスク", expected: aisatsu("background"), kind: "katakana" },
  { query: "コミュニケーション術", expected: line("responses"), kind: "katakana" },
  { query: "心理", expected: line("reasons"), kind: "short" },
  { query: "雑談", expected: line("responses", "mindset"), kind: "short" },
  { query: "趣味", expected: line("alternatives"), kind: "short" },
  { query: "性別", expected: line("reasons"), kind: "short" },
  { query: "絆", expected: line("mindset"), kind: "short" },
  { query: "飲み会", expected: line("alternatives"), kind: "short" },
  { query: "集中", expected: aisatsu("background"), kind: "short" },
  { query: "瞬間", expected: aisatsu("habits"), kind: "short" },
  {
    query: "焦る",
    expected: line("responses", "mindset", "summary", "alternatives"),
    kind: "dictionary form",
  },
  { query: "築く", expected: line("responses", "mindset"), kind: "dictionary form" },
  { query: "紐解く", expected: line("reasons"), kind: "dictionary form" },
  { query: "諦める", expected: line("mindset"), kind: "dictionary form" },
  { query: "縮める", expected: line("responses"), kind: "dictionary form" },
  { query: "聞こえる", expected: aisatsu("background"), kind: "dictionary form" },
  { query: "気づく", expected: aisatsu("background"), kind: "dictionary form" },
  { query: "責める", expected: aisatsu("habits"), kind: "dictionary form" },
  { query: "届く", expected: aisatsu("habits"), kind: "dictionary form" },
  { query: "プライバシー意識", expected: line("summary"), kind: "checklist" },
  { query: "有効", expected: line("summary"), kind: "checklist" },
  { query: "嫌われる", expected: aisatsu("summary"), kind: "checklist" },
  { query: "勇気", expected: ["/line-koukan/"], kind: "lead" },
  { query: "肩の力", expected: ["/line-koukan/"], kind: "lead" },
  { query: "不安", expected: ["/line-koukan/"], kind: "lead" },
  { query: "寂しい", expected: ["/aisatsu/"], kind: "lead" },
  { query: "気まずい", expected: line("responses"), kind: "noun form" },
  { query: "忙しい", expected: aisatsu("background"), kind: "noun form" },
  { query: "誠実", expected: line("mindset"), kind: "noun form" },
  { query: "親密", expected: line("alternatives"), kind: "noun form" },
  { query: "気まずさ", expected: line("responses"), kind: "word" },
  { query: "返事", expected: aisatsu("habits", "background"), kind: "word" },
  { query: "恐れ", expected: line("responses"), kind: "word" },
  { query: "ひとこと", expected: aisatsu("background"), kind: "word" },
  { query: "LINE交換", expected: line("reasons", "responses"), kind: "word" },
  { query: "既読", expected: [], kind: "absent" },
  { query: "SNS", expected: [], kind: "absent" },
];

/** The path of a result's link, without its fragment. */
export const resultPath = (href: string) => new URL(href, "http://localhost").pathname;

/** Whether the first result (or the absence of any) is right for `query`. */
export function rightFirst(query: SearchQuery, firstHref: string | undefined): boolean {
  if (query.expected.length === 0) return firstHref === undefined;
  return firstHref !== undefined && query.expected.includes(resultPath(firstHref));
}
