// The PRD as Ralph works with it. Plain types only: the workflow imports them.

/** The four quality checks, in the order they run. */
export const qualityCheckNames = ['typecheck', 'lint', 'test', 'build'] as const;
export type QualityCheckName = (typeof qualityCheckNames)[number];

/** Shell commands run in the working directory; a missing or null one is skipped. */
export type QualityChecks = Partial<Record<QualityCheckName, string | null>>;

export interface UserStory {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly acceptance_criteria: readonly string[];
  readonly passes: boolean;
  /** 1 = highest. */
  readonly priority: number;
  /** Read from `depends_on` or its alias `dependencies`. */
  readonly depends_on: readonly string[];
  /** 1–5. */
  readonly complexity: number;
}

export interface Prd {
  readonly project: string;
  readonly feature: string;
  readonly branch_name: string;
  readonly version: string;
  readonly user_stories: readonly UserStory[];
  readonly technical_requirements: readonly string[];
  readonly quality_checks: QualityChecks;
  readonly created_at: string;
  readonly updated_at: string;
}

/** One configured check: its name and the command to run. */
export interface QualityCheck {
  readonly name: QualityCheckName;
  readonly command: string;
}

export function configuredChecks(checks: QualityChecks): QualityCheck[] {
  return qualityCheckNames.flatMap((name) => {
    const command = checks[name];
    return typeof command === 'string' && command.trim() !== '' ? [{ name, command }] : [];
  });
}
