import { IntegrityError } from '../../shared/errors.js';
/** The member a file's content is stored under (its own path unless shared with another). */
export function memberOf(entry) {
    return entry.loc.member ?? entry.path;
}
/**
 * Everything a manifest says about the members of one pack, keyed by member name. The first pack
 * a snapshot writes also carries its directories and symlinks (so plain tar recreates them).
 */
export function packExpectations(manifest, packIndex) {
    const out = new Map();
    const pack = manifest.packs[packIndex];
    const firstOwn = manifest.packs.findIndex((p) => p.origin === manifest.id);
    for (const e of manifest.entries) {
        if (e.type === 'file') {
            if (e.loc.pack !== packIndex)
                continue;
            const member = memberOf(e);
            const prev = out.get(member);
            if (prev) {
                if (prev.sha256 !== e.sha256 || prev.size !== e.size || prev.raw !== e.loc.raw) {
                    throw new IntegrityError(`manifest ${manifest.id} gives member ${member} of ${pack.name} two different contents`);
                }
                continue;
            }
            out.set(member, {
                member,
                type: 'file',
                size: e.size,
                sha256: e.sha256,
                raw: e.loc.raw,
                span: e.loc.span,
                offset: e.loc.offset,
                length: e.loc.length,
                skip: e.loc.skip,
            });
        }
        else if (packIndex === firstOwn && pack.origin === manifest.id) {
            out.set(e.path, e.type === 'symlink' ? { member: e.path, type: 'symlink', target: e.target } : { member: e.path, type: 'dir' });
        }
    }
    return out;
}
