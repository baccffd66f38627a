import postcss, { type AtRule, type Container, type Rule } from "postcss";

/**
 * Drops the CSS rules that match nothing on a built page. Tailwind's preflight and our article
 * styles cover elements a page may not hold (lists, quotes, form controls…) and the stylesheet is
 * shared by all pages; a page that has none of them should not carry those rules in its first
 * response.
 *
 * Matching is deliberately generous: before a selector is tested, everything that depends on
 * state is removed — pseudo-classes such as :hover or :checked, pseudo-elements, `:not(…)`, and
 * every attribute selector (scripts set data-theme, data-open, aria-current, hidden…). A selector
 * the DOM cannot evaluate is kept. So a rule is dropped only when no element of its shape exists.
 */

const STATEFUL_PSEUDO =
  /::?(?:-[a-z-]+|before|after|marker|placeholder|backdrop|selection|file-selector-button|first-letter|first-line|hover|focus|focus-visible|focus-within|active|visited|link|any-link|checked|disabled|enabled|indeterminate|placeholder-shown|target|defined|autofill|user-invalid|user-valid|invalid|valid|open|popover-open|modal|fullscreen|empty)(?![\w-])/g;
/** An attribute selector; not the escaped brackets of a class name such as `.size-\[1\.1rem\]`. */
const ATTRIBUTE = /(?<!\\)\[(?:\\.|[^\]\\])*\]/g;

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

/**
 * Pseudo-elements that only exist on particular form controls: Tailwind's preflight styles the
 * date, file, number and search inputs and placeholders of every page, whether it has them or not.
 */
const CONTROL_PSEUDO: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /::-webkit-(?:datetime-edit|date-and-time-value|calendar-picker-indicator)/,
    "input:is([type=date],[type=datetime-local],[type=month],[type=week],[type=time])",
  ],
  [/::file-selector-button/, "input[type=file]"],
  [/::-webkit-(?:inner|outer)-spin-button/, "input[type=number]"],
  [/::-webkit-search-(?:decoration|cancel-button)/, "input[type=search]"],
  [/::placeholder/, "[placeholder]"],
];

/** Which form controls a page has, looked up once per page (a full article is a large DOM). */
const controlsByRoot = new WeakMap<ParentNode, Map<string, boolean>>();

function hasControl(root: ParentNode, control: string): boolean {
  let known = controlsByRoot.get(root);
  if (!known) controlsByRoot.set(root, (known = new Map()));
  let present = known.get(control);
  if (present === undefined) known.set(control, (present = root.querySelector(control) !== null));
  return present;
}

/** Whether some element of `root` could match `selector` in some state. */
export function mayMatch(selector: string, root: ParentNode): boolean {
  for (const [pseudo, control] of CONTROL_PSEUDO) {
    if (pseudo.test(selector) && !hasControl(root, control)) return false;
  }
  const structural = structuralSelector(selector);
  if (structural === undefined || /^(?::root|:host|html|body|\*)$/.test(structural)) return true;
  if (lacksAClass(structural, root)) return false;
  // A lone class (most utilities) matches exactly when some element has it.
  const lone = LONE_CLASS.exec(structural)?.[1];
  if (lone !== undefined && !/\\[0-9a-f]/i.test(lone))
    return classesIn(root).has(lone.replace(/\\(.)/g, "$1"));
  try {
    return (
      root.querySelector(structural) !== null ||
      templates(root).some((template) => template.content.querySelector(structural) !== null)
    );
  } catch {
    return true;
  }
}

/**
 * The page's <template>s: what a script copies into the page is styled by the page's stylesheet
 * too (HeadingShareTemplate.astro), though a template's content is not in the document tree.
 */
function templates(root: ParentNode): HTMLTemplateElement[] {
  return [...root.querySelectorAll("template")] as HTMLTemplateElement[];
}

/** Every element inside the page's templates that has a class. */
function templateElements(root: ParentNode): Element[] {
  return templates(root).flatMap((template) => [...template.content.querySelectorAll("[class]")]);
}

/** Every class name used on an element of `root`, gathered once per page. */
const classesByRoot = new WeakMap<ParentNode, Set<string>>();

function classesIn(root: ParentNode): Set<string> {
  let classes = classesByRoot.get(root);
  if (!classes) {
    classes = new Set();
    for (const element of [...root.querySelectorAll("[class]"), ...templateElements(root)])
      for (const name of element.classList) classes.add(name);
    classesByRoot.set(root, classes);
  }
  return classes;
}

/** A selector that is one class and nothing else: `.mt-10`, `.lg\\:sticky`. */
const LONE_CLASS = /^\.((?:\\.|[\w-]|[^\x00-\x7f])+)$/;

/** A class in a selector: escapes (`\\:`) and non-ASCII characters (`content-['→']`) included. */
const CLASS_IN_SELECTOR = /\.((?:\\.|[\w-]|[^\x00-\x7f])+)/g;

/**
 * A quick no: a selector naming a class that no element of the page has cannot match. Most of what
 * is pruned is utilities a page does not use, and a full querySelector walk of a long page for
 * each of them is what made pruning slow. Selectors with a list inside `:is()`/`:where()`/`:has()`
 * (alternatives, not requirements) and CSS hex escapes are left to querySelector.
 */
function lacksAClass(structural: string, root: ParentNode): boolean {
  if (structural.includes("(") || /\\[0-9a-f]/i.test(structural)) return false;
  const classes = classesIn(root);
  for (const [, escaped] of structural.matchAll(CLASS_IN_SELECTOR)) {
    if (escaped && !classes.has(escaped.replace(/\\(.)/g, "$1"))) return true;
  }
  return false;
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

/**
 * A read of a custom property: `var(--name` or a container style query `style(--name`; the name
 * may hold escapes (`--w-1\\.5`) and non-ASCII characters.
 */
const VAR_REFERENCE = /(?:var|style)\(\s*(--(?:\\.|[\w-]|[^\x00-\x7f])+)/g;

/** The custom properties `text` reads with `var(--name…)`. */
function referencedProperties(text: string, into: Set<string>): Set<string> {
  for (const [, name] of text.matchAll(VAR_REFERENCE)) if (name) into.add(name);
  return into;
}

/**
 * Removes the custom properties nothing reads: their declarations (Tailwind's fallback layer for
 * browsers without @property, unused theme values)
 * and their `@property` registrations. A property counts as read when a `var()` in the remaining
 * CSS or in `alsoReading` (the page's markup, where style attributes may read one) names it.
 * Repeats until nothing changes, since a removed declaration may have been the only reader of
 * another property.
 */
function pruneUnreadProperties(ast: postcss.Root, alsoReading: string): void {
  const external = referencedProperties(alsoReading, new Set());
  for (;;) {
    const read = new Set(external);
    ast.walkDecls((decl) => {
      referencedProperties(decl.value, read);
    });
    ast.walkAtRules((atRule) => {
      referencedProperties(atRule.params, read);
    });
    let removed = false;
    ast.walkDecls(/^--/, (decl) => {
      if (!read.has(decl.prop)) {
        decl.remove();
        removed = true;
      }
    });
    ast.walkAtRules("property", (atRule) => {
      if (!read.has(atRule.params.trim())) {
        atRule.remove();
        removed = true;
      }
    });
    if (!removed) break;
  }
  removeEmpty(ast);
}

/** Removes rules and grouping at-rules left without content. */
function removeEmpty(container: Container): void {
  container.each((node) => {
    if ((node.type === "rule" || node.type === "atrule") && node.nodes) {
      removeEmpty(node);
      // `@layer a;` statements have no body and are kept: they fix the cascade order.
      if (node.nodes.length === 0) node.remove();
    }
  });
}

/**
 * `css` without the rules that can match nothing in `root` (a parsed page) and without the
 * custom properties that nothing on the page reads.
 */
export function pruneUnusedCss(css: string, root: ParentNode, markup = ""): string {
  const ast = postcss.parse(css);
  pruneContainer(ast, root);
  pruneUnreadProperties(ast, markup);
  return ast.toString();
}
