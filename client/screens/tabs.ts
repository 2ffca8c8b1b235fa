import { el } from './dom.ts';

/** A side panel behind a tab; `badge` is shown on the tab (e.g. unanswered requests). */
export interface Tab { readonly id: string; readonly label: string; readonly panel: HTMLElement; readonly badge?: () => number }

/**
 * Tabs in the WAI-ARIA pattern: buttons with role=tab (arrow keys move between them), one
 * visible panel; Alt+1…9 opens a panel from anywhere. `refresh` updates the badges.
 */
export function tabbed(tabs: readonly Tab[], label: string): { root: HTMLElement; select(id: string): void; refresh(): void } {
  const bar = el('div', { class: 'tabs', role: 'tablist', 'aria-label': label });
  const panels = el('div', { class: 'panels' });
  const buttons = new Map<string, HTMLButtonElement>();
  const select = (id: string) => {
    for (const t of tabs) {
      const on = t.id === id;
      t.panel.hidden = !on;
      buttons.get(t.id)?.setAttribute('aria-selected', String(on));
      buttons.get(t.id)?.setAttribute('tabindex', on ? '0' : '-1');
    }
  };
  tabs.forEach((t, i) => {
    const b = el('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}`, 'data-testid': `tab-${t.id}`, title: `Alt+${i + 1}` }, t.label);
    b.addEventListener('click', () => select(t.id));
    b.addEventListener('keydown', (ev) => {
      if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
      const next = tabs[(i + (ev.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      if (next) {
        select(next.id);
        buttons.get(next.id)?.focus();
      }
    });
    buttons.set(t.id, b);
    bar.append(b);
    t.panel.id = `panel-${t.id}`;
    t.panel.setAttribute('role', 'tabpanel');
    t.panel.setAttribute('aria-labelledby', `tab-${t.id}`);
    panels.append(t.panel);
  });
  document.addEventListener('keydown', (ev) => {
    if (!ev.altKey) return;
    const t = tabs[Number(ev.key) - 1];
    if (t && /^[1-9]$/.test(ev.key)) {
      select(t.id);
      buttons.get(t.id)?.focus();
      ev.preventDefault();
    }
  });
  select(tabs[0]?.id ?? '');
  const refresh = () => {
    for (const t of tabs) {
      const b = buttons.get(t.id);
      const count = t.badge?.() ?? 0;
      const text = count ? `${t.label} (${count})` : t.label;
      if (b && b.textContent !== text) b.textContent = text;
    }
  };
  return { root: el('aside', { class: 'side-pane' }, bar, panels), select, refresh };
}
