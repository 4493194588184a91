import pkg from '../../package.json' with { type: 'json' };

export const TOOL_NAME = 'index-vault';
export const TOOL_VERSION: string = pkg.version;
export const TOOL = `${TOOL_NAME} ${TOOL_VERSION}`;
