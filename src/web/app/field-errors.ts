import { ApiError, InvalidInputError } from './api';
import type { FieldProblem } from './api';

export type FieldErrors = Record<string, string>;

function problemsOf(error: unknown): FieldProblem[] {
  if (error instanceof ApiError || error instanceof InvalidInputError) return error.details;
  return [];
}

function fieldOf(path: string): string {
  return path.split(/[.[]/)[0] ?? '';
}

/** "is required" beside "Name" reads "Name is required."; whole sentences stay as they are. */
export function fieldMessage(label: string, message: string): string {
  const first = message.charAt(0);
  const sentence = first && first === first.toLowerCase() ? `${label} ${message}` : message;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * Messages to show beside fields, keyed by the first segment of each path ("schoolIds.0" →
 * "schoolIds"), worded with the field's label. The first message for a field wins.
 */
export function fieldErrorsFrom(error: unknown, labels: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problemsOf(error)) {
    const field = fieldOf(problem.path);
    if (field && !(field in errors)) {
      errors[field] = fieldMessage(labels[field] ?? field, problem.message);
    }
  }
  return errors;
}

/** Every problem as a sentence, for the summary at the top of a form. */
export function problemListFrom(error: unknown, labels: Record<string, string>): string[] {
  const seen = new Set<string>();
  for (const problem of problemsOf(error)) {
    const field = fieldOf(problem.path);
    const label = labels[field] ?? (field || 'This form');
    seen.add(fieldMessage(label, problem.message));
  }
  return [...seen];
}
