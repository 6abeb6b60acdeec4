/** The colours of the TUI. `undefined` leaves the terminal's own colour. */
export interface Theme {
  readonly name: ThemeName | 'no-color';
  /** Painted behind the whole screen; undefined keeps the terminal's background. */
  readonly background: string | undefined;
  readonly text: string | undefined;
  readonly muted: string | undefined;
  readonly accent: string | undefined;
  readonly border: string | undefined;
  readonly user: string | undefined;
  readonly assistant: string | undefined;
  readonly tool: string | undefined;
  readonly success: string | undefined;
  readonly error: string | undefined;
  readonly warning: string | undefined;
  /** Text of the selected row in lists (shown inverse). */
  readonly selection: string | undefined;
  readonly code: string | undefined;
}

export const themeNames = ['marketing', 'dark', 'light', 'solarized-dark', 'solarized-light'] as const;
export type ThemeName = (typeof themeNames)[number];

const themes: Readonly<Record<ThemeName, Theme>> = {
  // The default: cyan accents on near-black, like the CodeTether site.
  marketing: {
    name: 'marketing',
    background: '#0a0e14',
    text: '#e6edf3',
    muted: '#7d8590',
    accent: '#22d3ee',
    border: '#155e75',
    user: '#67e8f9',
    assistant: '#e6edf3',
    tool: '#a78bfa',
    success: '#4ade80',
    error: '#f87171',
    warning: '#fbbf24',
    selection: '#22d3ee',
    code: '#a5f3fc',
  },
  dark: {
    name: 'dark',
    background: undefined,
    text: 'white',
    muted: 'gray',
    accent: 'blue',
    border: 'gray',
    user: 'cyan',
    assistant: 'white',
    tool: 'magenta',
    success: 'green',
    error: 'red',
    warning: 'yellow',
    selection: 'blue',
    code: 'yellow',
  },
  light: {
    name: 'light',
    background: '#ffffff',
    text: '#1f2328',
    muted: '#656d76',
    accent: '#0969da',
    border: '#afb8c1',
    user: '#0550ae',
    assistant: '#1f2328',
    tool: '#8250df',
    success: '#1a7f37',
    error: '#cf222e',
    warning: '#9a6700',
    selection: '#0969da',
    code: '#953800',
  },
  'solarized-dark': {
    name: 'solarized-dark',
    background: '#002b36',
    text: '#839496',
    muted: '#586e75',
    accent: '#268bd2',
    border: '#073642',
    user: '#2aa198',
    assistant: '#93a1a1',
    tool: '#6c71c4',
    success: '#859900',
    error: '#dc322f',
    warning: '#b58900',
    selection: '#268bd2',
    code: '#cb4b16',
  },
  'solarized-light': {
    name: 'solarized-light',
    background: '#fdf6e3',
    text: '#657b83',
    muted: '#93a1a1',
    accent: '#268bd2',
    border: '#eee8d5',
    user: '#2aa198',
    assistant: '#586e75',
    tool: '#6c71c4',
    success: '#859900',
    error: '#dc322f',
    warning: '#b58900',
    selection: '#268bd2',
    code: '#cb4b16',
  },
};

/** NO_COLOR (https://no-color.org): no colour at all; bold, dim and inverse still mark things. */
const noColor: Theme = {
  name: 'no-color',
  background: undefined,
  text: undefined,
  muted: undefined,
  accent: undefined,
  border: undefined,
  user: undefined,
  assistant: undefined,
  tool: undefined,
  success: undefined,
  error: undefined,
  warning: undefined,
  selection: undefined,
  code: undefined,
};

export function isThemeName(name: string): name is ThemeName {
  return (themeNames as readonly string[]).includes(name);
}

export interface ResolvedTheme {
  readonly theme: Theme;
  /** Set when the configured name is unknown (the default is used instead). */
  readonly warning?: string;
}

/** The theme `[ui] theme` names; NO_COLOR (set and non-empty) wins over it. */
export function resolveTheme(name: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): ResolvedTheme {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { theme: noColor };
  const wanted = (name ?? 'marketing').trim().toLowerCase();
  if (wanted === 'default') return { theme: themes.marketing };
  if (isThemeName(wanted)) return { theme: themes[wanted] };
  return { theme: themes.marketing, warning: `unknown theme "${name}" in [ui] theme; using marketing (${themeNames.join(', ')})` };
}
