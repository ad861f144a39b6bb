/**
 * Writes a binary rpm header (the layout header.ts reads) from string and int32 tags. Used to
 * condense a database to the few tags the inventory needs, so the condensed form is itself a
 * well-formed rpm header that the ordinary reader decodes.
 */

export type HeaderValue = { readonly kind: 'string'; readonly value: string } | { readonly kind: 'int32'; readonly value: number };

const TYPE_INT32 = 4;
const TYPE_STRING = 6;

export function encodeHeader(tags: ReadonlyMap<number, HeaderValue>): Buffer {
  const entries = [...tags].sort(([a], [b]) => a - b);
  const index = Buffer.alloc(entries.length * 16);
  const data: Buffer[] = [];
  let length = 0;
  entries.forEach(([tag, value], i) => {
    let bytes: Buffer;
    if (value.kind === 'int32') {
      // int32 data is 4-aligned in the data store, as rpm requires.
      const pad = (4 - (length % 4)) % 4;
      data.push(Buffer.alloc(pad));
      length += pad;
      bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(value.value >>> 0);
    } else {
      bytes = Buffer.from(`${value.value}\0`, 'utf8');
    }
    index.writeInt32BE(tag, i * 16);
    index.writeUInt32BE(value.kind === 'int32' ? TYPE_INT32 : TYPE_STRING, i * 16 + 4);
    index.writeInt32BE(length, i * 16 + 8);
    index.writeUInt32BE(1, i * 16 + 12);
    data.push(bytes);
    length += bytes.length;
  });
  const preamble = Buffer.alloc(8);
  preamble.writeUInt32BE(entries.length, 0);
  preamble.writeUInt32BE(length, 4);
  return Buffer.concat([preamble, index, ...data]);
}
