import { appReducer, type AppAction, type AppState } from './state/app.ts';

/**
 * The app state outside React: key handlers and the controller always read
 * the current state (several keys can arrive before React renders), and the
 * component subscribes to it.
 */
export class TuiStore {
  private state: AppState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: AppState) {
    this.state = initial;
  }

  readonly getState = (): AppState => this.state;

  readonly dispatch = (action: AppAction): void => {
    const next = appReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
