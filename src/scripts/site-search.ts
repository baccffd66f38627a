/**
 * <site-search> on the search page: searches Pagefind's index (built by src/build/search-index.ts)
 * as the reader types, and lists the section pages that match. The form inside it works without
 * this script: it sends `?q=` to the same page. Its words are templates in its data attributes
 * (src/pages/search.astro), so this chunk shares no module with site.ts's bundle.
 */
import { splitQuery } from "../lib/search-text";
import { buildShareUrl, type ShareService } from "../share/share-urls";
import {
  bestPart,
  excerptNodes,
  searchPages,
  type Pagefind,
  type ResultData,
  type SearchResult,
} from "./search-results";

/** Where the build writes Pagefind's browser code and index. */
const PAGEFIND_MODULE = "/pagefind/pagefind.js";
/** How long typing must pause before a search runs. */
const TYPING_PAUSE_MS = 250;
/**
 * Results shown at once, and at each press of the more button: each one shown costs a request for
 * its text (Pagefind's fragment), and five keep the first search within the bench's byte budget.
 */
const RESULTS_PER_PAGE = 5;

class SiteSearchElement extends HTMLElement {
  #pagefind: Promise<Pagefind> | undefined;
  #field = this.querySelector<HTMLInputElement>('input[type="search"]');
  #status = this.querySelector<HTMLElement>("[data-search-status]");
  /** The link to the article list, shown when the search finds nothing or fails. */
  #help = this.querySelector<HTMLElement>("[data-search-help]");
  #list = this.querySelector<HTMLOListElement>("[data-search-results]");
  #more = this.querySelector<HTMLButtonElement>("[data-search-more]");
  /** Every result of the query on the page, best first; the first `#shown` are listed. */
  #found: SearchResult[] = [];
  #shown = 0;
  /** The query whose results are on the page, so a late answer to an older one is dropped. */
  #latest = "";
  #shareBar = this.querySelector<HTMLElement>("share-bar");
  /** The search page's own address and title, which the share bar sends before any search. */
  #page = { url: this.#shareBar?.dataset["url"] ?? "", title: this.#shareBar?.dataset["title"] ?? "" };

  connectedCallback() {
    const field = this.#field;
    if (!field) return;
    // What the reader typed before this code arrived (on a slow line) is kept, and searched.
    const query = field.value || (new URLSearchParams(location.search).get(field.name) ?? "");
    field.value = query;
    field.addEventListener("input", () => {
      void this.#search(field.value, TYPING_PAUSE_MS);
      // The index's chunks for what is typed so far, while the typing pause runs.
      const words = splitQuery(field.value);
      if (words)
        this.#load()
          .then((pagefind) => pagefind.preload(words))
          .catch(() => undefined);
    });
    // Pagefind's code and WebAssembly load while the reader types, not after.
    field.addEventListener("focus", () => void this.#load().catch(() => undefined), { once: true });
    field.form?.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#search(field.value, 0);
    });
    this.#more?.addEventListener("click", () => void this.#showMore());
    if (query.trim()) void this.#search(query, 0);
  }

  #load(): Promise<Pagefind> {
    this.#pagefind ??= (import(/* @vite-ignore */ PAGEFIND_MODULE) as Promise<Pagefind>).then(
      async (pagefind) => {
        // noWorker: the index is small and searched in milliseconds; on the main thread it spares
        // the download of the worker's own copy of Pagefind, and its WebAssembly runs under this
        // page's own policy, the one that allows it.
        await pagefind.options({ excerptLength: 40, noWorker: true });
        // The index's metadata and the WebAssembly, now rather than at the first search.
        await pagefind.init();
        return pagefind;
      },
    );
    // A failed load is not kept: the next search tries again.
    this.#pagefind.catch(() => {
      this.#pagefind = undefined;
    });
    return this.#pagefind;
  }

  async #search(rawQuery: string, pauseMs: number) {
    const query = rawQuery.trim();
    this.#latest = query;
    const url = new URL(location.href);
    const param = this.#field?.name ?? "q";
    if (query) url.searchParams.set(param, query);
    else url.searchParams.delete(param);
    history.replaceState(history.state, "", url);
    this.#pointShareBar(query);
    if (!query) {
      this.#show("", []);
      return;
    }
    try {
      const pagefind = await this.#load();
      const found = await searchPages(pagefind, query, pauseMs);
      if (found === null || query !== this.#latest) return;
      const data = await Promise.all(found.slice(0, RESULTS_PER_PAGE).map((result) => result.data()));
      if (query !== this.#latest) return;
      this.#found = found;
      this.#show(query, data);
    } catch {
      this.#pagefind = undefined;
      this.#setStatus(this.dataset["failed"] ?? "", true);
    }
  }

  /** Points the share bar at this search (`?q=` on the site's address), or back at the page. */
  #pointShareBar(query: string) {
    const bar = this.#shareBar;
    if (!bar || !this.#page.url) return;
    const url = new URL(this.#page.url);
    if (query) url.searchParams.set(this.#field?.name ?? "q", query);
    const page = {
      url: url.href,
      title: query ? (this.dataset["shareTitle"] ?? "").replaceAll("{query}", () => query) : this.#page.title,
    };
    Object.assign(bar.dataset, page);
    for (const link of bar.querySelectorAll<HTMLAnchorElement>("a[data-service]"))
      link.href = buildShareUrl(link.dataset["service"] as ShareService, page);
  }

  #show(query: string, results: readonly ResultData[]) {
    if (!query) this.#found = [];
    this.#shown = results.length;
    this.#list?.replaceChildren(...results.map((data) => this.#item(data)));
    if (this.#more) this.#more.hidden = this.#shown >= this.#found.length;
    const fill = (template = "") =>
      template.replaceAll("{query}", () => query).replaceAll("{count}", String(this.#found.length));
    if (!query) this.#setStatus("", false);
    else if (results.length === 0) this.#setStatus(fill(this.dataset["none"]), true);
    else this.#setStatus(fill(this.dataset["count"]), false);
  }

  /** The next results under those listed; focus moves to the first of them, where reading goes on. */
  async #showMore() {
    const more = this.#more;
    const found = this.#found;
    if (!more || more.disabled) return;
    more.disabled = true;
    try {
      const next = found.slice(this.#shown, this.#shown + RESULTS_PER_PAGE);
      const data = await Promise.all(next.map((result) => result.data()));
      // A newer search replaced these results meanwhile.
      if (found !== this.#found) return;
      const items = data.map((result) => this.#item(result));
      this.#list?.append(...items);
      this.#shown += items.length;
      items[0]?.querySelector("a")?.focus();
    } finally {
      more.disabled = false;
      more.hidden = this.#shown >= this.#found.length;
    }
  }

  #setStatus(text: string, offerArticleList: boolean) {
    if (this.#status) this.#status.textContent = text;
    if (this.#help) this.#help.hidden = !offerArticleList;
  }

  /** One result, from the page's template (search.astro): its markup is written by the build. */
  #item(data: ResultData): HTMLLIElement {
    const part = bestPart(data, this.#latest);
    const template = this.querySelector<HTMLTemplateElement>("template[data-search-result]");
    const item = template?.content.firstElementChild?.cloneNode(true) as HTMLLIElement | undefined;
    if (!item) return document.createElement("li");
    const slot = (name: string) => item.querySelector<HTMLElement>(`[data-result-${name}]`);
    const link = slot("link") as HTMLAnchorElement | null;
    if (link) link.href = part.url;
    const title = slot("title");
    if (title) title.textContent = data.meta["title"] ?? part.url;
    // The heading the best match is under: part of the link's name, so it is heard with it.
    const heading = slot("heading");
    if (part.heading && part.heading !== data.meta["title"]) {
      if (heading) heading.textContent = part.heading;
    } else heading?.remove();
    const article = slot("article");
    if (data.meta["article"]) {
      if (article) article.textContent = `${this.dataset["articlePrefix"] ?? ""}${data.meta["article"]}`;
    } else article?.remove();
    slot("excerpt")?.append(...excerptNodes(part.excerpt));
    return item;
  }
}

customElements.define("site-search", SiteSearchElement);
