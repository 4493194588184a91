/** One field of a protobuf message: varints as bigint, length-delimited fields as bytes. */
export type ProtoField = {
    field: number;
    wire: 0;
    value: bigint;
} | {
    field: number;
    wire: 2;
    value: Buffer;
} | {
    field: number;
    wire: 1 | 5;
    value: Buffer;
};
/**
 * Walks the fields of a protobuf message. Just enough of the wire format to read the few
 * manifest fields a snapshot needs, without a protobuf dependency or generated code.
 */
export declare function protoFields(buf: Buffer, what: string): Generator<ProtoField>;
