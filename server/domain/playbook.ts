/** Limits for playbook methods, shared by the router (which enforces them) and the settings form (which warns first). */
export const METHOD_NAME_MAX = 120;
export const METHOD_DESCRIPTION_MAX = 1000;
/** A step's list stays readable; a reorder names at most this many methods. */
export const MAX_METHODS_PER_TRANSITION = 30;
