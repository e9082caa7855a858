/** Checks an annotator name the way main does, to explain a bad name before any call. */
import { ANNOTATOR_NAME_RE } from '../../../../shared/api.js';

/** Null when `name` is acceptable, else a one-line reason. */
export function annotatorNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a name.';
  if (name.trim() !== name) return 'Remove the spaces at the start or end.';
  if (!ANNOTATOR_NAME_RE.test(name)) return 'Use up to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.';
  return null;
}
