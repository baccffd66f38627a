/**
 * The search page's handling of Pagefind's results, apart from the element that shows them
 * (site-search.ts), so the search report (tests/tools/search-report.ts) and the unit tests read
 * results the same way the page does.
 */

/** The part of Pagefind's browser API (pagefind.js, written by the build) that the site uses. */
export interface Pagefind {
  options(options: { excerptLength?: number; noWorker?: boolean }): Promise<void>;
  search(query: string): Promise<SearchResults>;
  debouncedSearch(query: string, options?: object, timeoutMs?: number): Promise<SearchResults | null>;
}
export interface SearchResults {
  results: { data(): Promise<ResultData> }[];
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

/**
 * Where a result points: the part of the page under the heading whose words match best, with that
 * heading's fragment, or the page itself when the best match is above its first heading.
 */
export function bestPart(data: ResultData): { url: string; heading: string | undefined; excerpt: string } {
  const score = (sub: SubResult) =>
    sub.weighted_locations.reduce((sum, word) => sum + word.balanced_score, 0);
  const best = [...data.sub_results].sort((a, b) => score(b) - score(a))[0];
  if (!best?.anchor) return { url: data.url, heading: undefined, excerpt: best?.excerpt ?? data.excerpt };
  return { url: best.url, heading: best.title, excerpt: best.excerpt };
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
