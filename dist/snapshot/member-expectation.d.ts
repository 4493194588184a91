/** What a pack member must be, as the manifest says: every reader checks members against this. */
export interface MemberExpectation {
    member: string;
    type: 'file' | 'dir' | 'symlink';
    size?: number;
    sha256?: string;
    target?: string;
    /** Raw position of the record in the pack, for ranged reads. */
    raw?: number;
    span?: number;
    /** The compressed range of whole frames holding the record, and the raw bytes before it in the first. */
    offset?: number;
    length?: number;
    skip?: number;
}
