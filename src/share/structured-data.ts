import { isoDate } from "../lib/dates";
import { siteSettings, type Credit } from "../site/settings";

/**
 * schema.org structured data as JSON-LD. Only facts the content or the site settings state are
 * written: a missing author or date is left out, never guessed.
 */

type JsonLd = Record<string, unknown>;

function credit(value: Credit | undefined): JsonLd | undefined {
  if (!value) return undefined;
  return { "@type": value.type, name: value.name, ...(value.url ? { url: value.url } : {}) };
}

function withoutUndefined(object: JsonLd): JsonLd {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

export function articleJsonLd(article: {
  url: string;
  headline: string;
  description: string;
  image: string;
  author: Credit | undefined;
  publisher: Credit | undefined;
  published: Date | undefined;
  modified: Date | undefined;
}): JsonLd {
  return withoutUndefined({
    "@context": "https://schema.org",
    "@type": "Article",
    headline: article.headline,
    description: article.description,
    inLanguage: siteSettings.lang,
    url: article.url,
    image: [article.image],
    author: credit(article.author),
    publisher: credit(article.publisher),
    datePublished: article.published && isoDate(article.published),
    dateModified: article.published && isoDate(article.modified ?? article.published),
  });
}

/** The site itself, for the home page. */
export function websiteJsonLd(site: {
  name: string;
  description: string;
  url: string;
  publisher: Credit | undefined;
}): JsonLd {
  return withoutUndefined({
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.name,
    description: site.description,
    inLanguage: siteSettings.lang,
    url: site.url,
    publisher: credit(site.publisher),
  });
}

/** A page's breadcrumb trail (trail.ts): ホーム → article → section. */
export function breadcrumbJsonLd(trail: readonly { name: string; url: string }[]): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: trail.map((item, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: item.name,
      item: item.url,
    })),
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: one object, or several as a top-level array;
 * `<` escaped so text can never close the tag.
 */
export function serializeJsonLd(data: JsonLd | readonly JsonLd[]): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
