import fc from 'fast-check';

/**
 * fc.assert with a seed the caller must give, so a property sees the same cases on every run. A failure says how to
 * run the failing case alone: fast-check replays it from its seed and path.
 */
export function assertSeeded<Ts>(property: fc.IProperty<Ts>, params: fc.Parameters<Ts> & { seed: number }): void {
  const details = fc.check(property, params);
  if (!details.failed) return;
  const replay = `{ seed: ${details.seed}, path: '${details.counterexamplePath}', endOnFailure: true }`;
  throw new Error(
    `${fc.defaultReportMessage(details)}\nTo re-run only this case, add ${replay} to this property's parameters.`,
    { cause: details.errorInstance },
  );
}
