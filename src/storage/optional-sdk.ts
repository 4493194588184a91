import { UnsupportedError } from '../shared/errors.js';

/** The optional peer dependencies, with the versions this release is tested with. */
export const OPTIONAL_SDKS = {
  s3: { packages: ['@aws-sdk/client-s3@^3.1169.0', '@aws-sdk/lib-storage@^3.1169.0'], purpose: 's3:// stores' },
  azure: { packages: ['@azure/storage-blob@^12.32.0'], purpose: 'azure:// stores' },
  artifact: { packages: ['@actions/artifact@^6.2.1'], purpose: 'the GitHub artifact backend' },
  cache: { packages: ['@actions/cache@^6.3.0', '@azure/storage-blob@^12.32.0'], purpose: 'the GitHub cache backend' },
} as const;

/**
 * Loads a cloud client on first use: a CLI that backs up to a local directory installs none of
 * them. A missing one is one line naming the exact command that installs it.
 */
export async function loadOptional<T>(sdk: keyof typeof OPTIONAL_SDKS, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const { packages, purpose } = OPTIONAL_SDKS[sdk];
    const names = packages.map((p) => p.slice(0, p.lastIndexOf('@')));
    if ((e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') && names.some((n) => e.message.includes(`'${n}`))) {
      throw new UnsupportedError(`${purpose} need ${names.join(' and ')}, which ${names.length > 1 ? 'are' : 'is'} not installed`, {
        hint: `npm install ${packages.join(' ')}; add -g if index-vault was installed with -g`,
        cause: err,
        details: { packages: names },
      });
    }
    throw err;
  }
}
