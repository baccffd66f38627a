import { getContainerRenderer as mdxRenderer } from "@astrojs/mdx/container-renderer";
import { experimental_AstroContainer as AstroContainer } from "astro/container";
import { loadRenderers } from "astro:container";
import { parseHTML } from "linkedom";

/** An Astro container that can render `.astro` components and imported MDX. */
export async function createContainer() {
  const renderers = await loadRenderers([mdxRenderer()]);
  return AstroContainer.create({ renderers });
}

/** Parses rendered HTML into a DOM to assert on roles, text and attributes. */
export function toDocument(html: string): Document {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
}
