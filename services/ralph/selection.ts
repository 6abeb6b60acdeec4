// Which story runs next. Pure functions without imports: the Ralph workflow uses them.

export interface SelectableStory {
  readonly id: string;
  readonly passes: boolean;
  readonly priority: number;
  readonly complexity: number;
  readonly depends_on: readonly string[];
}

/** Lower priority number first, then lower complexity, then file order (the sort is stable). */
export function byPriority<T extends SelectableStory>(stories: readonly T[]): T[] {
  return [...stories].sort((a, b) => a.priority - b.priority || a.complexity - b.complexity);
}

/** Unpassed stories whose dependencies have all passed. A dependency that is not in the PRD is never satisfied. */
export function readyStories<T extends SelectableStory>(stories: readonly T[]): T[] {
  const passed = new Set(stories.filter((s) => s.passes).map((s) => s.id));
  return stories.filter((s) => !s.passes && s.depends_on.every((dep) => passed.has(dep)));
}

/** The next story to work on: the ready one with the best (priority, complexity), first in file order on ties. */
export function nextStory<T extends SelectableStory>(stories: readonly T[]): T | undefined {
  return byPriority(readyStories(stories))[0];
}

/**
 * Unpassed stories in stages: each stage's stories depend only on passed
 * stories or on earlier stages, so one stage can run at once. Stories that
 * can never be ready (a cycle, a dependency that does not exist) are left out
 * and returned as `blocked`. Within a stage, file order.
 */
export function stages<T extends SelectableStory>(stories: readonly T[]): { stages: T[][]; blocked: T[] } {
  const done = new Set(stories.filter((s) => s.passes).map((s) => s.id));
  let remaining = stories.filter((s) => !s.passes);
  const out: T[][] = [];
  for (;;) {
    const stage = remaining.filter((s) => s.depends_on.every((dep) => done.has(dep)));
    if (stage.length === 0) break;
    out.push(stage);
    for (const s of stage) done.add(s.id);
    remaining = remaining.filter((s) => !stage.includes(s));
  }
  return { stages: out, blocked: remaining };
}
