import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectQualityChecks, featureBranch, prdTemplate } from '../../../services/ralph/create-prd.ts';
import { validatePrd } from '../../../services/ralph/prd-validate.ts';
import { cleanTempDirs, tempDir } from '../../helpers/tmp.ts';

afterAll(() => cleanTempDirs());

function project(files: Record<string, string>): string {
  const dir = tempDir('ct-detect-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('quality checks for the project found', () => {
  it('uses the package.json scripts that exist, with the package manager in use', () => {
    const scripts = { test: 'jest', lint: 'eslint .', build: 'tsc', typecheck: 'tsc --noEmit' };
    expect(detectQualityChecks(project({ 'package.json': JSON.stringify({ scripts }) }))).toEqual({
      kind: 'npm',
      checks: { typecheck: 'npm run typecheck', lint: 'npm run lint', test: 'npm test', build: 'npm run build' },
    });
    expect(detectQualityChecks(project({ 'package.json': JSON.stringify({ scripts }), 'pnpm-lock.yaml': '' })).checks.test).toBe('pnpm run test');
    expect(detectQualityChecks(project({ 'package.json': JSON.stringify({ scripts: { test: 'vitest' } }), 'yarn.lock': '' })).checks.test).toBe('yarn test');
  });

  it('skips npm\'s placeholder test script and falls back to tsc for TypeScript', () => {
    const dir = project({
      'package.json': JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }),
      'tsconfig.json': '{}',
    });
    expect(detectQualityChecks(dir).checks).toEqual({ typecheck: 'npx tsc --noEmit', lint: null, test: null, build: null });
  });

  it('knows Cargo, Go and pytest projects, and says when it knows none', () => {
    expect(detectQualityChecks(project({ 'Cargo.toml': '[package]' }))).toEqual({
      kind: 'cargo',
      checks: { typecheck: 'cargo check', lint: 'cargo clippy', test: 'cargo test', build: 'cargo build' },
    });
    expect(detectQualityChecks(project({ 'go.mod': 'module x' })).checks).toEqual({ typecheck: 'go vet ./...', lint: null, test: 'go test ./...', build: 'go build ./...' });
    expect(detectQualityChecks(project({ 'pyproject.toml': '[tool.pytest.ini_options]\n[tool.ruff]\n' })).checks).toEqual({
      typecheck: null,
      lint: 'ruff check .',
      test: 'pytest',
      build: null,
    });
    expect(detectQualityChecks(project({ 'tests/conftest.py': '' })).kind).toBe('pytest');
    expect(detectQualityChecks(project({ 'README.md': 'hi' }))).toEqual({ kind: undefined, checks: { typecheck: null, lint: null, test: null, build: null } });
  });
});

describe('PRD template', () => {
  it('is a valid PRD with the original defaults', () => {
    const { prd } = prdTemplate({ dir: project({ 'go.mod': 'module x' }), now: new Date('2030-01-01T00:00:00Z') });
    expect(prd).toMatchObject({ project: 'my-project', feature: 'new-feature', branch_name: 'feature/new-feature', created_at: '2030-01-01T00:00:00.000Z' });
    expect(prd.user_stories).toEqual([expect.objectContaining({ id: 'US-001', title: 'First user story', priority: 1, complexity: 3, passes: false })]);
    expect(validatePrd(JSON.parse(JSON.stringify(prd))).errors).toEqual([]);
    expect(featureBranch('  Dark Mode / v2 ')).toBe('feature/dark-mode-v2');
  });
});
