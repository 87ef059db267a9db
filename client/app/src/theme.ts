/**
 * Light and dark: the system's `prefers-color-scheme` until the user picks one with the toggle, which
 * is remembered (localStorage). The palette lives in style.css as custom properties; the charts, which
 * paint on canvas, read it from there.
 */
export type ThemeName = 'light' | 'dark';

export interface ThemeColors {
  readonly text: string;
  readonly muted: string;
  readonly line: string;
  readonly grid: string;
  readonly panel2: string;
  readonly accent: string;
  readonly accentFill: string;
  readonly up: string;
  readonly down: string;
  readonly pre: string;
  readonly post: string;
  readonly preFill: string;
  readonly postFill: string;
  readonly closedFill: string;
}

const KEY = 'hashcap-theme';

function stored(): ThemeName | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null; // storage blocked: follow the system
  }
}

export class Theme {
  private listeners: ((c: ThemeColors) => void)[] = [];
  private readonly media = matchMedia('(prefers-color-scheme: light)');

  constructor(private readonly button: HTMLButtonElement) {
    this.apply();
    this.media.addEventListener('change', () => {
      if (!stored()) this.apply();
    });
    button.addEventListener('click', () => {
      const next: ThemeName = this.name === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // not remembered, still switched
      }
      this.apply();
    });
  }

  get name(): ThemeName {
    return stored() ?? (this.media.matches ? 'light' : 'dark');
  }

  onChange(listener: (c: ThemeColors) => void): void {
    this.listeners.push(listener);
    listener(this.colors());
  }

  colors(): ThemeColors {
    const css = getComputedStyle(document.documentElement);
    const v = (name: string) => css.getPropertyValue(name).trim();
    return {
      text: v('--text'),
      muted: v('--muted'),
      line: v('--line-2'),
      grid: v('--grid'),
      panel2: v('--panel-2'),
      accent: v('--accent'),
      accentFill: v('--accent-fill'),
      up: v('--up'),
      down: v('--down'),
      pre: v('--pre-edge'),
      post: v('--post-edge'),
      preFill: v('--pre-fill'),
      postFill: v('--post-fill'),
      closedFill: v('--closed-fill'),
    };
  }

  private apply(): void {
    const name = this.name;
    document.documentElement.dataset.theme = name;
    this.button.setAttribute('aria-pressed', String(name === 'light'));
    this.button.textContent = name === 'dark' ? '☀ Light' : '☾ Dark';
    this.button.title = `Switch to the ${name === 'dark' ? 'light' : 'dark'} theme (remembered)`;
    document.querySelector('meta[name=theme-color]')?.setAttribute('content', getComputedStyle(document.documentElement).getPropertyValue('--bg-2').trim());
    const c = this.colors();
    for (const l of this.listeners) l(c);
  }
}
