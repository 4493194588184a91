/** The optional peer dependencies, with the versions this release is tested with. */
export declare const OPTIONAL_SDKS: {
    readonly s3: {
        readonly packages: readonly ["@aws-sdk/client-s3@^3.1169.0", "@aws-sdk/lib-storage@^3.1169.0"];
        readonly purpose: "s3:// stores";
    };
    readonly azure: {
        readonly packages: readonly ["@azure/storage-blob@^12.32.0"];
        readonly purpose: "azure:// stores";
    };
    readonly artifact: {
        readonly packages: readonly ["@actions/artifact@^6.2.1"];
        readonly purpose: "the GitHub artifact backend";
    };
    readonly cache: {
        readonly packages: readonly ["@actions/cache@^6.3.0", "@azure/storage-blob@^12.32.0"];
        readonly purpose: "the GitHub cache backend";
    };
};
/**
 * Loads a cloud client on first use: a CLI that backs up to a local directory installs none of
 * them. A missing one is one line naming the exact command that installs it.
 */
export declare function loadOptional<T>(sdk: keyof typeof OPTIONAL_SDKS, load: () => Promise<T>): Promise<T>;
