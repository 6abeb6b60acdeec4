import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { packageVersion } from '../../../../services/config/package-root.ts';
import { toolSpec } from '../../../../services/tools/tool.ts';
import { markdownToText } from '../../../../services/tools/web/markdown-to-text.ts';
import { webfetchTool } from '../../../../services/tools/web/webfetch-tool.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';
import { errorBody, testToolContext } from '../exec/tool-context.ts';
import { startLocalServer } from './local-server.ts';
import type { LocalServer } from './local-server.ts';

const PAGE = `<!doctype html><html><head><title>Docs</title><style>body{color:red}</style>
<script>window.secret = 1</script></head><body>
<nav><a href="/home">Home</a> | <a href="/about">About</a></nav>
<noscript>Enable JavaScript</noscript>
<h1>Getting started</h1>
<p>Install with <code>npm i snake_case_pkg</code>, then read <a href="https://example.com/guide">the guide</a>.</p>
<p>Some <strong>bold</strong> and <em>emphasis</em>; 2 * 3 = 6.</p>
<ul><li>first</li><li>second</li></ul>
<pre><code>const a_b = 1;</code></pre>
</body></html>`;

let server: LocalServer;
let lastUserAgent: string | undefined;
const ctx = testToolContext(tempDir('ct-webfetch-'));

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    lastUserAgent = req.headers['user-agent'];
    switch (req.url) {
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
        return;
      case '/plain':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('# not converted\n<b>as is</b>\n');
        return;
      case '/latin1':
        res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
        return;
      case '/json':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        return;
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>');
        return;
      case '/pdf':
        res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from('%PDF-1.7\n\0\0binary'));
        return;
      case '/untyped-binary':
        res.writeHead(200).end(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
        return;
      case '/redirect':
        res.writeHead(302, { location: '/plain' }).end();
        return;
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(Buffer.alloc(6 * 1024 * 1024, 'a'));
        return;
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
        return; // never finishes
      default:
        res.writeHead(500).end();
    }
  });
});

afterAll(async () => {
  await server.close();
  cleanTempDirs();
});

describe('webfetch tool', () => {
  it('converts HTML to markdown without scripts, styles, navigation or noscript', async () => {
    const result = await webfetchTool.execute({ url: `${server.url}/page` }, ctx);
    expect(result.success).toBe(true);
    expect(result.output).toBe(
      [
        '# Getting started',
        '',
        'Install with `npm i snake_case_pkg`, then read [the guide](https://example.com/guide).',
        '',
        'Some **bold** and *emphasis*; 2 \\* 3 = 6.',
        '',
        '-   first',
        '-   second',
        '',
        '```',
        'const a_b = 1;',
        '```',
      ].join('\n'),
    );
    expect(result.metadata).toMatchObject({ status: 200, content_type: 'text/html', format: 'markdown', truncated: false });
    expect(lastUserAgent).toBe(`CodeTether-Agent/${packageVersion()}`);
  });

  it('returns plain text or the raw html on request', async () => {
    const text = await webfetchTool.execute({ url: `${server.url}/page`, format: 'text' }, ctx);
    expect(text.output).toBe(
      [
        'Getting started',
        '',
        'Install with npm i snake_case_pkg, then read the guide.',
        '',
        'Some bold and emphasis; 2 * 3 = 6.',
        '',
        'first',
        'second',
        '',
        'const a_b = 1;',
      ].join('\n'),
    );
    const html = await webfetchTool.execute({ url: `${server.url}/page`, format: 'html' }, ctx);
    expect(html.output).toBe(PAGE);
  });

  it('returns non-HTML text as it is, decoded with its charset', async () => {
    const plain = await webfetchTool.execute({ url: `${server.url}/plain`, format: 'text' }, ctx);
    expect(plain.output).toBe('# not converted\n<b>as is</b>\n');
    expect(plain.metadata.format).toBe('as-is');
    const latin1 = await webfetchTool.execute({ url: `${server.url}/latin1` }, ctx);
    expect(latin1.output).toBe('café');
    const json = await webfetchTool.execute({ url: `${server.url}/json` }, ctx);
    expect(json.output).toBe('{"ok":true}');
  });

  it('follows redirects', async () => {
    const result = await webfetchTool.execute({ url: `${server.url}/redirect` }, ctx);
    expect(result.output).toBe('# not converted\n<b>as is</b>\n');
    expect(result.metadata.final_url).toBe(`${server.url}/plain`);
  });

  it('fails with the HTTP status for non-2xx responses', async () => {
    const result = await webfetchTool.execute({ url: `${server.url}/missing` }, ctx);
    expect(result.success).toBe(false);
    expect(errorBody(result.output)).toMatchObject({ code: 'EXECUTION_FAILED', status: 404 });
    expect(errorBody(result.output).message).toMatch(/^HTTP 404/);
  });

  it('refuses binary content', async () => {
    const pdf = await webfetchTool.execute({ url: `${server.url}/pdf` }, ctx);
    expect(errorBody(pdf.output)).toMatchObject({ code: 'EXECUTION_FAILED', content_type: 'application/pdf' });
    expect(errorBody(pdf.output).message).toContain('binary content (application/pdf)');
    const untyped = await webfetchTool.execute({ url: `${server.url}/untyped-binary` }, ctx);
    expect(errorBody(untyped.output).message).toContain('binary content (no content type)');
  });

  it('refuses schemes other than http and https, and malformed URLs', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/x', 'javascript:alert(1)', 'not a url']) {
      const result = await webfetchTool.execute({ url }, ctx);
      expect(errorBody(result.output).code).toBe('INVALID_ARGUMENT');
    }
  });

  it('reads at most 5 MB of a body', async () => {
    const result = await webfetchTool.execute({ url: `${server.url}/big` }, ctx);
    expect(result.success).toBe(true);
    expect(result.metadata).toMatchObject({ truncated: true, bytes: 5 * 1024 * 1024 });
    expect(result.output.endsWith('[truncated: only the first 5242880 bytes were read]')).toBe(true);
  });

  it('times out a response that never completes', async () => {
    const started = Date.now();
    const result = await webfetchTool.execute({ url: `${server.url}/slow`, timeout: 0.5 }, ctx);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(errorBody(result.output)).toMatchObject({
      code: 'TIMEOUT',
      message: `Fetching ${server.url}/slow timed out after 0.5 seconds`,
    });
  });

  it('reports connection failures', async () => {
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    const result = await webfetchTool.execute({ url: `${closed.url}/` }, ctx);
    expect(errorBody(result.output).code).toBe('EXECUTION_FAILED');
    expect(errorBody(result.output).message).toContain('ECONNREFUSED');
  });

  it('rethrows when the call is aborted', async () => {
    const controller = new AbortController();
    const running = webfetchTool.execute(
      { url: `${server.url}/slow` },
      testToolContext(tempDir('ct-webfetch-'), { signal: controller.signal }),
    );
    setTimeout(() => controller.abort(new Error('cancelled by workflow')), 100);
    await expect(running).rejects.toThrow('cancelled by workflow');
  });

  it('exposes a stable model-visible schema', () => {
    expect(toolSpec(webfetchTool)).toMatchSnapshot();
  });
});

describe('markdownToText', () => {
  it('drops markup but keeps words, code and escaped characters', () => {
    expect(markdownToText('## Title\n\n> quoted **bold** _it_\n\n1.  one\n\n---\n\n![logo](x.png) \\[not a link\\]')).toBe(
      'Title\n\nquoted bold it\n\n1. one\n\nlogo [not a link]',
    );
  });

  it('leaves code untouched', () => {
    expect(markdownToText('use `a*b*c` or \\`x\\`\n\n```\nx = a_b_c * 2 \\* 3 # [k](v)\n```')).toBe(
      'use a*b*c or `x`\n\nx = a_b_c * 2 \\* 3 # [k](v)',
    );
  });
});
