/** Exit codes by error code: scripts can tell "nothing to restore" from "the store is damaged". */
export const EXIT_CODES = {
    E_VALIDATION: 2,
    E_NOT_FOUND: 3,
    E_INTEGRITY: 4,
    E_UNSAFE_ENTRY: 4,
    E_LOCKED: 5,
    E_IO: 6,
    E_PORTABILITY: 7,
    E_STORAGE: 8,
    E_CHANGED: 9,
    E_TARGET_NOT_EMPTY: 10,
    E_UNSUPPORTED: 11,
    E_ROLLBACK: 12,
    E_LANCE: 13,
    E_SIGNATURE: 14,
};
