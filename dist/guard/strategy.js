export const STRATEGIES = ['directory-copy', 'lance-version'];
