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
