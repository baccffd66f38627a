import postcss, { type AtRule, type Container, type Rule } from "postcss";

/**
 * Drops the CSS rules that match nothing on a built page. The typography plugin ships styles for
 * every element an article might hold (tables, code, figures…) and the stylesheet is shared by
 * all pages; a page that has none of them should not carry those rules in its first response.
 *
 * Matching is deliberately generous: before a selector is tested, everything that depends on
 * state is removed — pseudo-classes such as :hover or :checked, pseudo-elements, `:not(…)`, and
 * every attribute selector (scripts set data-theme, data-open, aria-current, hidden…). A selector
 * the DOM cannot evaluate is kept. So a rule is dropped only when no element of its shape exists.
 */

const STATEFUL_PSEUDO =
  /::?(?:-[a-z-]+|before|after|marker|placeholder|backdrop|selection|file-selector-button|first-letter|first-line|hover|focus|focus-visible|focus-within|active|visited|link|any-link|checked|disabled|enabled|indeterminate|placeholder-shown|target|defined|autofill|user-invalid|user-valid|invalid|valid|open|popover-open|modal|fullscreen|empty)(?![\w-])/g;
const ATTRIBUTE = /\[[^\]]*\]/g;

/** `selector` without its `:not(…)` parts (parentheses balanced): dropping one only widens it. */
function withoutNegations(selector: string): string {
  let result = "";
  for (let index = 0; index < selector.length; index += 1) {
    if (selector.startsWith(":not(", index)) {
      let depth = 0;
      let end = index + 4;
      for (; end < selector.length; end += 1) {
        if (selector[end] === "(") depth += 1;
        else if (selector[end] === ")" && --depth === 0) break;
      }
      index = end;
      continue;
    }
    result += selector[index];
  }
  return result;
}

/** The structural part of a selector, or undefined when nothing testable is left. */
export function structuralSelector(selector: string): string | undefined {
  const simplified = withoutNegations(selector)
    .replace(ATTRIBUTE, "")
    .replace(STATEFUL_PSEUDO, "")
    // Selector lists left with empty members: `:where(, *)` → `:where(*)`.
    .replace(/\(\s*,/g, "(")
    .replace(/,\s*(?=[,)])/g, "")
    .replace(/:(?:where|is|has)\(\s*\)/g, "")
    .trim();
  return simplified === "" || /[>+~(,]$/.test(simplified) ? undefined : simplified;
}

/** Whether some element of `root` could match `selector` in some state. */
export function mayMatch(selector: string, root: ParentNode): boolean {
  const structural = structuralSelector(selector);
  if (structural === undefined || /^(?::root|:host|html|body|\*)$/.test(structural)) return true;
  try {
    return root.querySelector(structural) !== null;
  } catch {
    return true;
  }
}

function pruneContainer(container: Container, root: ParentNode): void {
  container.each((node) => {
    if (node.type === "rule") {
      const rule = node as Rule;
      const kept = rule.selectors.filter((selector) => mayMatch(selector, root));
      if (kept.length === 0) rule.remove();
      else if (kept.length !== rule.selectors.length) rule.selectors = kept;
      return;
    }
    if (node.type === "atrule") {
      const atRule = node as AtRule;
      // Keyframes, @property, @font-face and @page hold no selectors to test.
      if (!/^(media|supports|layer|container|scope|starting-style)$/.test(atRule.name) || !atRule.nodes)
        return;
      pruneContainer(atRule, root);
      if (atRule.nodes.length === 0) atRule.remove();
    }
  });
}

/** `css` without the rules that can match nothing in `root` (a parsed page). */
export function pruneUnusedCss(css: string, root: ParentNode): string {
  const ast = postcss.parse(css);
  pruneContainer(ast, root);
  return ast.toString();
}
