/** How a thrown value is reported to the caller: `<Name>: <message>` followed by the (source-mapped) stack. */
import { inspect } from 'node:util';

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const headline = `${error.name}: ${error.message}`;
    // Node's own errors head their stack with `Error [CODE]: message` rather than `Error: message`.
    const stackHasHeadline = error.stack?.split('\n')[0]?.endsWith(error.message) ?? false;
    return stackHasHeadline ? (error.stack ?? headline) : `${headline}\n${error.stack ?? ''}`.trimEnd();
  }
  return typeof error === 'string' ? error : inspect(error, { depth: 4 });
}
