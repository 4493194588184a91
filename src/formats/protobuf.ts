import { IntegrityError } from '../shared/errors.js';

/** One field of a protobuf message: varints as bigint, length-delimited fields as bytes. */
export type ProtoField =
  { field: number; wire: 0; value: bigint } | { field: number; wire: 2; value: Buffer } | { field: number; wire: 1 | 5; value: Buffer };

/**
 * Walks the fields of a protobuf message. Just enough of the wire format to read the few
 * manifest fields a snapshot needs, without a protobuf dependency or generated code.
 */
export function* protoFields(buf: Buffer, what: string): Generator<ProtoField> {
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length || shift > 63n) throw new IntegrityError(`${what}: truncated protobuf varint`);
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) yield { field, wire, value: varint() };
    else if (wire === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new IntegrityError(`${what}: protobuf field ${field} runs past the end`);
      yield { field, wire, value: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 1 || wire === 5) {
      const len = wire === 1 ? 8 : 4;
      if (pos + len > buf.length) throw new IntegrityError(`${what}: truncated fixed-width field`);
      yield { field, wire, value: buf.subarray(pos, pos + len) };
      pos += len;
    } else throw new IntegrityError(`${what}: unsupported protobuf wire type ${wire}`);
  }
}
