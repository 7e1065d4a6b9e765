/** Search covers the title and this much of the prompt: enough to find a task by what it asks, without indexing megabytes. */
export const FTS_PROMPT_CHARS = 8192;

/** The part of a prompt its search entry holds. */
export const searchPromptOf = (prompt: string): string => (prompt.length > FTS_PROMPT_CHARS ? prompt.slice(0, FTS_PROMPT_CHARS) : prompt);
