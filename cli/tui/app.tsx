import { Box, Text, useApp, useWindowSize } from 'ink';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { TuiBackend } from './backend/types.ts';
import { InputBox } from './components/input-box.tsx';
import { LinesView } from './components/line-view.tsx';
import { Panel } from './components/panel.tsx';
import { SessionPanel } from './components/session-panel.tsx';
import { Sidebar } from './components/sidebar.tsx';
import { StatusBar } from './components/status-bar.tsx';
import { TuiController } from './controller.ts';
import { useKeys } from './hooks/use-keys.ts';
import { isEffect, routeKey, type KeyContext } from './keymap.ts';
import { screenLayout } from './layout.ts';
import { initialApp, type AppState } from './state/app.ts';
import { chatLinesCached } from './state/chat-lines.ts';
import { truncate } from './state/lines.ts';
import { promptLines } from './state/prompt-lines.ts';
import { TuiStore } from './store.ts';
import type { ResolvedTheme, Theme } from './theme.ts';
import { HelpView } from './views/help.tsx';
import { InspectorView } from './views/inspector.tsx';
import { ModelPicker, SessionPicker } from './views/pickers.tsx';
import { RalphView } from './views/ralph.tsx';
import { SwarmView } from './views/swarm.tsx';

export interface AppProps {
  readonly backend: TuiBackend;
  readonly theme: Theme;
  /** `-m`: the model for new messages (else the resumed session's, else the default). */
  readonly model?: string;
  /** Resume this session; `false` starts a new one; undefined resumes the workspace's latest. */
  readonly resume?: string | false;
  /** A fixed screen size (tests); otherwise the terminal's, following resizes. */
  readonly size?: { readonly columns: number; readonly rows: number };
  /** Subscribe to theme changes (config hot reload); returns the unsubscribe function. */
  readonly watchTheme?: (listener: (resolved: ResolvedTheme) => void) => () => void;
  readonly pollMs?: number;
  /** Gives tests the store. */
  readonly onStore?: (store: TuiStore) => void;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return active ? now : Date.now();
}

const viewTitles = { chat: 'Chat', models: 'Model', sessions: 'Sessions', swarm: 'Swarm', ralph: 'Ralph', inspector: 'Inspector' } as const;

function Header({ state, width, theme }: { readonly state: AppState; readonly width: number; readonly theme: Theme }) {
  const title = state.chat.title ?? (state.chat.sessionId ? state.chat.sessionId : 'new session');
  return (
    <Box height={1} width={width}>
      <Text wrap="truncate-end">
        <Text color={theme.accent} bold>
          {' '}CodeTether{' '}
        </Text>
        <Text color={theme.muted}>· {viewTitles[state.view]} · </Text>
        <Text color={theme.text}>{truncate(title, Math.max(10, width - 40))}</Text>
      </Text>
    </Box>
  );
}

export function App(props: AppProps) {
  const { backend } = props;
  const store = useMemo(() => {
    const model = props.model ?? backend.defaultModel();
    return new TuiStore(initialApp({ theme: props.theme, modelExplicit: props.model !== undefined, ...(model !== undefined ? { model } : {}) }));
  }, []);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { exit } = useApp();
  const controller = useMemo(
    () =>
      new TuiController({
        backend,
        dispatch: store.dispatch,
        getState: store.getState,
        quit: () => exit(),
        ...(props.resume !== undefined ? { resume: props.resume } : {}),
        ...(props.pollMs !== undefined ? { pollMs: props.pollMs } : {}),
      }),
    [],
  );
  useEffect(() => {
    props.onStore?.(store);
    void controller.start();
    return () => controller.dispose();
  }, [controller]);
  useEffect(
    () =>
      props.watchTheme?.((resolved) => {
        store.dispatch({ type: 'theme', theme: resolved.theme });
        if (resolved.warning) store.dispatch({ type: 'chat/system', text: resolved.warning, tone: 'warning' });
      }),
    [],
  );

  const window = useWindowSize();
  const columns = props.size?.columns ?? window.columns;
  const rows = props.size?.rows ?? window.rows;
  const now = useNow(state.chat.turnStartedAt !== undefined);
  const { theme } = state;
  const prompt = promptLines(state, columns - 2);
  const layout = screenLayout(state, columns, rows, prompt.length);
  const lines = chatLinesCached(state.chat.entries, layout.chatWidth, state.expandTools);
  const keyContext = useRef<KeyContext>({ maxScroll: 0, page: 10 });
  keyContext.current = { maxScroll: Math.max(0, lines.length - layout.chatRows), page: Math.max(1, layout.chatRows - 2) };
  useKeys((key) => {
    for (const intent of routeKey(store.getState(), key, keyContext.current)) {
      if (isEffect(intent)) void controller.run(intent);
      else store.dispatch(intent);
    }
  });

  const scroll = Math.min(state.scroll, keyContext.current.maxScroll);
  const main = (() => {
    const width = layout.mainWidth;
    const height = layout.bodyHeight;
    switch (state.view) {
      case 'models':
        return <ModelPicker state={state} width={width} height={height} theme={theme} now={now} />;
      case 'sessions':
        return <SessionPicker state={state} width={width} height={height} theme={theme} now={now} />;
      case 'inspector':
        return <InspectorView state={state} width={width} height={height} theme={theme} now={now} />;
      case 'swarm':
        return <SwarmView state={state} width={width} height={height} theme={theme} unavailable={backend.swarm.available ? undefined : backend.swarm.unavailableReason} />;
      case 'ralph':
        return <RalphView state={state} width={width} height={height} theme={theme} />;
      case 'chat': {
        const more = scroll > 0 ? `  ↑ ${scroll} more below (Esc: newest)` : '';
        if (layout.webview) {
          return (
            <Panel title={`Chat${state.chat.title ? ` — ${state.chat.title}` : ''}${more}`} theme={theme} width={width} height={height}>
              <LinesView lines={lines} height={layout.chatRows} scroll={scroll} theme={theme} />
            </Panel>
          );
        }
        return (
          <Box flexDirection="column" width={width} height={height} paddingX={1}>
            <LinesView lines={lines} height={layout.chatRows} scroll={scroll} theme={theme} />
          </Box>
        );
      }
      default: {
        const never: never = state.view;
        return never;
      }
    }
  })();

  return (
    <Box flexDirection="column" width={columns} height={rows} {...(theme.background ? { backgroundColor: theme.background } : {})}>
      {layout.header > 0 ? <Header state={state} width={columns} theme={theme} /> : null}
      <Box flexDirection="row" height={layout.bodyHeight}>
        {state.help ? (
          <HelpView width={columns} height={layout.bodyHeight} theme={theme} />
        ) : (
          <>
            {layout.sidebar ? <Sidebar state={state} height={layout.bodyHeight} theme={theme} /> : null}
            {main}
            {layout.panel ? <SessionPanel state={state} height={layout.bodyHeight} theme={theme} now={now} /> : null}
          </>
        )}
      </Box>
      {layout.promptRows > 0 ? (
        <Box flexDirection="column" paddingX={1} height={layout.promptRows}>
          <LinesView lines={prompt} height={layout.promptRows} scroll={0} theme={theme} />
        </Box>
      ) : null}
      {layout.inputHeight > 0 ? (
        <InputBox
          input={state.input}
          width={columns}
          theme={theme}
          placeholder={state.chat.pendingQuestion ? 'Type your answer…' : state.chat.status === 'working' ? 'Working… type to queue the next message' : 'Ask anything, or / for commands'}
        />
      ) : null}
      <StatusBar state={state} width={columns} theme={theme} now={now} />
    </Box>
  );
}
