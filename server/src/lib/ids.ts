import { uuidv7 } from 'uuidv7';

/** Time-ordered ids keep B-tree inserts at the right edge of the index. */
export const newId = (): string => uuidv7();
