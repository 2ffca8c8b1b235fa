import { Protocol } from '@colyseus/core';
import { unpack } from 'msgpackr';

/** Colyseus 0.18 puts the protocol code in the low five bits of a frame's first byte (PROTOCOL_CODE_MASK). */
const CODE_MASK = 0x1f;

/** Bytes after the prefix of each number form of the Colyseus wire (schema's `decode.number`); -1: not a number. */
function numberWidth(prefix: number): number {
  if (prefix < 0x80 || prefix > 0xdf) return 0;
  switch (prefix) {
    case 0xcc:
    case 0xd0:
      return 1;
    case 0xcd:
    case 0xd1:
      return 2;
    case 0xca:
    case 0xce:
    case 0xd2:
      return 4;
    case 0xcb:
    case 0xcf:
    case 0xd3:
      return 8;
    default:
      return -1;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a message type (string or number) at `at`; the offset after it, or -1 if it is not one. */
function skipType(b: Uint8Array, at: number): number {
  const prefix = b[at];
  if (prefix === undefined) return -1;
  let head = 1;
  let length: number;
  // 0xa0 is the empty string (the SDK sends `send('', …)` so); Colyseus reads it as no type, and the room refuses it.
  if (prefix >= 0xa0 && prefix < 0xc0) length = prefix & 0x1f;
  else if (prefix === 0xd9) [head, length] = [2, b[at + 1] ?? -1];
  else if (prefix === 0xda) [head, length] = [3, at + 2 < b.length ? (b[at + 1]! << 8) | b[at + 2]! : -1];
  else if (prefix === 0xdb) return -1; // a 4 GiB type name: never sent by a real client
  else {
    const w = numberWidth(prefix);
    return w < 0 || at + 1 + w > b.length ? -1 : at + 1 + w;
  }
  const start = at + head;
  if (length < 0 || start + length > b.length) return -1;
  try {
    // Colyseus' own string decoder prints an error for every bad UTF-8 byte: check before it sees one.
    utf8.decode(b.subarray(start, start + length));
  } catch {
    return -1;
  }
  return start + length;
}

/** Whether the msgpack payload from `at` to the end decodes (an empty one does). */
function payloadDecodes(b: Uint8Array, at: number): boolean {
  if (at >= b.length) return true;
  try {
    unpack(b.subarray(at));
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a client→server frame is not one the room can take, or null when it is well-formed:
 * it must be a non-empty binary frame with a protocol code this room uses (join, leave, ping,
 * a message, a bytes message, a request), a valid message type, and a payload that decodes.
 * Colyseus would otherwise print a stack trace and drop the client for each one (RoomMessages
 * `onData`), or print per bad byte (schema `utf8Read`).
 */
export function malformation(frame: unknown): string | null {
  if (!(frame instanceof Uint8Array) || frame.length === 0) return 'empty or not binary';
  const code = frame[0]! & CODE_MASK;
  switch (code) {
    case Protocol.JOIN_ROOM:
    case Protocol.LEAVE_ROOM:
    case Protocol.PING:
      return null;
    case Protocol.ROOM_DATA: {
      const at = skipType(frame, 1);
      if (at < 0) return 'bad message type';
      return payloadDecodes(frame, at) ? null : 'payload does not decode';
    }
    case Protocol.ROOM_DATA_BYTES:
      return skipType(frame, 1) < 0 ? 'bad message type' : null;
    case Protocol.ROOM_REQUEST: {
      const w = numberWidth(frame[1] ?? 0xc1);
      if (w < 0 || 2 + w > frame.length) return 'bad request id';
      const at = skipType(frame, 2 + w);
      if (at < 0) return 'bad message type';
      return payloadDecodes(frame, at) ? null : 'payload does not decode';
    }
    default:
      return `unknown protocol code ${code}`;
  }
}
