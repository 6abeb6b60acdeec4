import { z } from 'zod';
import { defineTool, ok, ToolError } from '../tool.ts';
import { identifyImage } from './image-format.ts';
import { loadImageBytes } from './image-source.ts';

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const parameters = z.object({
  path: z.string().min(1).describe('A workspace file (relative or absolute path) or an http(s) URL of the image.'),
  detail: z
    .enum(['low', 'high', 'auto'])
    .default('auto')
    .describe('How closely to look: "low" is cheaper, "high" keeps fine detail, "auto" lets the model decide.'),
});

const description = [
  'Load an image (PNG, JPEG, GIF or WebP, at most 10 MB) from the workspace or an http(s) URL so you can look at it:',
  'screenshots, diagrams, UI mock-ups, rendered output.',
].join(' ');

export const imageTool = defineTool({
  id: 'image',
  description,
  parameters,
  async execute(params, ctx) {
    const image = await loadImageBytes(ctx, params.path, MAX_IMAGE_BYTES);
    const info = identifyImage(image.bytes);
    if (info === undefined) {
      const declared = image.declaredType !== undefined ? ` (served as ${image.declaredType})` : '';
      throw new ToolError(
        'INVALID_ARGUMENT',
        `${image.source}${declared} is not a supported image: only PNG, JPEG, GIF and WebP can be loaded.`,
      );
    }
    const dataUrl = `data:${info.mime};base64,${image.bytes.toString('base64')}`;
    return ok(dataUrl, {
      mime: info.mime,
      size: image.bytes.length,
      source: image.source,
      detail: params.detail,
      ...(info.width !== undefined && info.height !== undefined ? { width: info.width, height: info.height } : {}),
    });
  },
});
