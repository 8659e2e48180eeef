/** Settings of the `secure-ml-notebook:` namespace. */
export const notebookSettings = {} as const;
