export declare const TOOL_NAME = "index-vault";
export declare const TOOL_VERSION: string;
export declare const TOOL: string;
