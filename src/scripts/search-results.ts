/**
 * The search page's handling of Pagefind's results, apart from the element that shows them
 * (site-search.ts), so the search report (tests/tools/search-report.ts) and the unit tests read
 * results the same way the page does.
 */

import { joinSplitText, queryStem, splitQuery } from "../lib/search-text.ts";

/** The part of Pagefind's browser API (pagefind.js, written by the build) that the site uses. */
export interface Pagefind {
  options(options: { excerptLength?: number; noWorker?: boolean }): Promise<void>;
  init(): Promise<void>;
  preload(query: string, options?: object): Promise<void>;
  search(query: string): Promise<SearchResults>;
  debouncedSearch(query: string, options?: object, timeoutMs?: number): Promise<SearchResults | null>;
}
export interface SearchResults {
  results: SearchResult[];
}
export interface SearchResult {
  id: string;
  /** Where the words searched for stand in the page, counted in words. */
  words: number[];
  data(): Promise<ResultData>;
}
export interface ResultData {
  url: string;
  excerpt: string;
  content: string;
  meta: Record<string, string | undefined>;
  sub_results: SubResult[];
}
export interface SubResult {
  title: string;
  url: string;
  excerpt: string;
  weighted_locations: { balanced_score: number }[];
  anchor?: { id: string };
}

/** A page Pagefind found, with how often it holds the phrase searched for. */
interface Hit {
  result: SearchResult;
  count: number;
}

/**
 * The pages holding `words` side by side, most often first: Pagefind finds the pages holding all
 * of them, with where each stands, and a run of consecutive places is one occurrence of the
 * phrase. Null when a newer search replaced this one while it waited (`pauseMs`).
 */
async function phraseHits(
  pagefind: Pagefind,
  words: readonly string[],
  pauseMs?: number,
): Promise<Hit[] | null> {
  const search = words.join(" ");
  const found =
    pauseMs === undefined
      ? await pagefind.search(search)
      : await pagefind.debouncedSearch(search, {}, pauseMs);
  if (found === null) return null;
  const hits = found.results.map((result) => {
    const places = new Set(result.words);
    const count = result.words.filter((first) =>
      words.every((_, offset) => places.has(first + offset)),
    ).length;
    return { result, count };
  });
  return hits.filter((hit) => hit.count > 0).sort((a, b) => b.count - a.count);
}

/**
 * The pages that match `query`, best first: those holding the whole query (its characters side
 * by side, most often first), then those holding its stem (焦る → 焦って), then those holding the
 * longest pieces of it that any page holds (社内チャット → チャット). A page holding the query's
 * characters only here and there is no match. Null when a newer search replaced this one while it
 * waited (`pauseMs`).
 */
export async function searchPages(
  pagefind: Pagefind,
  query: string,
  pauseMs = 0,
): Promise<SearchResult[] | null> {
  const words = splitQuery(query).split(" ").filter(Boolean);
  if (words.length === 0) return [];
  const whole = await phraseHits(pagefind, words, pauseMs);
  if (whole === null) return null;
  const tiers = [whole];
  const stem = queryStem(query);
  if (stem) tiers.push((await phraseHits(pagefind, splitQuery(stem).split(" "))) ?? []);
  if (tiers.every((tier) => tier.length === 0)) {
    for (let size = words.length - 1; size >= 2; size -= 1) {
      const pieces = words
        .slice(0, words.length - size + 1)
        .map((_, start) => words.slice(start, start + size));
      const found = (await Promise.all(pieces.map((piece) => phraseHits(pagefind, piece)))).flatMap(
        (hits) => hits ?? [],
      );
      if (found.length === 0) continue;
      tiers.push(found.sort((a, b) => b.count - a.count));
      break;
    }
  }
  const seen = new Set<string>();
  return tiers.flatMap((tier) =>
    tier.flatMap(({ result }) => (seen.has(result.id) ? [] : (seen.add(result.id), [result]))),
  );
}

/**
 * Whether a marked run of an excerpt is what `query` searched for: the query, a piece of it of two
 * characters or more, or its stem — not one of its characters standing elsewhere.
 */
export function searchedFor(query: string): (text: string) => boolean {
  const whole = query.normalize("NFKC").toLowerCase();
  const stem = queryStem(query)?.toLowerCase();
  return (text) => {
    const run = text.normalize("NFKC").toLowerCase();
    return (
      run === stem || run.includes(whole) || (run.length >= Math.min(2, whole.length) && whole.includes(run))
    );
  };
}

/**
 * Where a result points: the part of the page under the heading whose words match best, with that
 * heading's fragment, or the page itself when the best match is above its first heading; its
 * excerpt marks what `query` searched for.
 */
export function bestPart(
  data: ResultData,
  query = "",
): { url: string; heading: string | undefined; excerpt: string } {
  const score = (sub: SubResult) =>
    sub.weighted_locations.reduce((sum, word) => sum + word.balanced_score, 0);
  const best = [...data.sub_results].sort((a, b) => score(b) - score(a))[0];
  const content = joinSplitText(data.content);
  const marked = query ? searchedFor(query) : () => true;
  if (!best?.anchor)
    return {
      url: data.url,
      heading: undefined,
      excerpt: readableExcerpt(best?.excerpt ?? data.excerpt, content, marked),
    };
  return {
    url: best.url,
    heading: joinSplitText(best.title),
    excerpt: readableExcerpt(best.excerpt, content, marked),
  };
}

const HIRAGANA = /\p{Script=Hiragana}/u;
const PUNCTUATION = /[\p{P}\s]/u;

/**
 * Where a phrase of Japanese may begin, as the text runs: after kana or punctuation, at a
 * character that is neither (a kanji, katakana or Latin word) — 「…焦らず｜自然体を｜意識しながら」.
 * Engine-independent, so the same excerpt reads the same in every browser.
 */
function phraseStart(content: string, index: number): boolean {
  const before = content[index - 1] ?? "";
  const char = content[index] ?? "";
  if (index === 0 || PUNCTUATION.test(before) || PUNCTUATION.test(char)) return true;
  return HIRAGANA.test(before) && !HIRAGANA.test(char);
}

/** `html` without its first `count` visible characters (or its last, with `fromEnd`); tags are kept. */
function dropVisible(html: string, count: number, fromEnd = false): string {
  const parts = html.split(/(<[^>]+>)/);
  const order = fromEnd ? [...parts.keys()].reverse() : [...parts.keys()];
  let left = count;
  for (const index of order) {
    const part = parts[index] ?? "";
    if (left === 0) break;
    if (part.startsWith("<")) continue;
    const taken = Math.min(left, part.length);
    parts[index] = fromEnd ? part.slice(0, part.length - taken) : part.slice(taken);
    left -= taken;
  }
  return parts.join("");
}

/**
 * An excerpt as Japanese readers expect one: written as the text is (the index's spaces taken
 * out), cut only between phrases, with 「…」 where it begins or ends inside the page's text, and
 * marked only where it holds what was searched for (`marked`: the query, or its stem or a piece of
 * it, which Pagefind marks character by character wherever each one stands).
 * `content` is the page's whole text, joined the same way, to tell where the excerpt stands.
 */
export function readableExcerpt(
  excerptHtml: string,
  content: string,
  marked: (text: string) => boolean = () => true,
): string {
  let html = joinSplitText(excerptHtml)
    .trim()
    .replace(/<mark>([^<]*)<\/mark>/g, (mark, text: string) => (marked(text) ? mark : text));
  const text = html.replace(/<[^>]+>/g, "");
  const at = content.indexOf(text);
  if (at < 0 || text === "") return html;
  const end = at + text.length;
  // A part that starts a sentence (a heading, or after 。) is not cut at its start.
  if (at > 0 && !/[。！？」]$/u.test(content.slice(0, at))) {
    let start = at;
    while (start < end && (!phraseStart(content, start) || PUNCTUATION.test(content[start] ?? "")))
      start += 1;
    if (start < end) html = `…${dropVisible(html, start - at)}`;
  }
  if (end < content.length && !/[。！？]$/u.test(text)) {
    let stop = end;
    while (stop > at && !phraseStart(content, stop)) stop -= 1;
    // Cut right after a sentence, the excerpt ends as the sentence does.
    if (stop > at)
      html = `${dropVisible(html, end - stop, true)}${/[。！？]$/u.test(content.slice(0, stop)) ? "" : "…"}`;
  }
  return html;
}

/**
 * A Pagefind excerpt as DOM nodes: its text, with the matched words in `<mark>`. Nothing else of
 * the excerpt's markup is kept, so text from the index can never add an element or an attribute
 * to the search page. The excerpt is parsed by DOMParser, whose document runs no script and loads
 * nothing.
 */
export function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, "text/html").body;
  const nodes: Node[] = [];
  for (const node of parsed.childNodes) {
    const text = node.textContent ?? "";
    if (!text) continue;
    if (node instanceof Element && node.localName === "mark") {
      nodes.push(Object.assign(document.createElement("mark"), { textContent: text }));
    } else {
      nodes.push(document.createTextNode(text));
    }
  }
  return nodes;
}
