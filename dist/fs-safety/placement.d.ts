/** A directory and what it is to the user, for the message: "the store", "the source directory". */
export interface Place {
    path: string;
    role: string;
}
/** Whether `inner` is `outer` or lies below it (both real paths). */
export declare function isWithin(inner: string, outer: string): boolean;
/**
 * The one rule for directories that must not nest: a store, backup directory or cache inside the
 * tree it keeps (or the tree inside it) would be left out of the snapshot and then erased by the
 * restore that makes the tree exactly the snapshot. Refused with E_VALIDATION.
 */
export declare function assertApart(tree: Place, other: Place): void;
