import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import { classifyContent, decodeText, parseContentType } from './content-type.ts';
import { htmlToMarkdown } from './html-to-markdown.ts';
import { markdownToText } from './markdown-to-text.ts';
import { readCappedBody } from './read-body.ts';
import { requestSignal } from './request-signal.ts';
import { parseHttpUrl } from './url-policy.ts';
import { userAgent } from './user-agent.ts';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_SECONDS = 30;
const MAX_TIMEOUT_SECONDS = 120;

const parameters = z.object({
  url: z.string().describe('The http:// or https:// URL to fetch.'),
  format: z
    .enum(['markdown', 'text', 'html'])
    .default('markdown')
    .describe('How to return HTML pages: markdown (default), plain text, or the raw html. Other text types are returned as they are.'),
  timeout: z
    .number()
    .positive()
    .max(MAX_TIMEOUT_SECONDS)
    .default(DEFAULT_TIMEOUT_SECONDS)
    .describe(`Seconds to wait for the whole response (default ${DEFAULT_TIMEOUT_SECONDS}, max ${MAX_TIMEOUT_SECONDS}).`),
});

const description = [
  'Fetch a web page or text resource over http(s) and return its content.',
  'HTML is converted to markdown by default (scripts, styles and navigation removed); use format "text" for plain text or "html" for the raw page.',
  'Only the first 5 MB are read. Binary content (PDFs, archives, media) is refused; use the image tool for images.',
].join(' ');

const ACCEPT: Record<'markdown' | 'text' | 'html', string> = {
  markdown: 'text/markdown;q=1.0, text/html;q=0.9, text/plain;q=0.8, */*;q=0.1',
  text: 'text/plain;q=1.0, text/markdown;q=0.9, text/html;q=0.8, */*;q=0.1',
  html: 'text/html;q=1.0, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.1',
};

export const webfetchTool = defineTool({
  id: 'webfetch',
  description,
  parameters,
  async execute(params, ctx) {
    const url = parseHttpUrl(params.url);
    const request = requestSignal(ctx.signal, params.timeout);
    const what = `Fetching ${url.href}`;
    try {
      const response = await fetch(url, {
        signal: request.signal,
        redirect: 'follow',
        headers: { 'User-Agent': userAgent(), Accept: ACCEPT[params.format] },
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        const reason = response.statusText === '' ? '' : ` ${response.statusText}`;
        throw new ToolError('EXECUTION_FAILED', `HTTP ${response.status}${reason} for ${url.href}`, {
          status: response.status,
        });
      }
      const type = parseContentType(response.headers.get('content-type'));
      const body = await readCappedBody(response, MAX_BODY_BYTES);
      const kind = classifyContent(type, body.bytes);
      if (kind === 'binary') {
        throw new ToolError(
          'EXECUTION_FAILED',
          `${url.href} is binary content (${type.mime === '' ? 'no content type' : type.mime}); webfetch only returns text.` +
            (type.mime.startsWith('image/') ? ' Use the image tool for images.' : ''),
          { content_type: type.mime },
        );
      }
      const raw = decodeText(body.bytes, type.charset);
      let content = raw;
      if (kind === 'html' && params.format !== 'html') {
        const markdown = htmlToMarkdown(raw);
        content = params.format === 'text' ? markdownToText(markdown) : markdown;
      }
      const note = body.truncated ? `\n\n[truncated: only the first ${MAX_BODY_BYTES} bytes were read]` : '';
      return ok(content + note, {
        url: url.href,
        final_url: response.url,
        status: response.status,
        content_type: type.mime,
        format: kind === 'html' ? params.format : 'as-is',
        bytes: body.bytes.length,
        truncated: body.truncated,
      });
    } catch (err) {
      throw request.classify(err, what);
    }
  },
});
