/**
 * Functions only the platform may run (payment and refund callbacks, timers). The function security rules refuse
 * clients already; this is the second wall, for a console where the rules were never applied or were edited: a call
 * that carries a user's OPENID came from a mini program (or from a function acting for one), never from WeChat Pay
 * or a timer, so it is refused before anything is read or written.
 */
import { cloud } from './cloud';
import { failure, type Failure } from './envelope';

export function invokedByUser(): boolean {
  const { OPENID } = cloud.getWXContext();
  return typeof OPENID === 'string' && OPENID !== '';
}

/** What a timer answers a user who invoked it: nothing done. */
export function refusedForUser(functionName: string): Failure {
  console.warn(`${functionName}: refused an invocation by a mini program user`);
  return failure('FORBIDDEN');
}
