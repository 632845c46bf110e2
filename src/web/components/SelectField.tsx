import type { ReactNode, SelectHTMLAttributes } from 'react';
import { Field } from './Field';

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
};

export function SelectField({
  label,
  hint,
  error,
  className,
  children,
  ...props
}: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select className="input" {...control} {...props}>
          {children}
        </select>
      )}
    </Field>
  );
}
