import { sessionPanelWidth } from './components/session-panel.tsx';
import { sidebarWidth } from './components/sidebar.tsx';
import { inputBoxHeight } from './components/input-box.tsx';
import type { AppState } from './state/app.ts';

export interface ScreenLayout {
  readonly webview: boolean;
  readonly sidebar: boolean;
  readonly panel: boolean;
  readonly header: number;
  /** Width and height of the main pane (chat or the current view). */
  readonly mainWidth: number;
  readonly bodyHeight: number;
  readonly inputHeight: number;
  readonly promptRows: number;
  /** The transcript's text area. */
  readonly chatWidth: number;
  readonly chatRows: number;
}

/** Where everything goes on a `columns`×`rows` screen. Webview needs at least 90×18, else it falls back to classic. */
export function screenLayout(state: AppState, columns: number, rows: number, promptRows: number): ScreenLayout {
  const webview = state.layout === 'webview' && columns >= 90 && rows >= 18;
  const panel = webview && state.sidePanel && columns >= 110;
  const header = webview ? 1 : 0;
  const chat = state.view === 'chat' && !state.help;
  const inputHeight = chat ? inputBoxHeight(state.input, columns) : 0;
  const prompt = chat ? promptRows : 0;
  const mainWidth = columns - (webview ? sidebarWidth : 0) - (panel ? sessionPanelWidth : 0);
  const bodyHeight = Math.max(3, rows - header - 1 - inputHeight - prompt);
  return {
    webview,
    sidebar: webview,
    panel,
    header,
    mainWidth,
    bodyHeight,
    inputHeight,
    promptRows: prompt,
    chatWidth: Math.max(10, webview ? mainWidth - 4 : columns - 2),
    chatRows: Math.max(1, webview ? bodyHeight - 3 : bodyHeight),
  };
}
