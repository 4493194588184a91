const KINDS = ['file', 'dir', 'symlink'];
export function packMembers(members) {
    const n = members.length;
    let destTotal = 0;
    for (const m of members)
        destTotal += m.dests?.length ?? 0;
    const parts = [];
    const lengths = new Uint32Array(n + destTotal);
    const kinds = new Uint8Array(n);
    const sizes = new Float64Array(n);
    const raws = new Float64Array(n);
    const hasSha = new Uint8Array(n);
    const shas = [];
    const targets = [];
    const destCounts = new Uint32Array(n);
    const destModes = new Uint32Array(destTotal);
    const destMtimes = new Float64Array(destTotal);
    const rels = [];
    let d = 0;
    members.forEach((m, i) => {
        parts.push(m.member);
        lengths[i] = m.member.length;
        kinds[i] = KINDS.indexOf(m.type) | (m.hash ? 0x80 : 0);
        sizes[i] = m.size ?? NaN;
        raws[i] = m.raw ?? NaN;
        if (m.sha256 !== undefined) {
            hasSha[i] = 1;
            shas.push(m.sha256);
        }
        if (m.type === 'symlink')
            targets.push(m.target);
        destCounts[i] = m.dests?.length ?? 0;
        for (const dest of m.dests ?? []) {
            rels.push(dest.rel);
            lengths[n + d] = dest.rel.length;
            destModes[d] = dest.mode;
            destMtimes[d++] = dest.mtimeMs;
        }
    });
    // A sha256 that is not 64 characters would shift every later one: each is checked to be one where it is read (parseManifest).
    if (shas.some((s) => s.length !== 64))
        throw new TypeError('a member sha256 is not 64 characters');
    const text = parts.join('') + rels.join('');
    return { count: n, text, lengths, kinds, sizes, raws, sha256: shas.join(''), hasSha, targets, destCounts, destModes, destMtimes };
}
export function unpackMembers(p) {
    const out = [];
    let at = 0;
    const next = (k) => p.text.slice(at, (at += p.lengths[k]));
    const names = [];
    for (let i = 0; i < p.count; i++)
        names.push(next(i));
    let d = 0;
    let sha = 0;
    let link = 0;
    for (let i = 0; i < p.count; i++) {
        const type = KINDS[p.kinds[i] & 0x7f];
        const m = { member: names[i], type };
        if (!Number.isNaN(p.sizes[i]))
            m.size = p.sizes[i];
        if (p.hasSha[i])
            m.sha256 = p.sha256.slice(64 * sha, 64 * ++sha);
        if (type === 'symlink')
            m.target = p.targets[link++];
        if (!Number.isNaN(p.raws[i]))
            m.raw = p.raws[i];
        const count = p.destCounts[i];
        if (count > 0) {
            const dests = [];
            for (let j = 0; j < count; j++, d++)
                dests.push({ rel: next(p.count + d), mode: p.destModes[d], mtimeMs: p.destMtimes[d] });
            m.dests = dests;
        }
        if (p.kinds[i] & 0x80)
            m.hash = true;
        out.push(m);
    }
    return out;
}
