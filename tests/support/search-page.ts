/**
 * Page-side: the results the search page shows, in order — each link's address, the title and
 * heading it names, and the excerpt under it. Self-contained, so every engine's harness can run it.
 */
export function readSearchResults(): { href: string; title: string; excerpt: string }[] {
  return [...document.querySelectorAll("[data-search-results] > li")].map((item) => ({
    href: item.querySelector("a")?.getAttribute("href") ?? "",
    title: item.querySelector("a")?.textContent?.trim() ?? "",
    excerpt: item.querySelector("[data-result-excerpt]")?.textContent ?? "",
  }));
}
