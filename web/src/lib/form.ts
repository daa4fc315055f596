import { useState } from 'react';
import type { z } from 'zod';
import { ApiError } from './api.ts';

export type FieldErrors = Record<string, string | undefined>;

/** Zod issues of a contract schema as field errors keyed by the first path segment. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_');
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

/** A small form state: values, field errors (from the contract or from the server) and a form-level error. */
export function useFormState<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  return {
    values,
    errors,
    formError,
    setValues,
    setErrors,
    setFormError,
    set: <K extends keyof T>(key: K, value: T[K]) => {
      setValues((v) => ({ ...v, [key]: value }));
      setErrors((e) => (e[key as string] ? { ...e, [key as string]: undefined } : e));
    },
    /** Shows a failed request: field errors beside their fields, anything else above the form. */
    showError: (err: unknown) => {
      if (err instanceof ApiError) {
        const fields = err.fieldErrors;
        const known = Object.keys(fields).filter((k) => k.split('.')[0]! in initial);
        if (known.length > 0) {
          const mapped: FieldErrors = {};
          for (const k of known) mapped[k.split('.')[0]!] = fields[k];
          setErrors(mapped);
          setFormError(null);
          return;
        }
        setFormError(err.message);
        return;
      }
      setFormError(err instanceof Error ? err.message : String(err));
    },
    reset: (next: T) => {
      setValues(next);
      setErrors({});
      setFormError(null);
    },
  };
}
