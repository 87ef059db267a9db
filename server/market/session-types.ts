/** Trading session of a US equity print, in America/New_York time. Small integers for typed arrays. */
export const Session = {
  Closed: 0,
  Pre: 1,
  Regular: 2,
  Post: 3,
} as const;
export type Session = (typeof Session)[keyof typeof Session];

export const SESSION_NAMES: readonly string[] = ['closed', 'pre', 'regular', 'post'];
