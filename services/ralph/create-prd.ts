import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Prd, QualityChecks } from './prd-types.ts';

export type ProjectKind = 'npm' | 'cargo' | 'go' | 'pytest';

export interface DetectedChecks {
  readonly kind: ProjectKind | undefined;
  readonly checks: QualityChecks;
}

const npmPlaceholderTest = /no test specified/;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function npmRunner(dir: string): (script: string) => string {
  if (existsSync(join(dir, 'pnpm-lock.yaml'))) return (s) => `pnpm run ${s}`;
  if (existsSync(join(dir, 'yarn.lock'))) return (s) => `yarn ${s}`;
  if (existsSync(join(dir, 'bun.lockb')) || existsSync(join(dir, 'bun.lock'))) return (s) => `bun run ${s}`;
  return (s) => (s === 'test' ? 'npm test' : `npm run ${s}`);
}

function npmChecks(dir: string, text: string): QualityChecks {
  let scripts: Record<string, unknown> = {};
  try {
    const pkg = JSON.parse(text) as { scripts?: unknown };
    if (typeof pkg.scripts === 'object' && pkg.scripts !== null) scripts = pkg.scripts as Record<string, unknown>;
  } catch {
    // An unreadable package.json gives no scripts; the template still names the project kind.
  }
  const run = npmRunner(dir);
  const has = (name: string) => typeof scripts[name] === 'string' && !(name === 'test' && npmPlaceholderTest.test(scripts[name] as string));
  const typecheck = has('typecheck') ? run('typecheck') : existsSync(join(dir, 'tsconfig.json')) ? 'npx tsc --noEmit' : null;
  return {
    typecheck,
    lint: has('lint') ? run('lint') : null,
    test: has('test') ? run('test') : null,
    build: has('build') ? run('build') : null,
  };
}

function pythonChecks(dir: string): QualityChecks | undefined {
  const pyproject = readText(join(dir, 'pyproject.toml')) ?? '';
  const setupCfg = readText(join(dir, 'setup.cfg')) ?? '';
  const requirements = `${readText(join(dir, 'requirements.txt')) ?? ''}\n${readText(join(dir, 'requirements-dev.txt')) ?? ''}`;
  const usesPytest =
    existsSync(join(dir, 'pytest.ini')) ||
    existsSync(join(dir, 'conftest.py')) ||
    existsSync(join(dir, 'tests', 'conftest.py')) ||
    /\[tool\.pytest/.test(pyproject) ||
    /\[tool:pytest\]/.test(setupCfg) ||
    /^\s*pytest\b/m.test(requirements) ||
    /["']pytest[\s"'<>=~!]/.test(pyproject);
  if (!usesPytest) return undefined;
  const ruff = /\[tool\.ruff/.test(pyproject) || existsSync(join(dir, 'ruff.toml')) || existsSync(join(dir, '.ruff.toml'));
  const mypy = /\[tool\.mypy/.test(pyproject) || existsSync(join(dir, 'mypy.ini'));
  return { typecheck: mypy ? 'mypy .' : null, lint: ruff ? 'ruff check .' : null, test: 'pytest', build: null };
}

/** The quality checks that fit the project in `dir`: npm scripts, Cargo, Go or pytest; none when nothing is recognised. */
export function detectQualityChecks(dir: string): DetectedChecks {
  const pkg = readText(join(dir, 'package.json'));
  if (pkg !== undefined) return { kind: 'npm', checks: npmChecks(dir, pkg) };
  if (existsSync(join(dir, 'Cargo.toml'))) {
    return { kind: 'cargo', checks: { typecheck: 'cargo check', lint: 'cargo clippy', test: 'cargo test', build: 'cargo build' } };
  }
  if (existsSync(join(dir, 'go.mod'))) {
    return { kind: 'go', checks: { typecheck: 'go vet ./...', lint: null, test: 'go test ./...', build: 'go build ./...' } };
  }
  const python = pythonChecks(dir);
  if (python !== undefined) return { kind: 'pytest', checks: python };
  return { kind: undefined, checks: { typecheck: null, lint: null, test: null, build: null } };
}

export function featureBranch(feature: string): string {
  const slug = feature
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `feature/${slug || 'new-feature'}`;
}

/** A starting PRD: one placeholder story and the checks of the project found in `dir`. */
export function prdTemplate(options: { project?: string; feature?: string; dir: string; now?: Date }): { prd: Prd; kind: ProjectKind | undefined } {
  const project = options.project?.trim() || 'my-project';
  const feature = options.feature?.trim() || 'new-feature';
  const now = (options.now ?? new Date()).toISOString();
  const { kind, checks } = detectQualityChecks(options.dir);
  return {
    kind,
    prd: {
      project,
      feature,
      branch_name: featureBranch(feature),
      version: '1.0',
      user_stories: [
        {
          id: 'US-001',
          title: 'First user story',
          description: `As a user, I want the first part of ${feature}, so that …`,
          acceptance_criteria: ['Describe what must be true when this story is done', 'All quality checks pass'],
          passes: false,
          priority: 1,
          depends_on: [],
          complexity: 3,
        },
      ],
      technical_requirements: [],
      quality_checks: checks,
      created_at: now,
      updated_at: now,
    },
  };
}
