/** Nothing at or above --fail-on. */
export const EXIT_OK = 0;
/** Findings at or above --fail-on. */
export const EXIT_FINDINGS = 1;
/** Usage or configuration error, nothing scannable, an output that cannot be written, or an internal error. */
export const EXIT_USAGE = 2;
