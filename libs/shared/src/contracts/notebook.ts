import { field } from '../schema';

/** What packages/notebook publishes. */
export const notebookOutputs = {
  lifecycleConfigName: field.string('Name of the notebook lifecycle configuration'),
} as const;
