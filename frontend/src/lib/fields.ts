/**
 * The ids that describe a form field, for aria-describedby: its hint (`<uid>-<field>-hint`) when
 * it has one and its error (`<uid>-<field>-error`) when it shows one; undefined when neither.
 */
export function fieldDescribedBy(uid: string, field: string, hint: boolean, hasError: boolean): string | undefined {
  const ids = [hint && `${uid}-${field}-hint`, hasError && `${uid}-${field}-error`].filter((id): id is string => !!id);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
