// Small DOM helpers shared by the views.

export const el = (testId, root = document) => root.querySelector(`[data-testid="${testId}"]`);

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'testid') node.dataset.testid = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key.startsWith('data-')) node.setAttribute(key, String(value));
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Keyed rendering: a node is rebuilt only when what it shows changed, else reused. */
export function keyedNodes(cache, entries) {
  const next = new Map();
  const nodes = entries.map(({ key, sig, build }) => {
    const known = cache.get(key);
    const node = known && known.sig === sig ? known.node : build();
    next.set(key, { sig, node });
    return node;
  });
  cache.clear();
  for (const [key, value] of next) cache.set(key, value);
  return nodes;
}

/** Puts exactly these nodes under the parent, in order, moving as few as possible (focus stays). */
export function reconcile(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.childNodes]) if (!wanted.has(child)) child.remove();
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
}
