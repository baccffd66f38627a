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
 * The pages holding `words` side by side, most often first. Pagefind finds the pages holding all
 * of them; where each word stands comes from a search for that word alone (the places of an
 * all-words search do not say which word is where, so 社会 would pass for 会社), and a run of the
 * words in order at consecutive places is one occurrence of the phrase. Null when a newer search
 * replaced this one while it waited (`pauseMs`).
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
  if (found.results.length === 0) return [];
  const distinct = [...new Set(words)];
  const placesOf = new Map<string, Map<string, Set<number>>>();
  if (distinct.length === 1) {
    placesOf.set(search, new Map(found.results.map((result) => [result.id, new Set(result.words)])));
  } else {
    for (const word of distinct) {
      const alone = await pagefind.search(word);
      placesOf.set(word, new Map(alone.results.map((result) => [result.id, new Set(result.words)])));
    }
  }
  const at = (word: string, page: string) => placesOf.get(distinct.length === 1 ? search : word)?.get(page);
  const hits = found.results.map((result) => {
    const first = at(words[0] ?? "", result.id) ?? new Set<number>();
    let count = 0;
    for (const place of first)
      if (words.every((word, offset) => at(word, result.id)?.has(place + offset))) count += 1;
    return { result, count };
  });
  return hits.filter((hit) => hit.count > 0).sort((a, b) => b.count - a.count);
}

/** Pieces of a longer query are not tried: a pasted sentence would mean hundreds of searches. */
const MAX_PIECES_QUERY = 12;

/**
 * The pages that match `query`, best first: those holding the whole query (its characters side
 * by side, most often first), then those holding its stem (焦る → 焦って; a one-kanji stem only when
 * the whole query is nowhere, so that 来る does not bring every 将来), then, when neither matched,
 * those holding the longest pieces of it that any page holds (社内チャット → チャット). Words apart
 * (上司 相談) must each stand in the page. A page holding the query's characters only here and
 * there is no match. Null when a newer search replaced this one while it waited (`pauseMs`).
 */
export async function searchPages(
  pagefind: Pagefind,
  query: string,
  pauseMs = 0,
): Promise<SearchResult[] | null> {
  const parts = query.normalize("NFKC").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return [];
  if (parts.length > 1) return searchAllParts(pagefind, parts, pauseMs);
  const words = splitQuery(query).split(" ").filter(Boolean);
  if (words.length === 0) return [];
  const whole = await phraseHits(pagefind, words, pauseMs);
  if (whole === null) return null;
  const tiers = [whole];
  const stem = queryStem(query);
  if (stem && (stem.length > 1 || whole.length === 0))
    tiers.push((await phraseHits(pagefind, splitQuery(stem).split(" "))) ?? []);
  if (tiers.every((tier) => tier.length === 0) && words.length <= MAX_PIECES_QUERY) {
    for (let size = words.length - 1; size >= 2; size -= 1) {
      const pieces = words
        .slice(0, words.length - size + 1)
        .map((_, start) => words.slice(start, start + size));
      const found: Hit[] = [];
      for (const piece of pieces) found.push(...((await phraseHits(pagefind, piece)) ?? []));
      if (found.length === 0) continue;
      tiers.push(found.sort((a, b) => b.count - a.count));
      break;
    }
  }
  return distinctResults(tiers);
}

/** Words typed apart: the pages holding every one of them, most occurrences first. */
async function searchAllParts(
  pagefind: Pagefind,
  parts: readonly string[],
  pauseMs: number,
): Promise<SearchResult[] | null> {
  const first = await pagefind.debouncedSearch(splitQuery(parts.join(" ")), {}, pauseMs);
  if (first === null) return null;
  const perPart = await Promise.all(parts.map((part) => phraseHits(pagefind, splitQuery(part).split(" "))));
  const counts = new Map<string, { result: SearchResult; count: number; parts: number }>();
  for (const hits of perPart)
    for (const { result, count } of hits ?? []) {
      const seen = counts.get(result.id) ?? { result, count: 0, parts: 0 };
      counts.set(result.id, { result, count: seen.count + count, parts: seen.parts + 1 });
    }
  return [...counts.values()]
    .filter((hit) => hit.parts === parts.length)
    .sort((a, b) => b.count - a.count)
    .map((hit) => hit.result);
}

/** The results of several tiers in order, each page once. */
function distinctResults(tiers: readonly Hit[][]): SearchResult[] {
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
  // An opening bracket begins a phrase; other punctuation is not where an excerpt starts.
  const opening = (index: number) => /[「『（(]/u.test(content[index] ?? "");
  // A part that starts a sentence (a heading, or after 。) is not cut at its start.
  const cutStart = at > 0 && !/[。！？」]$/u.test(content.slice(0, at));
  const cutEnd = end < content.length && !/[。！？]$/u.test(text);
  let start = at;
  if (cutStart)
    while (
      start < end &&
      !opening(start) &&
      (!phraseStart(content, start) || PUNCTUATION.test(content[start] ?? ""))
    )
      start += 1;
  let stop = end;
  if (cutEnd) while (stop > start && !phraseStart(content, stop)) stop -= 1;
  // Too short to cut between phrases: left as Pagefind gave it.
  if (stop <= start) return html;
  if (cutStart) html = `…${dropVisible(html, start - at)}`;
  // Cut right after a sentence, the excerpt ends as the sentence does.
  if (cutEnd)
    html = `${dropVisible(html, end - stop, true)}${/[。！？]$/u.test(content.slice(0, stop)) ? "" : "…"}`;
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
