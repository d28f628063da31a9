import { useContext, useId, type ReactNode } from 'react';
import { LockNotice, LockShownAbove, useLock } from './policy-locks.tsx';

/** What a field's control is given to be labelled, described and marked invalid. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: true;
  /** The settings path the control edits, so an error summary can move the focus to it. */
  readonly 'data-path'?: string;
}

/**
 * A labelled field: the label, the control, the help under it and the refusals of its value
 * (linked to the control with aria-describedby, so a screen reader reads them with it).
 */
export function Field(props: {
  readonly label: string;
  readonly help?: ReactNode;
  readonly errors?: readonly string[];
  readonly required?: boolean;
  /** The settings path, as SettingsError writes it. */
  readonly path?: string;
  readonly className?: string;
  /** A secret: kept in the keychain, not in settings, so no policy lock applies to it. */
  readonly secret?: boolean;
  readonly children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const shownAbove = useContext(LockShownAbove);
  const lock = useLock(props.secret === true ? undefined : props.path);
  const lockId = shownAbove ?? `${id}-lock`;
  const errors = props.errors ?? [];
  const described = [lock && lockId, errors.length > 0 && errorId, props.help && helpId]
    .filter(Boolean)
    .join(' ');
  const control = props.children({
    id,
    ...(described && { 'aria-describedby': described }),
    ...(errors.length > 0 && { 'aria-invalid': true }),
    ...(props.path !== undefined && { 'data-path': props.path }),
  });
  return (
    <div
      className={`field ${props.className ?? ''}`}
      data-invalid={errors.length > 0 || undefined}
      data-locked={lock ? true : undefined}
    >
      <label htmlFor={id}>{props.label}</label>
      {props.required && <span className="field__required"> required</span>}
      {lock ? (
        // A disabled fieldset makes every control inside read-only, however it is built.
        <fieldset disabled className="field__locked">
          {control}
        </fieldset>
      ) : (
        control
      )}
      {lock && shownAbove === null && <LockNotice id={lockId} lock={lock} />}
      <FieldErrors id={errorId} errors={errors} />
      {props.help && (
        <p id={helpId} className="field__help muted">
          {props.help}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label after it, its help and its refusals. */
export function CheckboxField(props: {
  readonly label: string;
  readonly help?: ReactNode;
  readonly errors?: readonly string[];
  readonly path?: string;
  readonly checked: boolean;
  readonly disabled?: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  const id = useId();
  const errors = props.errors ?? [];
  const lock = useLock(props.path);
  const shownAbove = useContext(LockShownAbove);
  const described = [
    lock && (shownAbove ?? `${id}-lock`),
    errors.length > 0 && `${id}-error`,
    props.help && `${id}-help`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field field--check" data-invalid={errors.length > 0 || undefined}>
      <span className="field__check">
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          disabled={props.disabled === true || lock !== undefined}
          onChange={(event) => props.onChange(event.target.checked)}
          {...(described && { 'aria-describedby': described })}
          {...(errors.length > 0 && { 'aria-invalid': true })}
          {...(props.path !== undefined && { 'data-path': props.path })}
        />
        <label htmlFor={id}>{props.label}</label>
      </span>
      {lock && shownAbove === null && <LockNotice id={`${id}-lock`} lock={lock} />}
      <FieldErrors id={`${id}-error`} errors={errors} />
      {props.help && (
        <p id={`${id}-help`} className="field__help muted">
          {props.help}
        </p>
      )}
    </div>
  );
}

/** The refusals of a field's value, as a list the control points at. */
export function FieldErrors(props: { readonly id: string; readonly errors: readonly string[] }) {
  if (props.errors.length === 0) return null;
  return (
    <ul id={props.id} className="field__errors notice notice--error">
      {props.errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}
