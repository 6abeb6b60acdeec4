import { LinesView } from '../components/line-view.tsx';
import { Panel } from '../components/panel.tsx';
import { helpLines } from '../state/help-lines.ts';
import type { Theme } from '../theme.ts';

export function HelpView({ width, height, theme }: { readonly width: number; readonly height: number; readonly theme: Theme }) {
  const lines = helpLines(width - 4);
  return (
    <Panel title="Help" theme={theme} width={width} height={height} focused>
      <LinesView lines={lines.slice(0, height - 3)} height={height - 3} scroll={0} theme={theme} />
    </Panel>
  );
}
