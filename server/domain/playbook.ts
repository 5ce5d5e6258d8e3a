/** Limits for playbook methods, shared by the router (which enforces them) and the settings form (which warns first). */
export const METHOD_NAME_MAX = 120;
export const METHOD_DESCRIPTION_MAX = 1000;
/** An action phrase starts an action's title, which also names the account and the buyer: it stays short. */
export const METHOD_ACTION_PHRASE_MAX = 80;
/** A step's list stays readable; a reorder names at most this many methods. */
export const MAX_METHODS_PER_TRANSITION = 30;
