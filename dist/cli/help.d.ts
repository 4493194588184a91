/** One line per option, shared by every command that takes it; `value` names its argument. */
export declare const OPTION_HELP: Record<string, {
    value?: string;
    text: string;
}>;
/** What each command does with `--name` left out, and examples a user can copy. */
export declare const COMMAND_NOTES: Record<string, {
    name?: string;
    examples: string[];
}>;
export declare function commandHelp(command: string, about: string, usage: string, options: Record<string, {
    type: string;
    short?: string;
}>): string;
