import type { ConnectionTest } from '../../../../preload/api.ts';

/** The answer of "Test connection", in plain words, announced to screen readers. */
export function TestResult(props: { readonly result: ConnectionTest | 'running' | undefined }) {
  const { result } = props;
  return (
    <p
      className={`test-result ${result && result !== 'running' ? (result.ok ? 'notice notice--ok' : 'notice notice--error') : ''}`}
      role="status"
      aria-live="polite"
      data-outcome={
        result === undefined
          ? undefined
          : result === 'running'
            ? 'running'
            : result.ok
              ? 'ok'
              : 'failed'
      }
    >
      {result === 'running'
        ? 'Testing the connection…'
        : result === undefined
          ? ''
          : `${result.ok ? 'Connected: ' : 'Not connected: '}${result.message}`}
    </p>
  );
}
