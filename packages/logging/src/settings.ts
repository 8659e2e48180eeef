/** Settings of the `secure-ml-logging:` namespace. */
export const loggingSettings = {} as const;
