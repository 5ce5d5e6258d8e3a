/** The account header's buttons: icons only on a phone (the label stays for screen readers), icon and label from `sm` up. */
export const HEADER_BUTTON = 'h-9 px-2.5 sm:h-10 sm:px-4';
export const HEADER_BUTTON_LABEL = 'sr-only sm:not-sr-only';
