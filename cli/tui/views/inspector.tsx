import { Text } from 'ink';
import { Panel } from '../components/panel.tsx';
import { filteredWorkflows, type AppState } from '../state/app.ts';
import type { Theme } from '../theme.ts';
import { ListView } from './list-view.tsx';
import { workflowRow } from './pickers.tsx';

/** Running and recent workflows of every kind; Enter attaches (chat, Ralph, swarm) or shows the workflow. */
export function InspectorView({ state, width, height, theme, now }: { readonly state: AppState; readonly width: number; readonly height: number; readonly theme: Theme; readonly now: number }) {
  if (state.inspector.detail !== undefined) {
    return (
      <Panel title="Workflow" theme={theme} width={width} height={height} focused>
        {state.inspector.detail
          .split('\n')
          .slice(0, Math.max(1, height - 4))
          .map((line, i) => (
            <Text key={i} color={i === 0 ? theme.accent : theme.text} wrap="truncate-end">
              {line}
            </Text>
          ))}
        <Text color={theme.muted}>Esc back</Text>
      </Panel>
    );
  }
  return (
    <ListView
      title="Workflow inspector"
      list={state.inspector}
      items={filteredWorkflows(state)}
      row={(w, room) => workflowRow(w, room, now)}
      empty="No workflows."
      hint="type to filter · ↑↓ move · Enter attach · Ctrl+R refresh · Esc back"
      width={width}
      height={height}
      theme={theme}
    />
  );
}
