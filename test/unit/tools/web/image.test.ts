import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { identifyImage } from '../../../../services/tools/media/image-format.ts';
import { imageTool } from '../../../../services/tools/media/image-tool.ts';
import { toolSpec } from '../../../../services/tools/tool.ts';
import { cleanTempDirs, tempDir } from '../../../helpers/tmp.ts';
import { errorBody, testToolContext } from '../exec/tool-context.ts';
import { startLocalServer } from './local-server.ts';
import type { LocalServer } from './local-server.ts';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A valid RGB PNG of the given size, all black. */
function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG header: SOI, a JFIF APP0 segment, a comment, then a baseline start-of-frame. */
function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x07]), Buffer.from('hello')]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, comment, sof, Buffer.from([0xff, 0xd9])]);
}

function gif(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(13);
  bytes.write('GIF89a', 0, 'latin1');
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  return bytes;
}

function webpVp8x(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(30);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(22, 4);
  bytes.write('WEBPVP8X', 8, 'latin1');
  bytes.writeUInt32LE(10, 16);
  bytes.writeUIntLE(width - 1, 24, 3);
  bytes.writeUIntLE(height - 1, 27, 3);
  return bytes;
}

let root: string;
let server: LocalServer;
const smallPng = png(3, 2);

beforeAll(async () => {
  root = tempDir('ct-image-');
  mkdirSync(join(root, 'img'));
  writeFileSync(join(root, 'img', 'shot.png'), smallPng);
  writeFileSync(join(root, 'img', 'photo.jpg'), jpeg(640, 480));
  writeFileSync(join(root, 'notes.txt'), 'just text');
  const huge = join(root, 'huge.png');
  writeFileSync(huge, smallPng);
  truncateSync(huge, 10 * 1024 * 1024 + 1);
  server = await startLocalServer((req, res) => {
    if (req.url === '/pic.png') res.writeHead(200, { 'content-type': 'image/png' }).end(smallPng);
    else if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>');
    else res.writeHead(404).end();
  });
});

afterAll(async () => {
  await server.close();
  cleanTempDirs();
});

describe('image tool', () => {
  it('returns a PNG from the workspace as a data URL with its dimensions', async () => {
    const result = await imageTool.execute({ path: 'img/shot.png' }, testToolContext(root));
    expect(result.success).toBe(true);
    expect(result.output).toBe(`data:image/png;base64,${smallPng.toString('base64')}`);
    expect(result.metadata).toEqual({ mime: 'image/png', size: smallPng.length, width: 3, height: 2, source: 'img/shot.png', detail: 'auto' });
  });

  it('reads JPEG dimensions from the start-of-frame segment', async () => {
    const result = await imageTool.execute({ path: join(root, 'img', 'photo.jpg'), detail: 'high' }, testToolContext(root));
    expect(result.output.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
    expect(result.metadata).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480, detail: 'high' });
  });

  it('recognises GIF and WebP headers', () => {
    expect(identifyImage(gif(17, 9))).toEqual({ mime: 'image/gif', width: 17, height: 9 });
    expect(identifyImage(webpVp8x(1920, 1080))).toEqual({ mime: 'image/webp', width: 1920, height: 1080 });
    expect(identifyImage(Buffer.from('GIF8'))).toBeUndefined();
  });

  it('downloads an image from an http URL', async () => {
    const result = await imageTool.execute({ path: `${server.url}/pic.png` }, testToolContext(root));
    expect(result.metadata).toMatchObject({ mime: 'image/png', width: 3, height: 2, source: `${server.url}/pic.png` });
  });

  it('refuses files over 10 MB', async () => {
    const result = await imageTool.execute({ path: 'huge.png' }, testToolContext(root));
    expect(errorBody(result.output)).toMatchObject({ code: 'INVALID_ARGUMENT', size: 10 * 1024 * 1024 + 1 });
    expect(errorBody(result.output).message).toContain('larger than 10.0 MB are refused');
  });

  it('refuses things that are not images', async () => {
    const file = await imageTool.execute({ path: 'notes.txt' }, testToolContext(root));
    expect(errorBody(file.output).message).toBe('notes.txt is not a supported image: only PNG, JPEG, GIF and WebP can be loaded.');
    const page = await imageTool.execute({ path: `${server.url}/page` }, testToolContext(root));
    expect(errorBody(page.output).message).toContain('(served as text/html) is not a supported image');
  });

  it('refuses paths outside the workspace and reports missing ones', async () => {
    const outside = await imageTool.execute({ path: '../escape.png' }, testToolContext(root));
    expect(errorBody(outside.output).code).toBe('PERMISSION_DENIED');
    const missing = await imageTool.execute({ path: 'img/none.png' }, testToolContext(root));
    expect(errorBody(missing.output).code).toBe('NOT_FOUND');
    const http404 = await imageTool.execute({ path: `${server.url}/gone.png` }, testToolContext(root));
    expect(errorBody(http404.output)).toMatchObject({ code: 'EXECUTION_FAILED', status: 404 });
  });

  it('exposes a stable model-visible schema', () => {
    expect(toolSpec(imageTool)).toMatchSnapshot();
  });
});
