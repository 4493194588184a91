import { ValidationError } from '../shared/errors.js';
import { parseSigningKeys, type SigningOptions } from '../snapshot/signature.js';

/** Options of the commands that sign or check signatures. */
export const SIGNING_OPTIONS = {
  'signing-key': { type: 'string', multiple: true },
  'allow-unsigned': { type: 'boolean' },
} as const;

/**
 * `--signing-key` (repeatable, or a comma-separated list), else INDEX_VAULT_SIGNING_KEY; the
 * environment is the better place for a secret, which a command line shows to every user of the machine.
 */
export function cliSigning(values: Record<string, unknown>, env: Record<string, string | undefined>): SigningOptions | undefined {
  const flags = values['signing-key'] as string[] | undefined;
  // An empty value is a variable that was not set: signing nothing, silently, would be worse than stopping.
  if (flags?.some((f) => f.trim() === ''))
    throw new ValidationError('--signing-key is empty', {
      hint: 'check the variable that should hold the key; leave the flag out to neither sign nor check',
    });
  const texts = flags && flags.length > 0 ? flags : env.INDEX_VAULT_SIGNING_KEY ? [env.INDEX_VAULT_SIGNING_KEY] : [];
  const keys = parseSigningKeys(texts, flags && flags.length > 0 ? '--signing-key' : 'INDEX_VAULT_SIGNING_KEY');
  return keys.length === 0 ? undefined : { keys, allowUnsigned: values['allow-unsigned'] === true };
}
