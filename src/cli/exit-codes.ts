/** Nothing at or above --fail-on. */
export const EXIT_OK = 0;
/** Findings at or above --fail-on. */
export const EXIT_FINDINGS = 1;
/** Usage or configuration error, or nothing scannable. */
export const EXIT_USAGE = 2;
