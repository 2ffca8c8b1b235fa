/** A tiny element builder for the form screens. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** Shows `screen` as the only content of #app. */
export function show(screen: HTMLElement): void {
  const app = document.getElementById('app');
  if (!app) throw new Error('no #app element');
  app.replaceChildren(screen);
}
