/** The denix version, shown by `denix --version` and the kernel's boot log. */
export const VERSION = "0.1.0";
