// Encoding messages in the AWS event-stream binary framing (the
// `application/vnd.amazon.eventstream` body of Bedrock's converse-stream):
//
//   total length u32 | headers length u32 | prelude CRC32 u32
//   headers | payload | message CRC32 u32
//
// Each header is: name length u8, name, value type u8 (7 = string),
// value length u16, value. All integers are big-endian.
import { crc32 } from 'node:zlib';

const PRELUDE_BYTES = 12;
const CRC_BYTES = 4;
const STRING_VALUE_TYPE = 7;

export const AWS_EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

function encodeHeaders(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    let offset = header.writeUInt8(nameBytes.length, 0);
    offset += nameBytes.copy(header, offset);
    offset = header.writeUInt8(STRING_VALUE_TYPE, offset);
    offset = header.writeUInt16BE(valueBytes.length, offset);
    valueBytes.copy(header, offset);
    parts.push(header);
  }
  return Buffer.concat(parts);
}

export function encodeEventStreamMessage(headers: Record<string, string>, payload: Uint8Array): Uint8Array {
  const headerBytes = encodeHeaders(headers);
  const totalLength = PRELUDE_BYTES + headerBytes.length + payload.length + CRC_BYTES;
  const message = Buffer.alloc(totalLength);
  message.writeUInt32BE(totalLength, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, PRELUDE_BYTES);
  Buffer.from(payload).copy(message, PRELUDE_BYTES + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, totalLength - CRC_BYTES)), totalLength - CRC_BYTES);
  return message;
}

/** A Bedrock stream event: `:message-type` event, JSON payload. */
export function encodeJsonEvent(eventType: string, payload: unknown): Uint8Array {
  const headers = { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' };
  return encodeEventStreamMessage(headers, Buffer.from(JSON.stringify(payload), 'utf8'));
}

