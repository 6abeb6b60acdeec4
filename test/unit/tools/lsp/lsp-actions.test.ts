import { afterAll, describe, expect, it } from '@jest/globals';
import { cleanTempDirs } from '../../../helpers/tmp.ts';
import { errorOf, makeWorkspace } from '../files/workspace.ts';
import { sampleSource, setupFakeServer } from './fake-server.ts';

const fake = setupFakeServer();
const ws = makeWorkspace({
  'src/greeter.ts': sampleSource,
  'src/use.ts': 'import { x } from "./greeter.ts";\nconst loud = shout("use");\n',
});

afterAll(async () => {
  await fake.pool.shutdownAll();
  cleanTempDirs();
});

describe('lsp actions against the fake server', () => {
  it('goToDefinition converts 1-based line/column in and out and shows the source line', async () => {
    // `shout` on line 16 starts at column 18; its declaration is line 12, column 10.
    const result = await ws.run(fake.tool, { action: 'goToDefinition', file_path: 'src/greeter.ts', line: 16, column: 18 });
    expect(result.success).toBe(true);
    expect(result.output).toBe('src/greeter.ts:12:10: function shout(text: string): string {');
    expect(result.metadata).toEqual({ action: 'goToDefinition', server: process.execPath, results: 1 });
  });

  it('finds the same definition from the last character of the identifier', async () => {
    const result = await ws.run(fake.tool, { action: 'goToDefinition', file_path: 'src/greeter.ts', line: 16, column: 22 });
    expect(result.output).toBe('src/greeter.ts:12:10: function shout(text: string): string {');
  });

  it('shows locations outside the workspace with their absolute path and no snippet', async () => {
    // `toUpperCase` is declared nowhere in the workspace: the fake points into a "stdlib".
    const result = await ws.run(fake.tool, { action: 'goToDefinition', file_path: 'src/greeter.ts', line: 13, column: 15 });
    expect(result.output).toBe('/opt/fake-stdlib/lib.d.ts:41:3');
  });

  it('says so when there is nothing at the position', async () => {
    const result = await ws.run(fake.tool, { action: 'goToDefinition', file_path: 'src/greeter.ts', line: 4, column: 1 });
    expect(result.success).toBe(true);
    expect(result.output).toBe('No definition found at src/greeter.ts:4:1.');
    expect(result.metadata).toMatchObject({ results: 0 });
  });

  it('findReferences lists every use, declaration included by default', async () => {
    await ws.run(fake.tool, { action: 'documentSymbol', file_path: 'src/use.ts' }); // the fake only searches open files
    const result = await ws.run(fake.tool, { action: 'findReferences', file_path: 'src/greeter.ts', line: 12, column: 10 });
    expect(result.output.split('\n')).toEqual([
      'src/greeter.ts:8:12: return shout(name);',
      'src/greeter.ts:12:10: function shout(text: string): string {',
      'src/greeter.ts:16:18: const greeting = shout("hi");',
      'src/greeter.ts:17:23: console.log(greeting, shout("again"));',
      'src/use.ts:2:14: const loud = shout("use");',
    ]);
    expect(result.metadata).toMatchObject({ results: 5 });
  });

  it('findReferences leaves the declaration out with include_declaration false', async () => {
    const result = await ws.run(fake.tool, {
      action: 'findReferences',
      file_path: 'src/greeter.ts',
      line: 8,
      column: 12,
      include_declaration: false,
    });
    expect(result.output).not.toContain('greeter.ts:12:10');
    expect(result.metadata).toMatchObject({ results: 4 });
  });

  it('hover returns the markdown the server sent', async () => {
    const result = await ws.run(fake.tool, { action: 'hover', file_path: 'src/greeter.ts', line: 17, column: 13 });
    expect(result.output).toBe('```ts\nconst greeting = shout("hi");\n```\n`greeting` is declared on line 16');
  });

  it('goToImplementation follows LocationLinks to the selection range', async () => {
    const result = await ws.run(fake.tool, { action: 'goToImplementation', file_path: 'src/greeter.ts', line: 1, column: 18 });
    expect(result.output).toBe('src/greeter.ts:5:14: export class LoudGreeter implements Greeter {');
  });

  it('documentSymbol prints an indented outline and needs no line or column', async () => {
    const result = await ws.run(fake.tool, { action: 'documentSymbol', file_path: 'src/greeter.ts' });
    expect(result.success).toBe(true);
    expect(result.output).toBe(
      [
        'Interface Greeter (1)',
        '  Method greet (2)',
        'Class LoudGreeter (5)',
        '  Property volume (6)',
        '  Method greet (7)',
        'Function shout (12)',
        'Constant greeting (16)',
      ].join('\n'),
    );
    expect(result.metadata).toMatchObject({ results: 7 });
  });

  it('workspaceSymbol searches by query across the open documents', async () => {
    const result = await ws.run(fake.tool, { action: 'workspaceSymbol', file_path: 'src/use.ts', query: 'greet' });
    expect(result.output.split('\n')).toEqual([
      'Interface Greeter — src/greeter.ts:1:1',
      'Method greet in Greeter — src/greeter.ts:2:1',
      'Class LoudGreeter — src/greeter.ts:5:1',
      'Method greet in LoudGreeter — src/greeter.ts:7:1',
      'Constant greeting — src/greeter.ts:16:1',
    ]);
  });

  it('workspaceSymbol reports no match', async () => {
    const result = await ws.run(fake.tool, { action: 'workspaceSymbol', file_path: 'src/use.ts', query: 'nothing-like-it' });
    expect(result.output).toBe('No workspace symbols match "nothing-like-it".');
  });

  it('completion lists labels with kind and detail', async () => {
    ws.write({ 'src/complete.ts': 'function shoutLoud() {}\nconst shoulder = 1;\nsho\n' });
    const result = await ws.run(fake.tool, { action: 'completion', file_path: 'src/complete.ts', line: 3, column: 4 });
    expect(result.output.split('\n')).toEqual([
      '3 completions at src/complete.ts:3:4 (showing 3):',
      'shoulder (Constant) — const shoulder = 1;',
      'shout (Function) — function shout(text: string): string {',
      'shoutLoud (Function) — function shoutLoud() {}',
    ]);
  });

  it('completion shows only the first 50, in sortText order', async () => {
    ws.write({ 'src/items.ts': 'item\n' });
    const result = await ws.run(fake.tool, { action: 'completion', file_path: 'src/items.ts', line: 1, column: 5 });
    const lines = result.output.split('\n');
    expect(lines[0]).toBe('60 completions at src/items.ts:1:5 (showing 50):');
    expect(lines[1]).toBe('item1 (Text)');
    expect(lines[50]).toBe('item50 (Text)');
    expect(lines[51]).toBe('… 10 more not shown');
    expect(lines).toHaveLength(52);
  });

  it('sends the current file content on every call (didChange)', async () => {
    ws.write({ 'src/changing.ts': 'const target = 1;\ntarget;\n' });
    const first = await ws.run(fake.tool, { action: 'goToDefinition', file_path: 'src/changing.ts', line: 2, column: 1 });
    expect(first.output).toBe('src/changing.ts:1:7: const target = 1;');

    ws.write({ 'src/changing.ts': '// moved\n\nlet target = 2;\ntarget;\n' });
    const second = await ws.run(fake.tool, { action: 'goToDefinition', file_path: 'src/changing.ts', line: 4, column: 1 });
    expect(second.output).toBe('src/changing.ts:3:5: let target = 2;');

    await ws.run(fake.tool, { action: 'goToDefinition', file_path: 'src/changing.ts', line: 4, column: 1 });
    const sync = fake.log().filter((line) => line.includes('changing.ts'));
    expect(sync).toEqual(['didOpen changing.ts v1 typescript', 'didChange changing.ts v2']);
  });

  it('refuses a file outside the workspace', async () => {
    const error = errorOf(await ws.run(fake.tool, { action: 'documentSymbol', file_path: '../outside/x.ts' }));
    expect(error.code).toBe('PERMISSION_DENIED');
  });

  it('gives NOT_FOUND for a missing file', async () => {
    const error = errorOf(await ws.run(fake.tool, { action: 'documentSymbol', file_path: 'src/missing.ts' }));
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('lsp answer shapes', () => {
  const flat = setupFakeServer({ flags: ['--flat-symbols', '--no-hover'] });
  afterAll(() => flat.pool.shutdownAll());

  it('nests flat SymbolInformation answers by range', async () => {
    const result = await ws.run(flat.tool, { action: 'documentSymbol', file_path: 'src/greeter.ts' });
    expect(result.output).toBe(
      [
        'Interface Greeter (1)',
        '  Method greet (2)',
        'Class LoudGreeter (5)',
        '  Property volume (6)',
        '  Method greet (7)',
        'Function shout (12)',
        'Constant greeting (16)',
      ].join('\n'),
    );
  });

  it('fails clearly when the server lacks the capability', async () => {
    const error = errorOf(await ws.run(flat.tool, { action: 'hover', file_path: 'src/greeter.ts', line: 1, column: 1 }));
    expect(error.code).toBe('EXECUTION_FAILED');
    expect(error.message).toContain('does not support hover');
  });
});
